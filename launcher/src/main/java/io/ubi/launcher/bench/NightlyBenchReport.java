package io.ubi.launcher.bench;

import io.ubi.batch.NightlyBatchJob;
import io.ubi.launcher.bench.NightlyBenchRun.Figures;
import io.ubi.launcher.bench.NightlyBenchRun.Night;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The figures of {@code ubi bench nightly} as a small table, the two aims of PT-UBI-02 and where
 * each run's time went, in ASCII digits whatever the default locale: they are pasted into
 * docs/benchmarks.md as printed.
 */
final class NightlyBenchReport {
  static final Duration BACKFILL_AIM = Duration.ofMinutes(10);
  static final Duration INCREMENT_AIM = Duration.ofSeconds(60);

  private NightlyBenchReport() {}

  static void print(Figures f, String sparkMaster, PrintStream out) {
    BenchPopulation p = f.population();
    out.printf(
        Locale.ROOT,
        "%n[bench] nightly job: %d tenants, %,d actors in %,d teams, seed %d," + " %s%n%n",
        p.tenantIds().size(),
        p.actors(),
        p.teams(),
        p.seed(),
        sparkMaster);
    out.printf(Locale.ROOT, "  %-36s %9s  %s%n", "step", "time", "rows");
    row(
        out,
        "generate " + days(f) + " days, write to bronze",
        f.generateSeconds(),
        String.format(Locale.ROOT, "%,d bronze events (not timed by an aim)", f.historyEvents()));
    row(
        out,
        "backfill " + f.first() + ".." + f.last(),
        f.backfill().seconds(),
        counts(f.backfill().result()));
    row(
        out,
        "append " + f.incrementDay() + " to bronze",
        f.appendSeconds(),
        String.format(Locale.ROOT, "%,d bronze events", f.incrementEvents()));
    row(
        out,
        "increment " + f.incrementDay(),
        f.increment().seconds(),
        counts(f.increment().result()));
    out.println();
    out.printf(
        Locale.ROOT,
        "  backfill:  recomputed %s..%s, %d of %d days have daily features;"
            + " aim under %d s: %s%n",
        f.backfill().result().recomputedFrom(),
        f.last(),
        f.daysWithFeatures(),
        days(f),
        BACKFILL_AIM.toSeconds(),
        verdict(f.backfill(), BACKFILL_AIM));
    out.printf(
        Locale.ROOT,
        "  increment: recomputed %s..%s, %,d feature rows for %s; aim under" + " %d s: %s%n",
        f.increment().result().recomputedFrom(),
        f.incrementDay(),
        f.incrementFeatureRows(),
        f.incrementDay(),
        INCREMENT_AIM.toSeconds(),
        verdict(f.increment(), INCREMENT_AIM));
    timeline(out, "backfill", f.backfill());
    timeline(out, "increment", f.increment());
    if (!f.complete()) {
      out.println(
          "\n[bench] INCOMPLETE: a day lacks features, or the increment recomputed more"
              + " than its day; the timings above do not measure the nightly job as specified");
    }
  }

  private static void row(PrintStream out, String step, double seconds, String rows) {
    out.printf(Locale.ROOT, "  %-36s %7.1f s  %s%n", step, seconds, rows);
  }

  private static String counts(NightlyBatchJob.Result r) {
    return String.format(
        Locale.ROOT,
        "%,d features, %,d baselines, %,d signals (%,d new)",
        r.featureRows(),
        r.baselineRows(),
        r.signals(),
        r.published().size());
  }

  private static String verdict(Night night, Duration aim) {
    return night.seconds() < aim.toSeconds() ? "met" : "NOT met";
  }

  /**
   * Each Delta commit of the run, with the time since the previous one (or the start): mostly the
   * cost of the table committed. The last line is the work after the last commit.
   */
  private static void timeline(PrintStream out, String name, Night night) {
    out.printf(
        Locale.ROOT,
        "%n  where the %s's time went (from its start to each table's" + " commit):%n",
        name);
    if (night.commits().isEmpty()) {
      out.println("    (no commits found)");
      return;
    }
    double previous = 0;
    for (CommitTimeline.Commit c : night.commits()) {
      double at = Duration.between(night.started(), c.at()).toMillis() / 1000.0;
      out.printf(
          Locale.ROOT,
          "    %+8.1f s %7.1f s  %-38s %s%n",
          at,
          at - previous,
          c.table(),
          c.operation());
      previous = at;
    }
    out.printf(
        Locale.ROOT,
        "    %+8.1f s %7.1f s  %s%n",
        night.seconds(),
        night.seconds() - previous,
        "(end of the run)");
  }

  private static long days(Figures f) {
    return f.last().toEpochDay() - f.first().toEpochDay() + 1;
  }
}
