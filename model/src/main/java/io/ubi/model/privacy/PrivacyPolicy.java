package io.ubi.model.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Wire;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's privacy settings (tenant config section {@code privacy}): the fields its events may
 * keep, and what becomes of a kept field whose content is personal, a secret or code.
 *
 * <pre>
 * "privacy": {
 *   "allowed_fields": ["event_type", "timestamp_utc", "actor_id", "properties.pr_number"],
 *   "personal": "hash", "secret": "drop", "code": "redact"
 * }
 * </pre>
 *
 * @param allowedFields the fields kept, by UBI's internal names ({@link FieldPolicy}); null keeps
 *     the documented defaults of each event type
 * @param personal what becomes of a field whose content is personal (an e-mail address, an IP
 *     address, a person's name)
 * @param secret of a field holding a secret (a key, a token, a password)
 * @param code of a field holding source code
 */
public record PrivacyPolicy(
    List<String> allowedFields, Treatment personal, Treatment secret, Treatment code)
    implements Serializable {

  /** What becomes of a sensitive field. */
  public enum Treatment {
    /** Removed from the event. */
    DROP,
    /** Replaced by a keyed hash of the tenant: equal values stay equal, none can be read back. */
    HASH,
    /** Replaced by a marker naming why. */
    REDACT
  }

  public static final PrivacyPolicy DEFAULT =
      new PrivacyPolicy(null, Treatment.DROP, Treatment.DROP, Treatment.DROP);

  private static final Set<String> KEYS = Set.of("allowed_fields", "personal", "secret", "code");

  public PrivacyPolicy {
    allowedFields = allowedFields == null ? null : List.copyOf(allowedFields);
  }

  /** Reads the section, adding a problem for every invalid key or value. */
  public static PrivacyPolicy parse(JsonNode node, List<String> problems) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return DEFAULT;
    }
    if (!node.isObject()) {
      problems.add("privacy: must be an object, got " + node);
      return DEFAULT;
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!KEYS.contains(f)) {
                problems.add("privacy." + f + ": unknown field; known are " + new TreeSet<>(KEYS));
              }
            });
    List<String> allowed = null;
    JsonNode list = node.path("allowed_fields");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray()) {
        problems.add(
            "privacy.allowed_fields: must be an array of field names or null, got " + list);
      } else {
        allowed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          String f = list.get(i).asText("");
          String problem = FieldPolicy.problemWith(f);
          if (!list.get(i).isTextual() || problem != null) {
            problems.add(
                "privacy.allowed_fields["
                    + i
                    + "]: "
                    + (problem == null ? "must be a string" : problem));
          } else {
            allowed.add(f);
          }
        }
      }
    }
    return new PrivacyPolicy(
        allowed,
        treatment(node, "personal", Set.of(Treatment.values()), problems),
        treatment(node, "secret", Set.of(Treatment.DROP, Treatment.REDACT), problems),
        treatment(node, "code", Set.of(Treatment.DROP, Treatment.REDACT), problems));
  }

  private static Treatment treatment(
      JsonNode node, String key, Set<Treatment> allowed, List<String> problems) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return Treatment.DROP;
    }
    List<String> names =
        allowed.stream().sorted().map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
    return Wire.parse(Treatment.class, v.asText())
        .filter(allowed::contains)
        .orElseGet(
            () -> {
              problems.add("privacy." + key + ": must be one of " + names + ", got " + v);
              return Treatment.DROP;
            });
  }
}
