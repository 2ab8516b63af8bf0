package io.ubi.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.transforms.EnvelopeDecoding;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SparkColumns;
import io.ubi.transforms.UbiSpark;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream's work: {@link #deduplicated} is the streaming plan from Kafka records to
 * decoded, deduplicated rows, {@link #process} one micro-batch of it. Every write is idempotent, so
 * when Spark replays a batch after a crash (its offsets were read but the checkpoint not committed)
 * nothing is duplicated. The DLQ topic is at-least-once. Intraday features are refreshed by a
 * second query that follows bronze ({@link #refreshIntraday}).
 *
 * <p>Deduplication of at-least-once delivery takes one of two paths, so that the common one never
 * reads bronze:
 *
 * <ul>
 *   <li>the stream keeps every event id it has seen for the dedupe horizon {@code H} (Spark state,
 *       on a watermark over the micro-batch timestamp, which never runs late, so no record is ever
 *       dropped as late); an event that happened within {@code H - skew} before its processing (and
 *       at most {@code skew} after) is appended to bronze exactly once per batch id;
 *   <li>any other event (older, or claiming the future) is inserted by an insert-only merge against
 *       bronze itself.
 * </ul>
 *
 * <p>Together they write every id once: two copies on the fast path are at most {@code H} apart in
 * processing time, within the state's memory; a copy on the slow path is checked against bronze,
 * which holds any earlier copy; and a copy processed after a slow-path one is itself on the slow
 * path, since it is later still.
 *
 * <p>Late events are never dropped: an event lands in the {@code dt} of its own {@code
 * occurred_at}, however late, and the nightly job recomputes that day from bronze. Intraday
 * features are refreshed only for the last {@code intradayDays} days.
 */
public final class MicroBatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);
  static final String APP_ID = "ubi-event-stream";

  /** The local property Spark sets to the running streaming query's id (its checkpoint's id). */
  static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private static final String DEDUPE_KEY = "dedupe_key";
  private static final String FAST = "fast";
  private static final String SLOW = "slow";

  private final Lake lake;
  private final StreamSettings settings;
  private final EnvelopeDecoder decoder;
  private final Clock clock;
  private final IntradayRefresh intraday;
  private volatile BatchListener listener = (id, startedAt, committedAt) -> {};

  public MicroBatchProcessor(
      Lake lake,
      StreamSettings settings,
      Supplier<TenantConfigs> configs,
      Pseudonymizer pseudonymizer,
      Clock clock) {
    this.lake = lake;
    this.settings = settings;
    this.decoder = new EnvelopeDecoder(configs, pseudonymizer);
    this.clock = clock;
    this.intraday = new IntradayRefresh(lake, settings, configs, clock);
  }

  public void setListener(BatchListener listener) {
    this.listener = listener;
  }

  /**
   * The streaming plan from Kafka records to decoded rows, without the redeliveries of an event id
   * seen within the dedupe horizon. A rejected record is keyed by its Kafka position, so none is
   * ever merged with another. On a batch Dataset, the duplicates within it are dropped.
   */
  public Dataset<Row> deduplicated(Dataset<Row> kafkaRecords) {
    Column byEvent = concat_ws("/", col("tenant_id"), col("event_id"));
    Column byPosition =
        concat_ws(
            "/", lit("kafka"), col("kafka_topic"), col("kafka_partition"), col("kafka_offset"));
    Dataset<Row> keyed =
        EnvelopeDecoding.decode(kafkaRecords, decoder)
            .withColumn(
                DEDUPE_KEY,
                when(
                        col("outcome")
                            .equalTo(EnvelopeDecoding.REJECTED)
                            .or(col("event_id").isNull()),
                        byPosition)
                    .otherwise(byEvent));
    if (!kafkaRecords.isStreaming()) {
      // A batch read of the topic (a backfill) is one micro-batch: its own copies are dropped.
      return keyed.dropDuplicates(DEDUPE_KEY);
    }
    return keyed
        .withWatermark("processed_at", settings.dedupeHorizon().toSeconds() + " seconds")
        .dropDuplicatesWithinWatermark(DEDUPE_KEY);
  }

  /** One micro-batch of {@link #deduplicated} rows. */
  public void process(Dataset<Row> records, long batchId) {
    long t0 = System.nanoTime();
    UbiSpark.usePool(records.sparkSession(), UbiSpark.BRONZE_POOL);
    Column onTime =
        col("timestamp_utc")
            .geq(
                col("processed_at")
                    .minus(
                        expr("INTERVAL " + settings.fastPathLateness().toSeconds() + " SECONDS")))
            .and(
                col("timestamp_utc")
                    .leq(
                        col("processed_at")
                            .plus(
                                expr(
                                    "INTERVAL "
                                        + StreamSettings.CLOCK_SKEW.toSeconds()
                                        + " SECONDS"))));
    Dataset<Row> batch =
        records
            .withColumn(
                "route",
                when(col("outcome").notEqual(EnvelopeDecoding.MAPPED), col("outcome"))
                    .when(onTime, lit(FAST))
                    .otherwise(lit(SLOW)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One pass that also fills the cache: which routes the batch takes, and for the slow path
      // which tenants and days its merge touches.
      Set<String> routes = new TreeSet<>();
      Set<String> slowTenants = new TreeSet<>();
      Set<LocalDate> slowDays = new TreeSet<>();
      Instant processedAt = null;
      for (Row r :
          batch
              .select(
                  col("route"),
                  col("processed_at"),
                  when(col("route").equalTo(SLOW), col("tenant_id")).as("tenant_id"),
                  when(col("route").equalTo(SLOW), col("dt")).as("dt"))
              .distinct()
              .collectAsList()) {
        routes.add(r.getString(0));
        processedAt = (Instant) r.get(1);
        if (SLOW.equals(r.getString(0))) {
          slowTenants.add(r.getString(2));
          slowDays.add((LocalDate) r.get(3));
        }
      }
      long decodedAt = System.nanoTime();
      if (routes.contains(FAST)) {
        lake.appendOnce(
            Tables.BEHAVIOURAL_EVENTS, bronzeRows(batch, FAST), appId(records, "bronze"), batchId);
      }
      if (routes.contains(SLOW)) {
        lake.insertNew(
            Tables.BEHAVIOURAL_EVENTS,
            bronzeRows(batch, SLOW).dropDuplicates("tenant_id", "event_id"),
            slowTenants,
            slowDays);
      }
      if (routes.contains(FAST) || routes.contains(SLOW)) {
        listener.onCommitted(batchId, processedAt, clock.instant());
      }
      long bronzeAt = System.nanoTime();
      if (routes.contains(EnvelopeDecoding.REJECTED)) {
        writeRejected(batch, records, batchId);
      }
      if (routes.contains(EnvelopeDecoding.DROPPED)) {
        writeDropped(batch, records, batchId);
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "Batch {}: decode {} ms, bronze {} ms{}, rejected/dropped {} ms",
            batchId,
            (decodedAt - t0) / 1_000_000,
            (bronzeAt - decodedAt) / 1_000_000,
            routes.contains(SLOW) ? " (with late events)" : "",
            (System.nanoTime() - bronzeAt) / 1_000_000);
      }
    } finally {
      // Blocking: the batch ends only once its cache is gone, so a stop never finds it
      // unpersisting.
      batch.unpersist(true);
    }
  }

  private static Dataset<Row> bronzeRows(Dataset<Row> batch, String route) {
    return batch
        .where(col("route").equalTo(route))
        .select(SparkColumns.of(Tables.BEHAVIOURAL_EVENTS))
        .sortWithinPartitions("timestamp_utc");
  }

  /** One micro-batch of the intraday query: see {@link IntradayRefresh#refresh}. */
  public void refreshIntraday(Dataset<Row> newBronzeRows, long batchId) {
    intraday.refresh(newBronzeRows, batchId);
  }

  /** See {@link IntradayRefresh#purgeBefore}. */
  public void purgeIntradayBefore(LocalDate first) {
    intraday.purgeBefore(first);
  }

  /**
   * The Delta transaction id of a write of a streaming query: the query's id, which its checkpoint
   * keeps across restarts, so a new checkpoint (whose batch ids restart at 0) is never mistaken for
   * a replay of the old one.
   */
  static String appId(Dataset<Row> batch, String write) {
    String queryId = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    if (queryId == null) {
      throw new IllegalStateException(
          "Not inside a micro-batch of a streaming query: no "
              + QUERY_ID_PROPERTY
              + " to make the "
              + write
              + " write idempotent");
    }
    return APP_ID + "-" + queryId + "-" + write;
  }

  private void writeRejected(Dataset<Row> decoded, Dataset<Row> records, long batchId) {
    Dataset<Row> rejected =
        decoded
            .where(col("outcome").equalTo(EnvelopeDecoding.REJECTED))
            .select(
                col("tenant_id"),
                col("event_id"),
                col("reason"),
                col("raw"),
                col("kafka_topic"),
                col("kafka_partition"),
                col("kafka_offset"),
                col("kafka_timestamp"),
                col("processed_at").as("rejected_at"),
                to_date(col("processed_at")).as("dt"));
    if (rejected.isEmpty()) {
      return;
    }
    rejected
        .select(
            col("tenant_id").as("key"),
            to_json(
                    struct(
                        col("tenant_id"),
                        col("event_id"),
                        col("reason"),
                        col("raw"),
                        col("kafka_topic").as("source_topic"),
                        col("kafka_partition").as("source_partition"),
                        col("kafka_offset").as("source_offset"),
                        col("rejected_at")))
                .as("value"))
        .write()
        .format("kafka")
        .option("kafka.bootstrap.servers", settings.bootstrapServers())
        .option("topic", settings.dlqTopic())
        .save();
    lake.appendOnce(Tables.REJECTED_EVENTS, rejected, appId(records, "rejected"), batchId);
    LOG.warn(
        "Batch {}: {} record(s) rejected to {}", batchId, rejected.count(), settings.dlqTopic());
  }

  private void writeDropped(Dataset<Row> decoded, Dataset<Row> records, long batchId) {
    Dataset<Row> dropped =
        decoded
            .where(col("outcome").equalTo(EnvelopeDecoding.DROPPED))
            .select(
                col("tenant_id"),
                col("event_id"),
                col("event_type"),
                col("config_version"),
                col("reason"),
                col("kafka_partition"),
                col("kafka_offset"),
                col("processed_at").as("dropped_at"),
                to_date(col("processed_at")).as("dt"));
    if (!dropped.isEmpty()) {
      lake.appendOnce(Tables.DROPPED_EVENTS_AUDIT, dropped, appId(records, "dropped"), batchId);
    }
  }
}
