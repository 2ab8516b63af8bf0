package io.ubi.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.SignalRows;
import io.ubi.model.Json;
import io.ubi.model.signal.BehaviouralSignal;
import java.time.Instant;
import java.time.LocalDate;

/** Rows of {@code gold.behavioural_signals} for the API's tests, through {@link SignalRows}. */
public final class SignalFixture {
  private SignalFixture() {}

  public static java.util.Map<String, Object> row(
      String id,
      String tenant,
      String scope,
      String actor,
      String dimension,
      String type,
      String severity,
      String detectedFor,
      String updatedAt,
      String resolvedAt) {
    Instant created =
        LocalDate.parse(detectedFor).plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    ObjectNode snapshot = Json.MAPPER.createObjectNode().put("value", 9.0).put("z_score", -3.25);
    com.fasterxml.jackson.databind.node.ArrayNode evidence = Json.MAPPER.createArrayNode();
    evidence.addObject().put("kind", "feature").put("feature_name", "feature-" + id);
    return SignalRows.toRow(
        new BehaviouralSignal(
            id,
            tenant,
            scope,
            actor,
            "team".equals(scope) ? "group" : "human",
            dimension,
            type,
            "feature-" + id,
            "feature-" + id,
            70,
            severity,
            resolvedAt == null ? "active" : "resolved",
            0.9,
            "reason " + id,
            "intent " + id,
            "outcome " + id,
            evidence,
            snapshot,
            Json.MAPPER.createArrayNode().add("feature-" + id),
            Json.MAPPER.createArrayNode(),
            Json.MAPPER.createArrayNode(),
            detectedFor,
            created,
            Instant.parse(updatedAt),
            resolvedAt == null ? null : Instant.parse(resolvedAt),
            false));
  }
}
