package io.ubi.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.transforms.EnvelopeDecoding;
import io.ubi.transforms.FeatureComputation;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SparkColumns;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of the event stream. Every write is idempotent, so when Spark replays a batch
 * after a crash (its offsets were read but the checkpoint not committed) nothing is duplicated:
 * bronze is an insert-only merge on the event key, the rejected and audit tables are appended once
 * per batch id, and intraday features are upserted. The DLQ topic is at-least-once. Intraday
 * features are refreshed by a second query that follows bronze ({@link #refreshIntraday}).
 *
 * <p>Late events are never dropped: an event lands in the {@code dt} of its own
 * {@code occurred_at}, however late, and the nightly job recomputes that day from bronze. Intraday
 * features are refreshed only for the last {@code intradayDays} days.
 */
public final class MicroBatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);
  static final String APP_ID = "ubi-event-stream";
  /** The local property Spark sets to the running streaming query's id (its checkpoint's id). */
  static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private final Lake lake;
  private final StreamSettings settings;
  private final TenantConfigs configs;
  private final EnvelopeDecoder decoder;
  private final Clock clock;
  private volatile BatchListener listener = (id, startedAt, committedAt) -> { };

  public MicroBatchProcessor(Lake lake, StreamSettings settings, TenantConfigs configs,
      EnvelopeDecoder decoder, Clock clock) {
    this.lake = lake;
    this.settings = settings;
    this.configs = configs;
    this.decoder = decoder;
    this.clock = clock;
  }

  public void setListener(BatchListener listener) {
    this.listener = listener;
  }

  public void process(Dataset<Row> kafkaRecords, long batchId) {
    Instant now = clock.instant();
    long t0 = System.nanoTime();
    Dataset<Row> decoded = EnvelopeDecoding.decode(kafkaRecords, decoder, now)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One pass that also fills the cache: which outcomes, tenants and days this batch holds.
      Set<String> tenants = new TreeSet<>();
      Set<LocalDate> days = new TreeSet<>();
      Set<String> outcomes = new TreeSet<>();
      for (Row r : decoded.select("outcome", "tenant_id", "dt").distinct().collectAsList()) {
        outcomes.add(r.getString(0));
        if (EnvelopeDecoding.MAPPED.equals(r.getString(0))) {
          tenants.add(r.getString(1));
          days.add((LocalDate) r.get(2));
        }
      }
      long decodedAt = System.nanoTime();
      if (!tenants.isEmpty()) {
        Dataset<Row> events = decoded.where(col("outcome").equalTo(EnvelopeDecoding.MAPPED))
            .select(SparkColumns.of(Tables.BEHAVIOURAL_EVENTS))
            .dropDuplicates("tenant_id", "event_id");
        lake.insertNew(Tables.BEHAVIOURAL_EVENTS, events.sortWithinPartitions("timestamp_utc"),
            tenants, days);
        listener.onCommitted(batchId, now, clock.instant());
      }
      long bronzeAt = System.nanoTime();
      if (outcomes.contains(EnvelopeDecoding.REJECTED)) {
        writeRejected(decoded, batchId);
      }
      if (outcomes.contains(EnvelopeDecoding.DROPPED)) {
        writeDropped(decoded, batchId);
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("Batch {}: decode {} ms, bronze {} ms, rejected/dropped {} ms", batchId,
            (decodedAt - t0) / 1_000_000, (bronzeAt - decodedAt) / 1_000_000,
            (System.nanoTime() - bronzeAt) / 1_000_000);
      }
    } finally {
      decoded.unpersist();
    }
  }

  /**
   * One micro-batch of the intraday query, which follows bronze's commits so that feature work
   * never delays the bronze write: adds the new bronze rows of the recent days to
   * {@code silver.actor_event_stats_intraday} (exactly once per batch), then recomputes the
   * features of the actors they touched from those running statistics. The cost depends on the
   * batch and the touched actors, never on how many events the day already holds.
   */
  public void refreshIntraday(Dataset<Row> newBronzeRows, long batchId) {
    Instant now = clock.instant();
    long t0 = System.nanoTime();
    LocalDate first = now.atOffset(ZoneOffset.UTC).toLocalDate()
        .minusDays(settings.intradayDays() - 1L);
    Dataset<Row> stats = FeatureComputation.stats(
            newBronzeRows.where(col("dt").geq(functions.lit(first))), configs, now)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Set<String> tenants = new TreeSet<>();
      Set<LocalDate> days = new TreeSet<>();
      for (Row r : stats.select("tenant_id", "dt").distinct().collectAsList()) {
        tenants.add(r.getString(0));
        days.add((LocalDate) r.get(1));
      }
      if (tenants.isEmpty()) {
        return;
      }
      lake.mergeOnce(Tables.ACTOR_EVENT_STATS_INTRADAY, stats, FeatureComputation.MERGE_SQL,
          tenants, days, appId(newBronzeRows, "intraday-stats"), batchId);
      Dataset<Row> actors = stats.select("tenant_id", "dt", "actor_pseudonym").distinct();
      Dataset<Row> dayStats = lake.read(Tables.ACTOR_EVENT_STATS_INTRADAY)
          .where(col("tenant_id").isin(tenants.toArray()).and(col("dt").isin(days.toArray())))
          .join(functions.broadcast(actors), SparkColumns.seq("tenant_id", "dt",
              "actor_pseudonym"));
      lake.upsert(Tables.ACTOR_FEATURES_INTRADAY,
          FeatureComputation.features(dayStats, "intraday", now), tenants, days);
    } finally {
      stats.unpersist();
    }
    LOG.debug("Intraday batch {}: {} ms", batchId, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * The Delta transaction id of a write of a streaming query: the query's id, which its checkpoint
   * keeps across restarts, so a new checkpoint (whose batch ids restart at 0) is never mistaken
   * for a replay of the old one.
   */
  static String appId(Dataset<Row> batch, String write) {
    String queryId = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    if (queryId == null) {
      throw new IllegalStateException("Not inside a micro-batch of a streaming query: no "
          + QUERY_ID_PROPERTY + " to make the " + write + " write idempotent");
    }
    return APP_ID + "-" + queryId + "-" + write;
  }

  private void writeRejected(Dataset<Row> decoded, long batchId) {
    Dataset<Row> rejected = decoded.where(col("outcome").equalTo(EnvelopeDecoding.REJECTED))
        .select(col("tenant_id"), col("event_id"), col("reason"), col("raw"), col("kafka_topic"),
            col("kafka_partition"), col("kafka_offset"), col("kafka_timestamp"),
            col("processed_at").as("rejected_at"), to_date(col("processed_at")).as("dt"));
    if (rejected.isEmpty()) {
      return;
    }
    rejected.select(col("tenant_id").as("key"),
            to_json(struct(col("tenant_id"), col("event_id"), col("reason"), col("raw"),
                col("kafka_topic").as("source_topic"), col("kafka_partition").as("source_partition"),
                col("kafka_offset").as("source_offset"), col("rejected_at"))).as("value"))
        .write().format("kafka")
        .option("kafka.bootstrap.servers", settings.bootstrapServers())
        .option("topic", settings.dlqTopic())
        .save();
    lake.appendOnce(Tables.REJECTED_EVENTS, rejected, appId(decoded, "rejected"), batchId);
    LOG.warn("Batch {}: {} record(s) rejected to {}", batchId, rejected.count(),
        settings.dlqTopic());
  }

  private void writeDropped(Dataset<Row> decoded, long batchId) {
    Dataset<Row> dropped = decoded.where(col("outcome").equalTo(EnvelopeDecoding.DROPPED))
        .select(col("tenant_id"), col("event_id"), col("event_type"), col("config_version"),
            col("reason"), col("kafka_partition"), col("kafka_offset"),
            col("processed_at").as("dropped_at"), to_date(col("processed_at")).as("dt"));
    if (!dropped.isEmpty()) {
      lake.appendOnce(Tables.DROPPED_EVENTS_AUDIT, dropped, appId(decoded, "dropped"), batchId);
    }
  }
}
