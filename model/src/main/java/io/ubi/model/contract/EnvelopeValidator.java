package io.ubi.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a PM-3 {@code SignalEnvelope} against UBI's accepted contract, the same rules as {@code
 * signal-envelope.schema.json} (a test holds the two together), but fast enough for the stream and
 * with messages that name the field and what was wrong. The ingest API and the speed layer both
 * call it, so an envelope is judged the same way wherever it enters.
 *
 * <p>Example: {@code validator.validate(Json.parse("{\"signal_id\":\"s1\"}"))} returns violations
 * such as {@code "tenant_id: is required"}.
 */
public final class EnvelopeValidator implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Envelope schema majors this build understands; minors are additive and accepted. */
  public static final Set<String> SUPPORTED_SCHEMA_MAJORS = Set.of("1");

  static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final Pattern SIGNAL_TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
  static final Pattern SCHEMA_VERSION = Pattern.compile("(\\d+)(\\.\\d+){0,2}");
  static final Set<String> SIGNAL_KINDS = Set.of("event", "metric", "log", "trace");
  static final int MAX_ID_LENGTH = 256;
  static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

  /** The JDK's system and fixed clocks are serializable, so Spark can ship the validator. */
  private final java.time.Clock clock;

  public EnvelopeValidator() {
    this(java.time.Clock.systemUTC());
  }

  public EnvelopeValidator(java.time.Clock clock) {
    this.clock = clock;
  }

  /** Returns every violation found, empty if the envelope is acceptable. */
  public List<String> validate(JsonNode envelope) {
    List<String> errors = new ArrayList<>();
    if (envelope == null || !envelope.isObject()) {
      errors.add("envelope: must be a JSON object, got " + kind(envelope));
      return errors;
    }
    if (!EnvelopeLimits.check(envelope, errors)) {
      // Nothing else is read from a document past the bounds, so no message can echo its bulk.
      return errors;
    }
    requireId(envelope, "signal_id", errors);
    String tenant = requireString(envelope, "tenant_id", errors);
    if (tenant != null && !TENANT_ID.matcher(tenant).matches()) {
      errors.add("tenant_id: must match " + TENANT_ID.pattern() + ", got '" + shown(tenant) + "'");
    }
    // PRD FR-1: "if applicable"; without one the decoder drops the event with an audit record.
    JsonNode actor = envelope.get("actor_id");
    if (actor != null && !actor.isNull()) {
      requireId(envelope, "actor_id", errors);
    }
    String kind = requireString(envelope, "signal_kind", errors);
    if (kind != null && !SIGNAL_KINDS.contains(kind)) {
      errors.add(
          "signal_kind: must be one of event, metric, log, trace, got '" + shown(kind) + "'");
    }
    String type = requireString(envelope, "signal_type", errors);
    if (type != null && !SIGNAL_TYPE.matcher(type).matches()) {
      errors.add(
          "signal_type: must match " + SIGNAL_TYPE.pattern() + ", got '" + shown(type) + "'");
    }
    Instant occurred = requireTimestamp(envelope, "occurred_at", errors);
    if (occurred != null && occurred.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
      errors.add(
          "occurred_at: is more than "
              + MAX_CLOCK_SKEW.toHours()
              + "h in the future ("
              + occurred
              + "); check the producer's clock");
    }
    requireTimestamp(envelope, "ingested_at", errors);
    checkSchemaVersion(envelope, errors);
    for (String f : new String[] {"trace_id", "span_id", "correlation_id"}) {
      optionalString(envelope, f, errors);
    }
    checkResource(envelope.get("resource"), errors);
    JsonNode payload = envelope.get("payload");
    if (payload != null && !payload.isNull() && !payload.isObject()) {
      errors.add("payload: must be a JSON object, got " + kind(payload));
    } else if (payload != null && payload.has("privacy_tags")) {
      checkPrivacyTags(payload.get("privacy_tags"), "payload.privacy_tags", errors);
    }
    return errors;
  }

  /** Parses an ISO 8601 timestamp with an offset, or returns null. */
  public static Instant parseTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void checkSchemaVersion(JsonNode envelope, List<String> errors) {
    String version = requireString(envelope, "schema_version", errors);
    if (version == null) {
      return;
    }
    var m = SCHEMA_VERSION.matcher(version);
    if (!m.matches()) {
      errors.add("schema_version: must look like 1, 1.0 or 1.0.0, got '" + shown(version) + "'");
    } else if (!SUPPORTED_SCHEMA_MAJORS.contains(m.group(1))) {
      errors.add(
          "schema_version: '"
              + version
              + "' is not supported; this UBI accepts "
              + String.join(", ", SUPPORTED_SCHEMA_MAJORS.stream().map(s -> s + ".x").toList()));
    }
  }

  private static void checkResource(JsonNode resource, List<String> errors) {
    if (resource == null || resource.isNull()) {
      return;
    }
    if (!resource.isObject()) {
      errors.add("resource: must be a JSON object, got " + kind(resource));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode v = field.getValue();
      if ("privacy_tags".equals(field.getKey())) {
        checkPrivacyTags(v, "resource.privacy_tags", errors);
      } else if (!(v.isTextual() || v.isNumber() || v.isBoolean() || v.isNull())) {
        errors.add(
            "resource." + field.getKey() + ": must be a string, number or boolean, got " + kind(v));
      }
    }
  }

  static void checkPrivacyTags(JsonNode tags, String path, List<String> errors) {
    if (!tags.isObject()) {
      errors.add(path + ": must be an object of booleans, got " + kind(tags));
      return;
    }
    tags.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isBoolean()) {
                errors.add(
                    path + "." + e.getKey() + ": must be true or false, got " + kind(e.getValue()));
              }
            });
  }

  private static void requireId(JsonNode envelope, String field, List<String> errors) {
    String id = requireString(envelope, field, errors);
    if (id != null && id.length() > MAX_ID_LENGTH) {
      errors.add(field + ": must be at most " + MAX_ID_LENGTH + " characters, got " + id.length());
    }
  }

  private static String requireString(JsonNode envelope, String field, List<String> errors) {
    JsonNode v = envelope.get(field);
    if (v == null || v.isNull()) {
      errors.add(field + ": is required");
      return null;
    }
    if (!v.isTextual()) {
      errors.add(field + ": must be a string, got " + kind(v));
      return null;
    }
    if (v.asText().isBlank()) {
      errors.add(field + ": must not be empty");
      return null;
    }
    return v.asText();
  }

  private static void optionalString(JsonNode envelope, String field, List<String> errors) {
    JsonNode v = envelope.get(field);
    if (v != null && !v.isNull() && !v.isTextual()) {
      errors.add(field + ": must be a string, got " + kind(v));
    }
  }

  private static Instant requireTimestamp(JsonNode envelope, String field, List<String> errors) {
    String text = requireString(envelope, field, errors);
    if (text == null) {
      return null;
    }
    Instant parsed = parseTimestamp(text);
    if (parsed == null) {
      errors.add(
          field
              + ": must be an ISO 8601 timestamp with offset, e.g. 2026-11-23T09:15:00Z,"
              + " got '"
              + shown(text)
              + "'");
    }
    return parsed;
  }

  /** A value from the sender as quoted in a message: cut to 80 characters. */
  static String shown(String value) {
    return value.length() <= 80
        ? value
        : value.substring(0, 80) + "... (" + value.length() + " characters)";
  }

  static String kind(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
