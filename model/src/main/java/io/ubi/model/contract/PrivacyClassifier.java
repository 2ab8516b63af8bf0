package io.ubi.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.privacy.ContentRules;
import io.ubi.model.privacy.ContentRules.Sensitivity;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Privacy tags for an event whose envelope carries none (PRD FR-1), from the same versioned rules
 * that minimisation applies ({@link ContentRules}) over the payload as received: whether it held
 * personal data, code or a secret. Tags are booleans only and travel with the event in bronze;
 * PM-3's own {@code privacy_tags}, when present, win.
 */
public final class PrivacyClassifier {
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
    Set<Sensitivity> found = EnumSet.noneOf(Sensitivity.class);
    if (payload != null && payload.isObject()) {
      collect(payload, found);
    }
    tags.put("contains_PI", String.valueOf(found.contains(Sensitivity.PERSONAL)));
    tags.put("contains_code_snippet", String.valueOf(found.contains(Sensitivity.CODE)));
    tags.put("contains_secret", String.valueOf(found.contains(Sensitivity.SECRET)));
    tags.put("classified_by", "ubi_rules_v" + ContentRules.VERSION);
    return tags;
  }

  private static void collect(JsonNode object, Set<Sensitivity> found) {
    object
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isObject()) {
                collect(v, found);
              } else if (v.isValueNode() && !v.isNull()) {
                ContentRules.classify(e.getKey(), v.isTextual() ? v.textValue() : null)
                    .ifPresent(found::add);
              }
            });
  }
}
