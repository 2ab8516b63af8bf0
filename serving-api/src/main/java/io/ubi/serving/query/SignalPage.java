package io.ubi.serving.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.model.signal.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Pages of a signal query's answer, in one order: the most severe first, then the most recently
 * updated, then by signal id. A page ends with a {@code next_cursor}: the sort key of its last
 * signal and a digest of the query it answers, so the next page starts right after it (keyset
 * paging: signals raised meanwhile neither repeat nor shift a page) and a cursor is refused with
 * any other query.
 */
final class SignalPage {
  static final int DEFAULT_SIZE = 100;
  static final int MAX_SIZE = 500;
  static final List<String> FIELDS = List.of("page_size", "cursor");

  /** The answer's order. */
  static final Comparator<BehaviouralSignal> ORDER =
      Comparator.comparing((BehaviouralSignal s) -> Severity.valueOf(s.severity()))
          .reversed()
          .thenComparing(BehaviouralSignal::updatedAt, Comparator.reverseOrder())
          .thenComparing(BehaviouralSignal::signalId);

  /** Where a page starts: right after this signal's place in {@link #ORDER}. */
  record Cursor(String query, Severity severity, Instant updatedAt, String signalId) {
    /** Whether {@code s} comes after this place in {@link #ORDER}: on a later page. */
    boolean precedes(BehaviouralSignal s) {
      int bySeverity = Severity.valueOf(s.severity()).compareTo(severity);
      if (bySeverity != 0) {
        return bySeverity < 0;
      }
      int byTime = s.updatedAt().compareTo(updatedAt);
      if (byTime != 0) {
        return byTime < 0;
      }
      return s.signalId().compareTo(signalId) > 0;
    }
  }

  private SignalPage() {}

  /** {@code page_size}: 1 to {@value #MAX_SIZE}, {@value #DEFAULT_SIZE} when absent. */
  static int size(JsonNode body, List<String> problems) {
    JsonNode n = body.path("page_size");
    if (n.isMissingNode() || n.isNull()) {
      return DEFAULT_SIZE;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > MAX_SIZE) {
      problems.add("page_size: must be a whole number from 1 to " + MAX_SIZE + ", got " + n);
      return DEFAULT_SIZE;
    }
    return n.asInt();
  }

  /** The {@code cursor} of the body, or null on a first page. */
  static Cursor cursor(JsonNode body, List<String> problems) {
    JsonNode n = body.path("cursor");
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    try {
      JsonNode c =
          Json.parse(new String(Base64.getUrlDecoder().decode(n.asText()), StandardCharsets.UTF_8));
      return new Cursor(
          c.get("q").asText(),
          Severity.valueOf(c.get("s").asText()),
          Instant.parse(c.get("u").asText()),
          c.get("i").asText());
    } catch (RuntimeException e) {
      problems.add("cursor: not a cursor this API gave; send the next_cursor of the last answer");
      return null;
    }
  }

  /**
   * A digest of the query a cursor belongs to: the body without its paging fields, as sent.
   * Resolved values (the tenant, pseudonyms) come from the body and the token alike, so the same
   * body from the same caller gives the same digest.
   */
  static String digest(JsonNode body, String caller) {
    ObjectNode query = ((ObjectNode) body).deepCopy();
    FIELDS.forEach(query::remove);
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((caller + "\n" + query).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cursor of the page ending with {@code last}. */
  static String next(String query, BehaviouralSignal last) {
    ObjectNode c =
        Json.MAPPER
            .createObjectNode()
            .put("q", query)
            .put("s", last.severity())
            .put("u", last.updatedAt().toString())
            .put("i", last.signalId());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(c.toString().getBytes(StandardCharsets.UTF_8));
  }
}
