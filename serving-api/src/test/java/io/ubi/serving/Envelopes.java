package io.ubi.serving;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;

/** Valid PM-3 SignalEnvelopes for the API tests, copied and changed per case. */
public final class Envelopes {
  private Envelopes() {}

  /** A valid envelope of {@code tenant}, occurring shortly before {@link TestApi#NOW}. */
  public static ObjectNode valid(String tenant, String signalId) {
    ObjectNode e =
        Json.MAPPER
            .createObjectNode()
            .put("signal_id", signalId)
            .put("tenant_id", tenant)
            .put("actor_id", "alice@example.com")
            .put("signal_kind", "event")
            .put("signal_type", "pr_opened")
            .put("occurred_at", "2026-03-02T10:15:00Z")
            .put("ingested_at", "2026-03-02T10:15:02.250+00:00")
            .put("schema_version", "1.0")
            .put("correlation_id", "corr-" + signalId);
    e.putObject("resource").put("service_name", "GitHub").put("repo", "ubi");
    e.putObject("payload").put("pr_number", 42);
    return e;
  }

  public static String batch(ObjectNode... envelopes) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (ObjectNode e : envelopes) {
      a.add(e);
    }
    return a.toString();
  }
}
