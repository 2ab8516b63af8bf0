package io.ubi.model.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What data minimisation did to an envelope, as it travels from the ingest API to the speed layer:
 * inside the envelope, under {@link #FIELD}, by field name and action, never a value. The speed
 * layer reads it back into bronze's {@code minimised} column together with what it did itself.
 */
public final class MinimisationAudit {
  /** Where the ingest API leaves its audit for the speed layer, inside the envelope. */
  public static final String FIELD = "ubi_minimised";

  private MinimisationAudit() {}

  private static final java.util.regex.Pattern ACTION =
      java.util.regex.Pattern.compile("(dropped|hashed|redacted):[a-z0-9_]{1,40}");

  /**
   * What an earlier stage (the ingest API) did to {@code envelope}, as it left it in {@link
   * #FIELD}; entries that are not a field name and an action are ignored, so a producer cannot
   * smuggle content into the audit.
   */
  public static Map<String, String> earlierActions(JsonNode envelope) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode audit = envelope.path(FIELD);
    audit
        .fields()
        .forEachRemaining(
            e -> {
              String field = e.getKey();
              boolean named =
                  FieldPolicy.problemWith(field) == null
                      || (field.matches("[a-z_]{1,40}")
                          && !EnvelopeMinimiser.ENVELOPE_STRUCTURAL.contains(field));
              if (named
                  && field.length() <= 200
                  && e.getValue().isTextual()
                  && ACTION.matcher(e.getValue().textValue()).matches()) {
                out.put(field, e.getValue().textValue());
              }
            });
    return out;
  }

  /** The envelope with what was done recorded in it, for the stage after. */
  public static ObjectNode withAudit(EnvelopeMinimiser.Minimised m) {
    ObjectNode out = m.envelope().deepCopy();
    if (!m.actions().isEmpty()) {
      ObjectNode audit = out.putObject(FIELD);
      m.actions().forEach(audit::put);
    }
    return out;
  }
}
