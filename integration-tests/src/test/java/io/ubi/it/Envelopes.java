package io.ubi.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** PM-3 SignalEnvelopes as a producer would send them. */
final class Envelopes {
  private Envelopes() {}

  static ObjectNode envelope(String tenant, String actor, String signalType, Instant at) {
    ObjectNode e =
        Json.MAPPER
            .createObjectNode()
            .put("signal_id", tenant + "-" + UUID.randomUUID())
            .put("tenant_id", tenant)
            .put("actor_id", actor)
            .put("signal_kind", "event")
            .put("signal_type", signalType)
            .put("occurred_at", at.toString())
            .put("ingested_at", at.plusMillis(500).toString())
            .put("schema_version", "1.0");
    e.putObject("resource")
        .put("service_name", source(signalType))
        .put("repo", "shop/api")
        .put("team_id", "payments")
        .put("actor_type", "human");
    e.putObject("payload")
        .put("file_path", "src/Main.java")
        .put("author_email", actor + "@example.com");
    return e;
  }

  static String batch(List<ObjectNode> envelopes) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    envelopes.forEach(array::add);
    return array.toString();
  }

  private static String source(String signalType) {
    if (signalType.startsWith("build") || signalType.startsWith("test")) {
      return "ci";
    }
    if (signalType.startsWith("llm")) {
      return "llm_gateway";
    }
    if (signalType.startsWith("pr")) {
      return "code_review";
    }
    return signalType.startsWith("commit") ? "git" : "ide";
  }
}
