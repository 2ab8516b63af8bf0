package io.ubi.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Privacy tags for an event whose envelope carries none (PRD FR-1): a rule per tag over the
 * payload's field names. The tags travel with the event in bronze; nothing tagged leaves bronze.
 * PM-3's own {@code privacy_tags}, when present, win.
 */
public final class PrivacyClassifier {
  static final Set<String> PERSONAL_FIELDS =
      Set.of(
          "email",
          "user_email",
          "name",
          "full_name",
          "username",
          "phone",
          "ip",
          "ip_address",
          "address");
  static final Set<String> CODE_FIELDS =
      Set.of("code", "snippet", "diff", "patch", "prompt", "completion", "source");

  private PrivacyClassifier() {}

  public static Map<String, String> tags(JsonNode resource, JsonNode payload) {
    JsonNode given =
        resource != null && resource.has("privacy_tags")
            ? resource.get("privacy_tags")
            : payload != null && payload.has("privacy_tags") ? payload.get("privacy_tags") : null;
    Map<String, String> tags = new LinkedHashMap<>();
    if (given != null && given.isObject()) {
      given.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
      tags.put("classified_by", "pm3");
      return tags;
    }
    tags.put("contains_PI", String.valueOf(hasAny(payload, PERSONAL_FIELDS)));
    tags.put("contains_code_snippet", String.valueOf(hasAny(payload, CODE_FIELDS)));
    tags.put("classified_by", "ubi_rules");
    return tags;
  }

  private static boolean hasAny(JsonNode payload, Set<String> names) {
    if (payload == null || !payload.isObject()) {
      return false;
    }
    var it = payload.fieldNames();
    while (it.hasNext()) {
      if (names.contains(it.next().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
