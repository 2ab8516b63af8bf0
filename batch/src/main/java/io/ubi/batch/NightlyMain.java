package io.ubi.batch;

import io.ubi.model.config.TenantConfigs;
import io.ubi.transforms.Lake;
import io.ubi.transforms.UbiSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly job as a {@code spark-submit} main class, for schedulers (Airflow) that run Spark
 * themselves; the master and resources come from spark-submit.
 *
 * <pre>
 * spark-submit --class io.ubi.batch.NightlyMain ubi-batch.jar \
 *   --lake /data/ubi/lake --tenant-config /etc/ubi/tenants \
 *   --kafka broker:9092 --signals-topic ubi.behavioural_signals --date 2026-11-22
 * </pre>
 *
 * <p>{@code --from D1 --to D2} recomputes a range (a backfill); without a date, yesterday (UTC).
 * Without {@code --kafka}, signals are written to gold but not published.
 */
public final class NightlyMain {
  private static final List<String> OPTIONS =
      List.of(
          "--lake",
          "--tenant-config",
          "--kafka",
          "--signals-topic",
          "--feedback-topic",
          "--date",
          "--from",
          "--to",
          "--late-lookback-days");

  private NightlyMain() {}

  public static void main(String[] args) {
    Map<String, String> a;
    LocalDate from;
    LocalDate to;
    try {
      a = parse(args);
      if (!a.containsKey("--lake")) {
        throw new IllegalArgumentException("--lake is required");
      }
      if (a.containsKey("--date") && (a.containsKey("--from") || a.containsKey("--to"))) {
        throw new IllegalArgumentException("give --date or --from/--to, not both");
      }
      LocalDate yesterday = LocalDate.now(Clock.systemUTC()).minusDays(1);
      from =
          LocalDate.parse(a.getOrDefault("--date", a.getOrDefault("--from", yesterday.toString())));
      to = LocalDate.parse(a.getOrDefault("--date", a.getOrDefault("--to", from.toString())));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      System.err.println(
          "ubi nightly: "
              + e.getMessage()
              + "\nusage: NightlyMain --lake DIR"
              + " [--tenant-config DIR] [--kafka BOOTSTRAP] [--signals-topic TOPIC]"
              + " [--feedback-topic TOPIC]"
              + " [--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--late-lookback-days N]");
      System.exit(2);
      return;
    }
    SparkSession spark = UbiSpark.builder("ubi-nightly").getOrCreate();
    try {
      NightlyBatchJob.Result r =
          new NightlyBatchJob(
                  new Lake(spark, Path.of(a.get("--lake"))),
                  TenantConfigs.load(
                      a.containsKey("--tenant-config") ? Path.of(a.get("--tenant-config")) : null),
                  new BatchSettings(
                      a.getOrDefault("--kafka", ""),
                      a.getOrDefault("--signals-topic", "ubi.behavioural_signals"),
                      Integer.parseInt(
                          a.getOrDefault(
                              "--late-lookback-days",
                              String.valueOf(BatchSettings.DEFAULT_LATE_LOOKBACK_DAYS))),
                      a.getOrDefault("--feedback-topic", BatchSettings.DEFAULT_FEEDBACK_TOPIC)),
                  Clock.systemUTC())
              .run(from, to);
      System.out.println(r.summary());
    } finally {
      spark.stop();
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + OPTIONS);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      out.put(args[i], args[i + 1]);
    }
    return out;
  }
}
