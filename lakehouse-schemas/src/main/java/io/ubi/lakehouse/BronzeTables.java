package io.ubi.lakehouse;

import static io.ubi.lakehouse.Column.optional;
import static io.ubi.lakehouse.Column.required;
import static io.ubi.lakehouse.ColumnType.DATE;
import static io.ubi.lakehouse.ColumnType.INT;
import static io.ubi.lakehouse.ColumnType.LONG;
import static io.ubi.lakehouse.ColumnType.STRING;
import static io.ubi.lakehouse.ColumnType.STRING_MAP;
import static io.ubi.lakehouse.ColumnType.TIMESTAMP;

import java.util.List;
import java.util.Map;

/**
 * The bronze tables: accepted events (the only table with raw actor ids and payloads), rejected
 * envelopes, and the audit of dropped events. Part of {@link Tables#all()}.
 */
public final class BronzeTables {
  private static final List<String> PARTITIONING = List.of("tenant_id", "dt");

  public static final TableDef BEHAVIOURAL_EVENTS =
      new TableDef(
              "bronze.behavioural_events",
              "Every accepted event once (deduplicated on signal_id), mapped from PM-3's SignalEnvelope."
                  + " The only table holding raw actor ids and payloads.",
              List.of(
                  required("event_id", STRING, "PM-3 signal_id, the idempotency key"),
                  required("tenant_id", STRING, "tenant"),
                  required("actor_id", STRING, "actor id as PM-3 sent it (personal: bronze only)"),
                  required(
                      "actor_pseudonym", STRING, "keyed pseudonym of actor_id, used downstream"),
                  required("actor_type", STRING, "human | ai_agent | service"),
                  optional("team_id", STRING, "team, from resource or payload"),
                  required("source_system", STRING, "ide, git, ci, code_review, llm_gateway, ..."),
                  required("event_type", STRING, "canonical event type"),
                  required("signal_type", STRING, "PM-3 signal_type before mapping"),
                  required("signal_kind", STRING, "event | metric | log | trace"),
                  required("timestamp_utc", TIMESTAMP, "when it happened (PM-3 occurred_at)"),
                  required("ingested_at", TIMESTAMP, "when PM-3 ingested it"),
                  required("properties", STRING, "PM-3 payload as JSON (personal: bronze only)"),
                  required(
                      "privacy_tags",
                      STRING_MAP,
                      "contains_PI, contains_code_snippet, contains_secret (of the envelope as"
                          + " received), classified_by (pm3 or ubi_rules_v<N>)"),
                  required("schema_version", STRING, "envelope schema version"),
                  optional("trace_id", STRING, "trace id"),
                  optional("span_id", STRING, "span id"),
                  optional("correlation_id", STRING, "correlation id"),
                  required("resource", STRING_MAP, "service, repo, module, branch, commit, ..."),
                  optional(
                      "attributes",
                      STRING_MAP,
                      "the taxonomy's attributes (work_item, counterpart,"
                          + " tool, ai_assisted, time_zone, ...), pseudonymised or tokenised: all features"
                          + " read of the payload"),
                  optional(
                      "minimised",
                      STRING_MAP,
                      "what data minimisation did, by field: dropped, hashed or redacted, and why"
                          + " (not_allowed, personal, secret, code, pm3_*, governance_*); names"
                          + " only, never a value"),
                  required("mapping_version", INT, "version of the tenant mapping rules applied"),
                  required("kafka_partition", INT, "source partition"),
                  required("kafka_offset", LONG, "source offset"),
                  required("kafka_timestamp", TIMESTAMP, "when the envelope was produced to Kafka"),
                  required("processed_at", TIMESTAMP, "when the speed layer wrote it"),
                  required("dt", DATE, "UTC date of timestamp_utc")),
              PARTITIONING,
              List.of("tenant_id", "dt", "event_id"))
          // Every micro-batch commits. A checkpoint (the table's whole file list rewritten as
          // Parquet, inside the commit) every 100 commits instead of 10 keeps that cost out of most
          // batches; readers replay at most 99 small JSON commits.
          .withProperties(Map.of("delta.checkpointInterval", "100"));

  public static final TableDef REJECTED_EVENTS =
      new TableDef(
          "bronze.rejected_events",
          "Envelopes that could not be accepted, with the reason; each also went to the DLQ topic.",
          List.of(
              required("tenant_id", STRING, "tenant if it could be read, else 'unknown'"),
              optional("event_id", STRING, "signal_id if it could be read"),
              required("reason", STRING, "every problem found"),
              optional(
                  "raw",
                  STRING,
                  "the record as received, masked as an accepted event of its tenant would be"
                      + " (bronze only)"),
              required("kafka_topic", STRING, "source topic"),
              required("kafka_partition", INT, "source partition"),
              required("kafka_offset", LONG, "source offset"),
              required("kafka_timestamp", TIMESTAMP, "when it was produced"),
              required("rejected_at", TIMESTAMP, "when it was rejected"),
              required("dt", DATE, "UTC date of rejected_at")),
          PARTITIONING,
          List.of("kafka_topic", "kafka_partition", "kafka_offset"));

  public static final TableDef DROPPED_EVENTS_AUDIT =
      new TableDef(
          "bronze.dropped_events_audit",
          "Audit of valid events dropped by tenant data-minimisation rules (no content kept).",
          List.of(
              required("tenant_id", STRING, "tenant"),
              required("event_id", STRING, "signal_id"),
              required("event_type", STRING, "canonical event type that is not enabled"),
              required("config_version", INT, "tenant config version that dropped it"),
              required("reason", STRING, "why it was dropped"),
              required("kafka_partition", INT, "source partition"),
              required("kafka_offset", LONG, "source offset"),
              required("dropped_at", TIMESTAMP, "when"),
              required("dt", DATE, "UTC date of dropped_at")),
          PARTITIONING,
          List.of("tenant_id", "kafka_partition", "kafka_offset"));

  private BronzeTables() {}
}
