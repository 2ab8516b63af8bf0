package io.ubi.lakehouse;

import io.ubi.model.Json;
import io.ubi.model.signal.BehaviouralSignal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one mapping between {@link BehaviouralSignal} and a row of {@link
 * Tables#BEHAVIOURAL_SIGNALS}, engine-free: the Spark writer and the Delta Kernel reader adapt
 * values, not fields.
 */
public final class SignalRows {
  private SignalRows() {}

  /** Column name to Java value, in declaration order. */
  public static Map<String, Object> toRow(BehaviouralSignal s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("signal_id", s.signalId());
    row.put("tenant_id", s.tenantId());
    row.put("actor_scope", s.actorScope());
    row.put("actor_or_group_id", s.actorOrGroupId());
    row.put("actor_type", s.actorType());
    row.put("dimension", s.dimension());
    row.put("signal_type", s.signalType());
    row.put("feature_name", s.featureName());
    row.put("rule", s.rule());
    row.put("score", s.score());
    row.put("severity", s.severity());
    row.put("status", s.status());
    row.put("confidence", s.confidence());
    row.put("reason", s.reason());
    row.put("intent", s.intent());
    row.put("expected_outcome", s.expectedOutcome());
    row.put("evidence_refs", Json.write(s.evidenceRefs()));
    row.put("feature_snapshot", Json.write(s.featureSnapshot()));
    row.put("inputs", Json.write(s.inputs()));
    row.put("feature_ids", Json.write(s.featureIds()));
    row.put("baseline_reference", Json.write(s.baselineReference()));
    row.put("detected_for", LocalDate.parse(s.detectedFor()));
    row.put("created_at", s.createdAt());
    row.put("updated_at", s.updatedAt());
    row.put("resolved_at", s.resolvedAt());
    row.put("provisional", s.provisional());
    row.put("dt", LocalDate.parse(s.detectedFor()));
    return row;
  }

  /** Reads a row through a getter that returns the Java value of a named column. */
  public static BehaviouralSignal fromRow(Function<String, Object> get) {
    return new BehaviouralSignal(
        (String) get.apply("signal_id"),
        (String) get.apply("tenant_id"),
        (String) get.apply("actor_scope"),
        (String) get.apply("actor_or_group_id"),
        (String) get.apply("actor_type"),
        (String) get.apply("dimension"),
        (String) get.apply("signal_type"),
        (String) get.apply("feature_name"),
        (String) get.apply("rule"),
        ((Number) get.apply("score")).intValue(),
        (String) get.apply("severity"),
        (String) get.apply("status"),
        ((Number) get.apply("confidence")).doubleValue(),
        (String) get.apply("reason"),
        (String) get.apply("intent"),
        (String) get.apply("expected_outcome"),
        Json.parse((String) get.apply("evidence_refs")),
        Json.parse((String) get.apply("feature_snapshot")),
        json(get.apply("inputs")),
        json(get.apply("feature_ids")),
        json(get.apply("baseline_reference")),
        get.apply("detected_for").toString(),
        (Instant) get.apply("created_at"),
        (Instant) get.apply("updated_at"),
        (Instant) get.apply("resolved_at"),
        Boolean.TRUE.equals(get.apply("provisional")));
  }

  /** A JSON column added after the table's first version: absent in older rows. */
  private static com.fasterxml.jackson.databind.JsonNode json(Object value) {
    return value == null ? Json.MAPPER.createArrayNode() : Json.parse((String) value);
  }
}
