package io.ubi.streaming;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Told after each micro-batch commits to bronze; the benchmark measures latency through it. */
@FunctionalInterface
public interface BatchListener {
  /**
   * @param events the batch's new bronze rows (cached until this returns)
   * @param committedAt when the bronze commit finished
   */
  void onCommitted(long batchId, Dataset<Row> events, Instant committedAt);
}
