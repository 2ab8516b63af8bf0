package io.ubi.streaming;

import io.ubi.lakehouse.Tables;
import io.ubi.transforms.Lake;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Starts the speed layer as two queries, so feature work never delays the bronze write:
 *
 * <ol>
 *   <li>{@value #QUERY_NAME}: Kafka {@code SignalEnvelope} topic to bronze, the DLQ and the audit
 *       table, through {@link MicroBatchProcessor#deduplicated} and {@link
 *       MicroBatchProcessor#process};
 *   <li>{@value #INTRADAY_QUERY_NAME}: bronze's new rows (a Delta stream) to intraday features,
 *       through {@link MicroBatchProcessor#refreshIntraday}.
 * </ol>
 *
 * <p>Each query's offsets live in its own checkpoint, committed after the batch's writes, so a
 * restart resumes where it stopped.
 */
public final class EventStreamJob {
  public static final String QUERY_NAME = "ubi-event-stream";
  public static final String INTRADAY_QUERY_NAME = "ubi-intraday-features";

  private EventStreamJob() {}

  /** How long a stop waits for the micro-batches in flight to finish their writes. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(40);

  /** The two running queries. */
  public static final class SpeedLayer {
    /** Planning a trigger (offsets, the Delta log) takes far less than this, on 2 cores. */
    private static final long QUIET_MARGIN_MS = 150;

    private final StreamingQuery events;
    private final StreamingQuery intraday;
    private final BatchGate gate;
    private final StreamSettings settings;

    private SpeedLayer(
        StreamingQuery events, StreamingQuery intraday, BatchGate gate, StreamSettings settings) {
      this.events = events;
      this.intraday = intraday;
      this.gate = gate;
      this.settings = settings;
    }

    public StreamingQuery events() {
      return events;
    }

    public StreamingQuery intraday() {
      return intraday;
    }

    /** Blocks until everything on the topic now is in bronze, and bronze's rows in features. */
    public void processAllAvailable() {
      events.processAllAvailable();
      intraday.processAllAvailable();
    }

    /**
     * Stops both queries between micro-batches: the batches in flight finish their writes (up to
     * {@link #DRAIN_TIMEOUT}), no new one starts, then each query stops while it is quiet. What is
     * on the topic and not yet in bronze is read from the checkpoint's offsets on the next start.
     */
    public void stop() throws TimeoutException {
      gate.close(DRAIN_TIMEOUT);
      try {
        stopWhenQuiet(events, settings.trigger());
      } finally {
        stopWhenQuiet(intraday, settings.intradayTrigger());
      }
    }

    /**
     * Stopping interrupts the query's thread. Between triggers it only sleeps, and at the closed
     * gate it only waits; while it plans a trigger (reading offsets, replaying the Delta log) an
     * interrupt makes Spark log errors for the work it cut. Triggers start on multiples of their
     * interval, so a query that is not in a trigger and is not about to start one is quiet.
     */
    private void stopWhenQuiet(StreamingQuery query, Duration trigger) throws TimeoutException {
      long interval = Math.max(1, trigger.toMillis());
      long deadline =
          System.nanoTime()
              + Duration.ofSeconds(5)
                  .plus(
                      trigger.multipliedBy(2).compareTo(Duration.ofSeconds(10)) < 0
                          ? trigger.multipliedBy(2)
                          : Duration.ofSeconds(10))
                  .toNanos();
      // With a trigger this short there is never a margin to wait for: idle is enough.
      long margin = interval > 2 * QUIET_MARGIN_MS ? QUIET_MARGIN_MS : 0;
      while (System.nanoTime() < deadline
          && !gate.isWaiting(query.name())
          && (query.status().isTriggerActive()
              || interval - System.currentTimeMillis() % interval < margin)) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      query.stop();
    }
  }

  public static SpeedLayer start(
      SparkSession spark, Lake lake, StreamSettings settings, MicroBatchProcessor processor) {
    Dataset<Row> source =
        spark
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", settings.bootstrapServers())
            .option("subscribe", settings.topic())
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
            .load();
    Dataset<Row> bronze =
        spark
            .readStream()
            .format("delta")
            // Retention deletes and compactions rewrite files; only appended events matter here.
            .option("skipChangeCommits", "true")
            .load(lake.location(Tables.BEHAVIOURAL_EVENTS));
    BatchGate gate = new BatchGate();
    try {
      StreamingQuery events =
          processor
              .deduplicated(source)
              .writeStream()
              .queryName(QUERY_NAME)
              .option("checkpointLocation", settings.checkpointDir().toString())
              .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
              .foreachBatch(gate.guard(QUERY_NAME, processor::process))
              .start();
      StreamingQuery intraday =
          bronze
              .writeStream()
              .queryName(INTRADAY_QUERY_NAME)
              .option(
                  "checkpointLocation",
                  settings.checkpointDir().resolveSibling("intraday-features").toString())
              .trigger(Trigger.ProcessingTime(settings.intradayTrigger().toMillis()))
              .foreachBatch(gate.guard(INTRADAY_QUERY_NAME, processor::refreshIntraday))
              .start();
      return new SpeedLayer(events, intraday, gate, settings);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Cannot start the speed layer: " + e.getMessage(), e);
    }
  }
}
