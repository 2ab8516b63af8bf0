package io.ubi.transforms;

import java.time.Duration;
import java.util.Arrays;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.SparkSession;

/** The Spark settings every UBI job and test runs with. */
public final class UbiSpark {
  private UbiSpark() {}

  /**
   * A builder with Delta enabled, UTC session time (the {@code dt} partition is the UTC date),
   * java.time values in rows, and small shuffles for a few cores.
   */
  public static SparkSession.Builder builder(String appName) {
    return SparkSession.builder()
        .appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ui.retainedExecutions", "20")
        .config("spark.sql.adaptive.enabled", "true")
        // The stream's plans, Delta's own and the nightly job's do not fit the default 100.
        .config("spark.sql.codegen.cache.maxEntries", "1000")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        // A batch with no new records only to advance the dedupe watermark costs a full cycle;
        // expired ids are evicted by the next batch with data instead.
        .config("spark.sql.streaming.noDataMicroBatches.enabled", "false")
        // Pools of fairscheduler.xml: the stream's bronze write never queues behind feature work.
        .config("spark.scheduler.mode", "FAIR")
        // Compaction belongs in the nightly maintenance, not in the stream's commit path.
        .config("spark.databricks.delta.autoCompact.enabled", "false")
        .config(
            "spark.sql.streaming.stateStore.providerClass",
            "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider");
  }

  /**
   * Runs the jobs this thread submits from now on in the named pool of {@code fairscheduler.xml}
   * ({@link #BRONZE_POOL} or {@link #INTRADAY_POOL}).
   */
  public static void usePool(SparkSession spark, String pool) {
    spark.sparkContext().setLocalProperty("spark.scheduler.pool", pool);
  }

  public static final String BRONZE_POOL = "bronze";
  public static final String INTRADAY_POOL = "intraday";

  /**
   * Stops {@code spark} once nothing runs on it: cancels the jobs still running (a nightly run
   * caught by Ctrl-C; its writes are atomic commits, so a cancelled one leaves no trace) and waits
   * up to {@code timeout} for their tasks to end. Stopping Spark under running tasks makes them
   * fail on a block manager that is gone, each with an error and a stack trace.
   */
  public static void stopWhenIdle(SparkSession spark, Duration timeout) {
    SparkContext context = spark.sparkContext();
    if (!context.isStopped()) {
      context.cancelAllJobs();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (busy(context) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    spark.stop();
  }

  private static boolean busy(SparkContext context) {
    return context.statusTracker().getActiveJobIds().length > 0
        || Arrays.stream(context.statusTracker().getExecutorInfos())
                .mapToInt(SparkExecutorInfo::numRunningTasks)
                .sum()
            > 0;
  }

  /** A local session, for the embedded defaults and tests. */
  public static SparkSession local(String appName, int cores) {
    return builder(appName)
        .master("local[" + cores + "]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
