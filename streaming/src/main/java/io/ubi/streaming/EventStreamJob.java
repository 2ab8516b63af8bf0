package io.ubi.streaming;

import io.ubi.lakehouse.Tables;
import io.ubi.transforms.Lake;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
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

  /** The two running queries. */
  public record SpeedLayer(StreamingQuery events, StreamingQuery intraday) {
    /** Blocks until everything on the topic now is in bronze, and bronze's rows in features. */
    public void processAllAvailable() {
      events.processAllAvailable();
      intraday.processAllAvailable();
    }

    public void stop() throws TimeoutException {
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
    try {
      StreamingQuery events = processor.deduplicated(source).writeStream()
          .queryName(QUERY_NAME)
          .option("checkpointLocation", settings.checkpointDir().toString())
          .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
          .foreachBatch((VoidFunction2<Dataset<Row>, Long>) processor::process)
          .start();
      StreamingQuery intraday = bronze.writeStream()
          .queryName(INTRADAY_QUERY_NAME)
          .option("checkpointLocation",
              settings.checkpointDir().resolveSibling("intraday-features").toString())
          .trigger(Trigger.ProcessingTime(settings.intradayTrigger().toMillis()))
          .foreachBatch((VoidFunction2<Dataset<Row>, Long>) processor::refreshIntraday)
          .start();
      return new SpeedLayer(events, intraday);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Cannot start the speed layer: " + e.getMessage(), e);
    }
  }
}
