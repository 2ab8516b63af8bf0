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
 *       table, through {@link MicroBatchProcessor#deduplicated} and
 *       {@link MicroBatchProcessor#process};
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
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(45);

  /** The two running queries. */
  public static final class SpeedLayer {
    private final StreamingQuery events;
    private final StreamingQuery intraday;
    private final BatchGate gate;

    private SpeedLayer(StreamingQuery events, StreamingQuery intraday, BatchGate gate) {
      this.events = events;
      this.intraday = intraday;
      this.gate = gate;
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
     * {@link #DRAIN_TIMEOUT}), no new one starts, then the queries stop. What is on the topic and
     * not yet in bronze is read from the checkpoint's offsets on the next start.
     */
    public void stop() throws TimeoutException {
      gate.close(DRAIN_TIMEOUT);
      events.stop();
      intraday.stop();
    }
  }

  public static SpeedLayer start(SparkSession spark, Lake lake, StreamSettings settings,
      MicroBatchProcessor processor) {
    Dataset<Row> source = spark.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", settings.bootstrapServers())
        .option("subscribe", settings.topic())
        .option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
        .load();
    Dataset<Row> bronze = spark.readStream()
        .format("delta")
        // Retention deletes and compactions rewrite files; only appended events matter here.
        .option("skipChangeCommits", "true")
        .load(lake.location(Tables.BEHAVIOURAL_EVENTS));
    BatchGate gate = new BatchGate();
    try {
      StreamingQuery events = processor.deduplicated(source).writeStream()
          .queryName(QUERY_NAME)
          .option("checkpointLocation", settings.checkpointDir().toString())
          .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
          .foreachBatch(gate.guard(processor::process))
          .start();
      StreamingQuery intraday = bronze.writeStream()
          .queryName(INTRADAY_QUERY_NAME)
          .option("checkpointLocation",
              settings.checkpointDir().resolveSibling("intraday-features").toString())
          .trigger(Trigger.ProcessingTime(settings.intradayTrigger().toMillis()))
          .foreachBatch(gate.guard(processor::refreshIntraday))
          .start();
      return new SpeedLayer(events, intraday, gate);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Cannot start the speed layer: " + e.getMessage(), e);
    }
  }
}
