package io.ubi.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.contract.EventTaxonomy.AttributeDefinition;
import io.ubi.model.privacy.Pseudonymizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Extracts the taxonomy's attributes from an envelope into what may leave bronze: identifiers of
 * people become their actor pseudonym, other identifiers (work items) keyed tokens, text is
 * bounded, flags and time zones are normalised, and anything unreadable is left out rather than
 * guessed. The payload itself stays in bronze; features read only these attributes.
 */
public final class EventAttributes {
  static final int MAX_TEXT = 64;

  private EventAttributes() {}

  /**
   * @param teamId the event's team, for the derived {@code cross_team}
   * @return attribute values by name; absent attributes have no entry
   */
  public static Map<String, String> extract(
      String tenantId,
      String teamId,
      JsonNode resource,
      JsonNode payload,
      Pseudonymizer pseudonymizer) {
    Map<String, String> out = new LinkedHashMap<>();
    for (AttributeDefinition a : EventTypes.taxonomy().attributes().values()) {
      String raw = first(a, resource, payload);
      if (raw == null) {
        continue;
      }
      normalise(a, raw, tenantId, pseudonymizer).ifPresent(v -> out.put(a.name(), v));
    }
    String counterpartTeam = out.get("counterpart_team");
    if (teamId != null && !teamId.isBlank() && counterpartTeam != null) {
      out.put("cross_team", String.valueOf(!teamId.equalsIgnoreCase(counterpartTeam)));
    }
    return out;
  }

  /** The actor's own time zone, when the attributes carry a valid one. */
  public static Optional<ZoneId> timeZone(Map<String, String> attributes) {
    String z = attributes == null ? null : attributes.get("time_zone");
    return z == null ? Optional.empty() : zone(z);
  }

  private static Optional<String> normalise(
      AttributeDefinition a, String raw, String tenantId, Pseudonymizer pseudonymizer) {
    return switch (a.kind()) {
      case TOKEN -> Optional.of(pseudonymizer.token(tenantId, a.name(), raw));
      case ACTOR ->
          Optional.of(
              Pseudonymizer.isPseudonym(raw) ? raw : pseudonymizer.pseudonymise(tenantId, raw));
      case TEXT -> Optional.of(bounded(raw.toLowerCase(Locale.ROOT)));
      case NUMBER -> number(raw);
      case BOOLEAN -> bool(raw);
      case ZONE -> zone(raw).map(ZoneId::getId);
      case DERIVED -> Optional.empty();
    };
  }

  private static String bounded(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  private static Optional<String> number(String raw) {
    try {
      double d = Double.parseDouble(raw);
      return Double.isFinite(d) ? Optional.of(raw) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> bool(String raw) {
    String v = raw.toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("yes") || v.equals("1")) {
      return Optional.of("true");
    }
    if (v.equals("false") || v.equals("no") || v.equals("0")) {
      return Optional.of("false");
    }
    return Optional.empty();
  }

  private static Optional<ZoneId> zone(String raw) {
    try {
      return Optional.of(ZoneId.of(raw.startsWith("+") || raw.startsWith("-") ? "UTC" + raw : raw));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String first(AttributeDefinition a, JsonNode resource, JsonNode payload) {
    for (String path : a.from()) {
      int dot = path.indexOf('.');
      JsonNode holder = path.startsWith("resource") ? resource : payload;
      JsonNode v = holder == null ? null : holder.get(path.substring(dot + 1));
      if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
        return v.asText().trim();
      }
    }
    return null;
  }
}
