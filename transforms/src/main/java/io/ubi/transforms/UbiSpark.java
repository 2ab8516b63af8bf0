package io.ubi.transforms;

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
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
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
        // Compaction belongs in the nightly maintenance, not in the stream's commit path.
        .config("spark.databricks.delta.autoCompact.enabled", "false")
        .config("spark.sql.streaming.stateStore.providerClass",
            "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider");
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
