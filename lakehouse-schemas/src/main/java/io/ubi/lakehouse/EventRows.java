package io.ubi.lakehouse;

import io.ubi.model.Wire;
import io.ubi.model.contract.BehaviouralEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one mapping from {@link BehaviouralEvent} to a row of {@link Tables#BEHAVIOURAL_EVENTS}. */
public final class EventRows {
  private EventRows() {}

  /** Where an event was read from, and when it was processed. */
  public record Source(
      int kafkaPartition, long kafkaOffset, Instant kafkaTimestamp, Instant processedAt) {}

  public static Map<String, Object> toRow(BehaviouralEvent e, Source source) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event_id", e.eventId());
    row.put("tenant_id", e.tenantId());
    row.put("actor_id", e.actorId());
    row.put("actor_pseudonym", e.actorPseudonym());
    row.put("actor_type", Wire.lower(e.actorType()));
    row.put("team_id", e.teamId());
    row.put("source_system", e.sourceSystem());
    row.put("event_type", e.eventType());
    row.put("signal_type", e.signalType());
    row.put("signal_kind", e.signalKind());
    row.put("timestamp_utc", e.timestampUtc());
    row.put("ingested_at", e.ingestedAt());
    row.put("properties", e.propertiesJson());
    row.put("privacy_tags", e.privacyTags());
    row.put("schema_version", e.schemaVersion());
    row.put("trace_id", e.traceId());
    row.put("span_id", e.spanId());
    row.put("correlation_id", e.correlationId());
    row.put("resource", e.resource());
    row.put("attributes", e.attributes());
    row.put("minimised", e.minimised());
    row.put("mapping_version", e.mappingVersion());
    row.put("kafka_partition", source.kafkaPartition());
    row.put("kafka_offset", source.kafkaOffset());
    row.put("kafka_timestamp", source.kafkaTimestamp());
    row.put("processed_at", source.processedAt());
    row.put("dt", e.dt());
    return row;
  }
}
