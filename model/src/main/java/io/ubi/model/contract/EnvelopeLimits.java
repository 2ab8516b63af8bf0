package io.ubi.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The bounds on one envelope's shape, checked before anything else reads it: its serialised size,
 * the length of any string (keys included), its nesting depth and its number of fields. An envelope
 * past one of them is rejected with the path where the bound was crossed, never with the offending
 * value, so a hostile document cannot make its own error message large. Both entry points apply
 * them through {@link EnvelopeValidator}: the ingest API answers per item, and the speed layer
 * sends the envelope to the DLQ with the same reason.
 *
 * <p>The bounds are product limits, not tenant settings: a legitimate PM-3 envelope is a few
 * hundred bytes to a few kilobytes, and nothing UBI derives needs more than these allow.
 */
public final class EnvelopeLimits {
  /** The envelope serialised as JSON in UTF-8. */
  public static final int MAX_BYTES = 64 * 1024;

  /** Any string value or object key, in UTF-16 code units. */
  public static final int MAX_STRING_LENGTH = 8 * 1024;

  /** Levels of objects and arrays; the envelope itself is level 1. */
  public static final int MAX_DEPTH = 10;

  /** Object fields and array elements at every level together. */
  public static final int MAX_FIELDS = 512;

  /** At most this many limit violations are reported; the first ones say what to fix. */
  static final int MAX_REPORTED = 5;

  private EnvelopeLimits() {}

  /**
   * Adds a message per bound crossed (at most {@link #MAX_REPORTED}) and returns whether the
   * envelope stays within all of them.
   */
  static boolean check(JsonNode envelope, List<String> errors) {
    int before = errors.size();
    int[] fields = {0};
    walk(envelope, "", 1, fields, errors);
    if (fields[0] > MAX_FIELDS && errors.size() - before < MAX_REPORTED) {
      errors.add(
          "envelope: holds "
              + fields[0]
              + " fields and array elements; at most "
              + MAX_FIELDS
              + " are accepted");
    }
    if (errors.size() == before) {
      int bytes = Json.write(envelope).getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_BYTES) {
        errors.add(
            "envelope: is "
                + bytes
                + " bytes as JSON; at most "
                + MAX_BYTES
                + " are accepted (store large content at the source and send a reference)");
      }
    }
    return errors.size() == before;
  }

  private static void walk(JsonNode node, String path, int depth, int[] fields, List<String> e) {
    if (e.size() >= MAX_REPORTED) {
      return;
    }
    if (node.isTextual() && node.textValue().length() > MAX_STRING_LENGTH) {
      e.add(
          label(path)
              + ": a string of "
              + node.textValue().length()
              + " characters; at most "
              + MAX_STRING_LENGTH
              + " are accepted");
      return;
    }
    if (!node.isContainerNode()) {
      return;
    }
    if (depth > MAX_DEPTH) {
      e.add(label(path) + ": nests deeper than " + MAX_DEPTH + " levels of objects and arrays");
      return;
    }
    fields[0] += node.size();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", depth + 1, fields, e);
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().length() > MAX_STRING_LENGTH) {
        e.add(
            label(path)
                + ": has a field name of "
                + f.getKey().length()
                + " characters; at most "
                + MAX_STRING_LENGTH
                + " are accepted");
        continue;
      }
      walk(
          f.getValue(),
          path.isEmpty() ? f.getKey() : path + "." + f.getKey(),
          depth + 1,
          fields,
          e);
    }
  }

  /** A path as shown in messages, cut short: field names come from the sender. */
  private static String label(String path) {
    if (path.isEmpty()) {
      return "envelope";
    }
    return EnvelopeValidator.shown(path);
  }
}
