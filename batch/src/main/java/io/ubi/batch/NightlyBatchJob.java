package io.ubi.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.transforms.ConfigStore;
import io.ubi.transforms.FeatureComputation;
import io.ubi.transforms.FeatureGrain;
import io.ubi.transforms.FeatureStates;
import io.ubi.transforms.GroupFeatures;
import io.ubi.transforms.Lake;
import io.ubi.transforms.LayerParity;
import io.ubi.transforms.ScoreComputation;
import io.ubi.transforms.SeriesComputation;
import io.ubi.transforms.SparkColumns;
import io.ubi.transforms.SparkSchemas;
import io.ubi.transforms.TenantDays;
import io.ubi.transforms.TenantTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly recomputation for the days {@code [from, to]} (one day on a normal night, a range for
 * a backfill), all tenants, each computed on its own. The range starts earlier when bronze holds
 * events that arrived after their day's features were computed (late events, or days never
 * computed) within {@link BatchSettings#lateLookbackDays} before {@code from}: from the earliest
 * such day, so that its features and every later baseline include them.
 *
 * <ol>
 *   <li>features of each day from bronze, replacing those days in {@code
 *       silver.actor_features_daily} (authoritative: includes events that arrived late);
 *   <li>baselines and z-scores over each tenant's history window, into {@code
 *       silver.feature_baselines};
 *   <li>signals: new and changed ones are published to {@code ubi.behavioural_signals}, then merged
 *       into {@code gold.behavioural_signals};
 *   <li>feedback: verdicts on signals into {@code gold.signal_feedback}, and the night's
 *       false-positive rates and threshold proposals ({@link FeedbackStage}).
 * </ol>
 *
 * Re-running the same range gives the same tables and publishes nothing new.
 */
public final class NightlyBatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyBatchJob.class);

  /** What a run did. */
  public record Result(
      LocalDate recomputedFrom,
      LocalDate to,
      long featureRows,
      long baselineRows,
      long signals,
      List<BehaviouralSignal> published) {
    /**
     * One line for the command line, in ASCII digits whatever the default locale: scripts and tests
     * read it.
     */
    public String summary() {
      return String.format(
          Locale.ROOT,
          "nightly %s..%s: %d feature rows, %d baseline rows, %d"
              + " signals in range, %d published",
          recomputedFrom,
          to,
          featureRows,
          baselineRows,
          signals,
          published.size());
    }
  }

  private final Lake lake;
  private final TenantConfigs seed;
  private final BatchSettings settings;
  private final Clock clock;

  /**
   * The configurations of the run under way: the seed files with each tenant's latest stored
   * version over them, read afresh at the start of every run, so a change stored since the last run
   * (through the config API, or by threshold tuning) applies to the next one without a restart.
   */
  private TenantConfigs configs;

  /**
   * @param seed the tenants' files (and the embedded defaults) the stored versions are laid over
   */
  public NightlyBatchJob(Lake lake, TenantConfigs seed, BatchSettings settings, Clock clock) {
    this.lake = lake;
    this.seed = seed;
    this.configs = seed;
    this.settings = settings;
    this.clock = clock;
  }

  public Result run(LocalDate requestedFrom, LocalDate to) {
    if (to.isBefore(requestedFrom)) {
      throw new IllegalArgumentException("Invalid range: " + requestedFrom + " is after " + to);
    }
    Instant now = clock.instant();
    lake.ensureTables();
    configs = new ConfigStore(lake).effective(seed);
    LocalDate from = firstDayWithLateEvents(requestedFrom).orElse(requestedFrom);
    if (from.isBefore(requestedFrom)) {
      LOG.info(
          "Bronze holds events of {} that its daily features do not include yet (late, or"
              + " never computed): recomputing from there",
          from);
    }

    computeDays(from, to, now);
    new WindowStage(lake, configs).write(from, to, now);
    compareLayers(from, to, now);
    long featureRows =
        lake.read(Tables.ACTOR_FEATURES_DAILY).where(col("dt").between(lit(from), lit(to))).count();
    LOG.info("Features for {}..{}: {} rows", from, to, featureRows);

    Dataset<Row> history =
        lake.read(Tables.ACTOR_FEATURES_DAILY)
            .where(col("dt").between(lit(to.minusDays(maxWindowDays() - 1L)), lit(to)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> baselines = SeriesComputation.baselines(history, configs, from, to, now);
      lake.replaceDays(Tables.FEATURE_BASELINES, baselines, from, to);
      long baselineRows =
          lake.read(Tables.FEATURE_BASELINES).where(col("dt").between(lit(from), lit(to))).count();
      lake.replaceDays(
          Tables.BEHAVIOURAL_SCORES,
          ScoreComputation.scores(
              lake.read(Tables.FEATURE_BASELINES).where(col("dt").between(lit(from), lit(to))),
              now),
          from,
          to);

      // Detection reads what the baseline step wrote, the earlier nights' rows included.
      Dataset<Row> assessed =
          lake.read(Tables.FEATURE_BASELINES)
              .where(col("dt").between(lit(to.minusDays(maxWindowDays() - 1L)), lit(to)));
      Dataset<Row> signals =
          SeriesComputation.signals(assessed, configs, from, to)
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long total = signals.count();
        List<BehaviouralSignal> changed =
            new SignalMerge(lake, settings, configs).publishAndMerge(signals, to, now);
        new FeedbackStage(lake, configs, settings).run(to, now);
        LOG.info(
            "Baselines {} rows; signals {} in range, {} new or changed",
            baselineRows,
            total,
            changed.size());
        return new Result(from, to, featureRows, baselineRows, total, changed);
      } finally {
        signals.unpersist(true);
      }
    } finally {
      history.unpersist(true);
    }
  }

  /**
   * Writes the daily states, memberships and features of every scope for the tenants' local days
   * {@code [from, to]}, folded from the UTC partitions of bronze around them.
   */
  private void computeDays(LocalDate from, LocalDate to, Instant now) {
    Dataset<Row> bronze =
        TenantTime.withLocalDay(
                lake.read(Tables.BEHAVIOURAL_EVENTS).where(TenantTime.bronzePartitionsOf(from, to)),
                configs)
            .where(col("dt").between(lit(from), lit(to)));
    Dataset<Row> states =
        FeatureStates.fold(bronze, configs, now).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> actors =
        FeatureComputation.features(states, FeatureGrain.DAILY, configs, now)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> members =
        GroupFeatures.members(bronze, configs).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      lake.replaceDays(Tables.ACTOR_FEATURE_STATES_DAILY, states, from, to);
      lake.replaceDays(Tables.GROUP_MEMBERSHIPS_DAILY, members, from, to);
      // Teams, cohorts and the tenant from their members' values of the same days, in the same
      // atomic replace, so a reader never sees one scope of a day without the others.
      Dataset<Row> groups =
          GroupFeatures.compute(actors, members, FeatureGrain.DAILY, configs, now);
      lake.replaceDays(Tables.ACTOR_FEATURES_DAILY, actors.unionByName(groups), from, to);
    } finally {
      members.unpersist(true);
      actors.unpersist(true);
      states.unpersist(true);
    }
  }

  /**
   * Writes {@code silver.layer_parity_daily} for the days of {@code [from, to]} that the speed
   * layer's intraday table still holds: how far its values are from the ones just computed.
   */
  private void compareLayers(LocalDate from, LocalDate to, Instant now) {
    Column range = col("dt").between(lit(from), lit(to));
    Dataset<Row> stream = lake.read(Tables.ACTOR_FEATURES_INTRADAY).where(range);
    TenantDays covered = TenantDays.of(stream);
    if (covered.isEmpty()) {
      return;
    }
    // Only the tenant-days the stream holds: a tenant without intraday rows has nothing to compare.
    Dataset<Row> batch =
        lake.read(Tables.ACTOR_FEATURES_DAILY)
            .where(col("dt").isin(covered.days().toArray()))
            .join(
                stream.select("tenant_id", "dt").distinct(),
                SparkColumns.seq("tenant_id", "dt"),
                "left_semi");
    List<Row> parity = LayerParity.compare(batch, stream, now).collectAsList();
    lake.upsert(
        Tables.LAYER_PARITY_DAILY,
        lake.spark().createDataFrame(parity, SparkSchemas.of(Tables.LAYER_PARITY_DAILY)),
        covered.tenants(),
        covered.days());
    for (Row p : parity) {
      LOG.info(
          "Layer parity {} {}: {} values compared, {} differ, {} only in the nightly job, {}"
              + " only in the stream",
          p.getAs("tenant_id"),
          p.getAs("dt"),
          p.getAs("compared"),
          p.getAs("mismatched"),
          p.getAs("only_in_batch"),
          p.getAs("only_in_stream"));
    }
  }

  /**
   * The earliest day of the look-back before {@code from} where some tenant's bronze holds an event
   * written after that day's features were computed, or that has no features at all. Days are the
   * tenants' local days, as the features'.
   */
  private Optional<LocalDate> firstDayWithLateEvents(LocalDate from) {
    if (settings.lateLookbackDays() == 0) {
      return Optional.empty();
    }
    Column lookback =
        col("dt").between(lit(from.minusDays(settings.lateLookbackDays())), lit(from.minusDays(1)));
    Dataset<Row> arrived =
        TenantTime.withLocalDay(
                lake.read(Tables.BEHAVIOURAL_EVENTS)
                    .where(
                        TenantTime.bronzePartitionsOf(
                            from.minusDays(settings.lateLookbackDays()), from.minusDays(1)))
                    .select("tenant_id", "timestamp_utc", "processed_at", "dt"),
                configs)
            .where(lookback)
            .groupBy("tenant_id", "dt")
            .agg(max("processed_at").as("arrived"));
    Dataset<Row> computed =
        lake.read(Tables.ACTOR_FEATURES_DAILY)
            .where(lookback)
            .groupBy("tenant_id", "dt")
            .agg(max("computed_at").as("computed"));
    Row first =
        arrived
            .join(computed, SparkColumns.seq("tenant_id", "dt"), "left")
            .where(col("computed").isNull().or(col("arrived").gt(col("computed"))))
            .agg(min("dt"))
            .first();
    return Optional.ofNullable((LocalDate) first.get(0));
  }

  private int maxWindowDays() {
    int max = configs.forTenant("*").baseline().windowDays();
    for (String t : configs.configuredTenants()) {
      max = Math.max(max, configs.forTenant(t).baseline().windowDays());
    }
    return max;
  }
}
