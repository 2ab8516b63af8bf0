package io.ubi.launcher.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.ubi.batch.BatchSettings;
import io.ubi.batch.NightlyBatchJob;
import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.transforms.Lake;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What {@code ubi bench nightly} measures, on any Spark session and lakehouse: the command runs it
 * on a session of its own, the integration suite on the shared one with tiny sizes, so the two
 * cannot drift apart. Synthetic history is written to bronze, the nightly job backfills all of its
 * days, then one more day is appended and the job runs for that day alone, as on an ordinary night.
 *
 * <p>The split between history and increment is by time, as a night sees it: the history holds
 * every event until its last day has ended in every tenant's time zone (so the backfill's days are
 * complete whether the job counts days in UTC or in tenant time), the increment the next 24 hours.
 * Likewise the history starts once its first day has begun in every zone: no event of an earlier
 * day, which the job's look-back for late events would take for a day never computed and recompute,
 * in the backfill or the increment.
 */
public final class NightlyBenchRun {
  /** One run of the nightly job: when it started, its wall time, result and commits. */
  public record Night(
      Instant started,
      double seconds,
      NightlyBatchJob.Result result,
      List<CommitTimeline.Commit> commits) {}

  /**
   * Everything measured.
   *
   * @param generateSeconds generating the history and writing it to bronze (not a target)
   * @param historyEvents bronze rows of the history; {@code incrementEvents} those appended after
   * @param daysWithFeatures days of the history that have daily feature rows after the backfill
   * @param incrementFeatureRows daily feature rows of the appended day after the increment
   */
  public record Figures(
      BenchPopulation population,
      LocalDate first,
      LocalDate last,
      LocalDate incrementDay,
      double generateSeconds,
      long historyEvents,
      Night backfill,
      long daysWithFeatures,
      double appendSeconds,
      long incrementEvents,
      Night increment,
      long incrementFeatureRows) {
    /**
     * True when the backfill produced features for every day and the increment for its day,
     * recomputing that day only: otherwise the timings measure something else.
     */
    public boolean complete() {
      return daysWithFeatures == last.toEpochDay() - first.toEpochDay() + 1
          && incrementFeatureRows > 0
          && increment.result().recomputedFrom().equals(incrementDay);
    }
  }

  private final Lake lake;
  private final TenantConfigs configs;
  private final Pseudonymizer pseudonymizer;
  private final BatchSettings settings;
  private final Consumer<String> progress;

  /**
   * @param settings the nightly job's; a blank bootstrap publishes nothing
   */
  public NightlyBenchRun(
      Lake lake,
      TenantConfigs configs,
      Pseudonymizer pseudonymizer,
      BatchSettings settings,
      Consumer<String> progress) {
    this.lake = lake;
    this.configs = configs;
    this.pseudonymizer = pseudonymizer;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Writes the events of the {@code days} days from {@code first} (from when the first has begun to
   * when the last has ended, in every tenant's time zone), backfills those days, then appends the
   * next 24 hours of events and runs the job for that day.
   */
  public Figures run(BenchPopulation population, LocalDate first, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be positive, was " + days);
    }
    LocalDate last = first.plusDays(days - 1L);
    LocalDate next = last.plusDays(1);
    lake.ensureTables();
    // The planted behaviours cover the last two days of history and the increment.
    SyntheticBronze bronze =
        new SyntheticBronze(
            lake,
            new EnvelopeDecoder(configs.withoutDirectories(), pseudonymizer),
            population,
            next.minusDays(2));

    progress.accept(
        "Writing " + days + " days of synthetic history to bronze (" + first + ".." + last + ")");
    long started = System.nanoTime();
    bronze.write(population.endOf(first.minusDays(1)), population.endOf(last));
    double generateSeconds = secondsSince(started);
    long historyEvents = lake.read(Tables.BEHAVIOURAL_EVENTS).count();
    progress.accept(
        String.format(
            Locale.ROOT, "%,d events in %.1f s; backfilling", historyEvents, generateSeconds));
    Night backfill = night(first, last);
    long daysWithFeatures =
        lake.read(Tables.ACTOR_FEATURES_DAILY)
            .where(col("dt").between(lit(first), lit(last)))
            .select("dt")
            .distinct()
            .count();

    progress.accept("Appending " + next + " to bronze; then its nightly run");
    started = System.nanoTime();
    bronze.write(population.endOf(last), population.endOf(next));
    double appendSeconds = secondsSince(started);
    long incrementEvents = lake.read(Tables.BEHAVIOURAL_EVENTS).count() - historyEvents;
    Night increment = night(next, next);
    long incrementFeatureRows =
        lake.read(Tables.ACTOR_FEATURES_DAILY).where(col("dt").equalTo(lit(next))).count();
    return new Figures(
        population,
        first,
        last,
        next,
        generateSeconds,
        historyEvents,
        backfill,
        daysWithFeatures,
        appendSeconds,
        incrementEvents,
        increment,
        incrementFeatureRows);
  }

  private Night night(LocalDate from, LocalDate to) {
    Instant start = Instant.now();
    long started = System.nanoTime();
    NightlyBatchJob.Result result =
        new NightlyBatchJob(lake, configs, settings, Clock.systemUTC()).run(from, to);
    double seconds = secondsSince(started);
    progress.accept(String.format(Locale.ROOT, "%.1f s: %s", seconds, result.summary()));
    return new Night(start, seconds, result, CommitTimeline.between(lake, start, Instant.now()));
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
