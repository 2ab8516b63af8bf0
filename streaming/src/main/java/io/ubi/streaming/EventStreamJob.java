package io.ubi.streaming;

import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Starts the speed layer: Kafka {@code SignalEnvelope} topic to the lakehouse through a
 * {@link MicroBatchProcessor}. Offsets live in the checkpoint, committed after the batch's writes,
 * so a restart resumes where it stopped.
 */
public final class EventStreamJob {
  public static final String QUERY_NAME = "ubi-event-stream";

  private EventStreamJob() {}

  public static StreamingQuery start(SparkSession spark, StreamSettings settings,
      MicroBatchProcessor processor) {
    Dataset<Row> source = spark.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", settings.bootstrapServers())
        .option("subscribe", settings.topic())
        .option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
        .load();
    try {
      return source.writeStream()
          .queryName(QUERY_NAME)
          .option("checkpointLocation", settings.checkpointDir().toString())
          .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
          .foreachBatch((VoidFunction2<Dataset<Row>, Long>) processor::process)
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Cannot start the event stream: " + e.getMessage(), e);
    }
  }
}
