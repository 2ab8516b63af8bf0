package io.ubi.streaming;

import static org.apache.spark.sql.functions.col;

import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.transforms.FeatureComputation;
import io.ubi.transforms.FeatureGrain;
import io.ubi.transforms.FeatureStates;
import io.ubi.transforms.Lake;
import io.ubi.transforms.TenantDays;
import io.ubi.transforms.TenantTime;
import io.ubi.transforms.UbiSpark;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intraday query's work (its micro-batches follow bronze's commits, so feature work never
 * delays the bronze write): the running aggregator states and features of the recent days in {@code
 * silver.actor_feature_states_intraday} and {@code silver.actor_features_intraday}, then the
 * near-real-time signals of the actors they changed ({@link ProvisionalSignals}).
 */
final class IntradayRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(IntradayRefresh.class);

  private final Lake lake;
  private final StreamSettings settings;
  private final Supplier<TenantConfigs> configs;
  private final Clock clock;
  private final ProvisionalSignals provisional;

  /** The first intraday day when the older ones were last deleted. */
  private volatile LocalDate purgedBefore;

  IntradayRefresh(
      Lake lake, StreamSettings settings, Supplier<TenantConfigs> configs, Clock clock) {
    this.lake = lake;
    this.settings = settings;
    this.configs = configs;
    this.clock = clock;
    this.provisional = new ProvisionalSignals(lake, settings);
  }

  /**
   * One micro-batch of the intraday query, which follows bronze's commits so that feature work
   * never delays the bronze write: merges the new bronze rows of the recent days into {@code
   * silver.actor_feature_states_intraday} (exactly once per batch), then recomputes the features of
   * those tenant-days from those running aggregator states. The cost depends on the batch and the
   * number of actors, never on how many events the day already holds.
   */
  void refresh(Dataset<Row> newBronzeRows, long batchId) {
    UbiSpark.usePool(newBronzeRows.sparkSession(), UbiSpark.INTRADAY_POOL);
    // A few thousand rows: one task at a time, so the other core stays free for bronze. (The
    // session is this query's own clone, so the setting stays within it.)
    newBronzeRows.sparkSession().conf().set("spark.sql.shuffle.partitions", "1");
    Instant now = clock.instant();
    long t0 = System.nanoTime();
    TenantConfigs configs = this.configs.get();
    LocalDate first =
        now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(settings.intradayDays() - 1L);
    if (!first.equals(purgedBefore)) {
      purgeBefore(first);
      purgedBefore = first;
    }
    // Local days, as the nightly job computes them; the days before the intraday window are the
    // nightly job's alone.
    Dataset<Row> states =
        FeatureStates.fold(
                TenantTime.withLocalDay(
                        newBronzeRows.where(col("dt").geq(functions.lit(first.minusDays(1)))),
                        configs)
                    .where(col("dt").geq(functions.lit(first)))
                    .coalesce(1),
                configs,
                now)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      TenantDays touched = TenantDays.of(states);
      if (touched.isEmpty()) {
        return;
      }
      Set<String> tenants = touched.tenants();
      Set<LocalDate> days = touched.days();
      long aggregatedAt = System.nanoTime();
      // The touched tenant-days so far plus this batch, rewritten in one atomic commit.
      lake.replacePartitions(
          Tables.ACTOR_FEATURE_STATES_INTRADAY,
          FeatureStates.merge(intradayStates(tenants, days).unionByName(states)),
          tenants,
          days,
          MicroBatchProcessor.appId(newBronzeRows, "intraday-states"),
          batchId);
      long mergedAt = System.nanoTime();
      lake.replacePartitions(
          Tables.ACTOR_FEATURES_INTRADAY,
          FeatureComputation.features(
              intradayStates(tenants, days), FeatureGrain.INTRADAY, configs, now),
          tenants,
          days,
          null,
          0);
      raiseProvisional(tenants, states, now, configs);
      LOG.debug(
          "Intraday batch {}: read and aggregate {} ms, add to states {} ms," + " features {} ms",
          batchId,
          (aggregatedAt - t0) / 1_000_000,
          (mergedAt - aggregatedAt) / 1_000_000,
          (System.nanoTime() - mergedAt) / 1_000_000);
    } finally {
      states.unpersist(true);
    }
  }

  /**
   * Near-real-time signals of the actors this batch changed. A failure (the broker away) is logged
   * and leaves intraday features alone: the actor's next change, or the nightly run, raises them.
   */
  private void raiseProvisional(
      Set<String> tenants, Dataset<Row> states, Instant now, TenantConfigs configs) {
    try {
      provisional.raise(tenants, states.select("tenant_id", "actor_pseudonym", "dt"), now, configs);
    } catch (RuntimeException e) {
      LOG.warn("Near-real-time signals not raised this batch: {}", e.getMessage(), e);
    }
  }

  /**
   * Deletes the intraday states and features of the days before {@code first}: the stream no longer
   * updates them, and the nightly job's daily features supersede them. Runs when the intraday
   * window moves (once a day) and at start.
   */
  void purgeBefore(LocalDate first) {
    for (var table :
        List.of(Tables.ACTOR_FEATURE_STATES_INTRADAY, Tables.ACTOR_FEATURES_INTRADAY)) {
      lake.deleteBefore(table, first);
    }
    LOG.info("Intraday states and features before {} deleted", first);
  }

  private Dataset<Row> intradayStates(Set<String> tenants, Set<LocalDate> days) {
    return lake.read(Tables.ACTOR_FEATURE_STATES_INTRADAY)
        .where(col("tenant_id").isin(tenants.toArray()).and(col("dt").isin(days.toArray())));
  }
}
