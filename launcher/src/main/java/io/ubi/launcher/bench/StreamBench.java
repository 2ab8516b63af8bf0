package io.ubi.launcher.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;

import io.ubi.lakehouse.Tables;
import io.ubi.launcher.Ubi;
import io.ubi.launcher.UbiConfig;
import io.ubi.launcher.UbiRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ubi bench stream}: produces envelopes to the events topic at a fixed rate (as PM-3 would)
 * and measures, per event, the time from its Kafka produce timestamp to the bronze commit that
 * holds it, plus the sustained rate of events committed to bronze.
 */
@Command(
    name = "stream",
    description =
        "Drive the speed layer at a fixed rate; print events/s"
            + " committed to bronze and produce-to-commit latency percentiles.")
public final class StreamBench implements Callable<Integer> {
  private static final long BUCKET_MS = 10;

  @Mixin Ubi.ConfigOptions options;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "events per second to produce (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--seconds",
      defaultValue = "120",
      description = "measured duration (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "60",
      description =
          "unmeasured lead-in at the same rate, long enough for the JIT and the"
              + " intraday query to reach their steady state (default: ${DEFAULT-VALUE})")
  int warmupSeconds;

  @Option(
      names = "--actors",
      defaultValue = "500",
      description = "distinct actors across two tenants (default: ${DEFAULT-VALUE})")
  int actors;

  @Option(
      names = "--signal-probes",
      defaultValue = "10",
      description =
          "actors of a near-real-time tenant tipped into a rework loop during the measured run,"
              + " for the event-to-signal latency; 0 for none (default: ${DEFAULT-VALUE})")
  int signalProbes;

  @Option(names = "--verbose", description = "log each micro-batch's phase timings")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (verbose) {
      org.apache.logging.log4j.core.config.Configurator.setLevel(
          "io.ubi.streaming", org.apache.logging.log4j.Level.DEBUG);
    }
    Path dir = Files.createTempDirectory("ubi-bench-");
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("data.dir", dir.toString());
    defaults.put("kafka.port", "0");
    defaults.put("api.port", "0");
    UbiConfig config = options.resolve(defaults);
    System.out.printf(
        Locale.ROOT,
        "[bench] rate %d events/s, %d s warm-up + %d s measured,"
            + " trigger %d ms, max %d offsets per trigger, %s%n",
        rate,
        warmupSeconds,
        seconds,
        config.trigger().toMillis(),
        config.maxOffsetsPerTrigger(),
        config.sparkMaster());
    SignalLatencyProbe.writeTenantConfig(config.tenantConfigDir());
    try (UbiRuntime ubi = UbiRuntime.start(config, m -> System.out.println("[bench] " + m));
        SignalLatencyProbe probe = new SignalLatencyProbe(ubi, signalProbes)) {
      if (signalProbes > 0) {
        System.out.println("[bench] seeding the near-real-time probe tenant's baselines");
        probe.seed();
      }
      Map<Instant, Instant> commits = new java.util.concurrent.ConcurrentHashMap<>();
      ubi.processor()
          .setListener((batchId, startedAt, committedAt) -> commits.put(startedAt, committedAt));

      PacedProducer producer =
          new PacedProducer(ubi.bootstrapServers(), config.eventsTopic(), actors);
      producer.run(rate, Duration.ofSeconds(warmupSeconds));
      ubi.awaitBronzeCaughtUp();
      long start = System.currentTimeMillis();
      Thread tipper = tipDuring(probe, Duration.ofSeconds(seconds));
      long produced = producer.run(rate, Duration.ofSeconds(seconds));
      tipper.join();
      long producedBy = System.currentTimeMillis();
      ubi.awaitBronzeCaughtUp();

      // Latency per event: its batch's commit time minus its Kafka produce timestamp.
      List<Row> commitRows =
          commits.entrySet().stream()
              .map(e -> RowFactory.create(e.getKey(), e.getValue()))
              .toList();
      Dataset<Row> commitTimes =
          ubi.lake()
              .read(Tables.BEHAVIOURAL_EVENTS)
              .sparkSession()
              .createDataFrame(
                  commitRows,
                  new StructType()
                      .add("processed_at", DataTypes.TimestampType)
                      .add("committed_at", DataTypes.TimestampType));
      Histogram latency = new Histogram();
      long end = 0;
      long committed = 0;
      for (Row r :
          ubi.lake()
              .read(Tables.BEHAVIOURAL_EVENTS)
              .where(
                  col("kafka_timestamp")
                      .geq(lit(Instant.ofEpochMilli(start)))
                      .and(col("tenant_id").notEqual(SignalLatencyProbe.TENANT)))
              .join(functions.broadcast(commitTimes), "processed_at")
              .select(
                  floor(
                          col("committed_at")
                              .cast("double")
                              .minus(col("kafka_timestamp").cast("double"))
                              .multiply(1000)
                              .divide(BUCKET_MS))
                      .as("bucket"),
                  col("committed_at").cast("double").multiply(1000).cast("long").as("at"))
              .groupBy("bucket")
              .agg(functions.count(lit(1)), functions.max("at"))
              .collectAsList()) {
        latency.add(r.getLong(0), r.getLong(1));
        committed += r.getLong(1);
        end = Math.max(end, r.getLong(2));
      }

      double offered = produced * 1000.0 / (producedBy - start);
      double sustained = committed * 1000.0 / Math.max(1, end - start);
      System.out.printf(
          Locale.ROOT,
          "%n[bench] produced %d events in %.1f s (%.0f events/s offered)%n",
          produced,
          (producedBy - start) / 1000.0,
          offered);
      System.out.printf(
          Locale.ROOT,
          "[bench] committed %d events to bronze by %.1f s: %.0f events/s sustained%n",
          committed,
          (end - start) / 1000.0,
          sustained);
      System.out.printf(
          Locale.ROOT,
          "[bench] produce-to-bronze-commit latency: p50 %d ms,"
              + " p95 %d ms, p99 %d ms, max %d ms%n",
          latency.percentile(0.50),
          latency.percentile(0.95),
          latency.percentile(0.99),
          latency.percentile(1.0));
      boolean signalled = reportSignals(probe);
      return committed == produced && signalled ? 0 : 1;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** Tips the probe's actors one by one, evenly over the measured run. */
  private Thread tipDuring(SignalLatencyProbe probe, Duration run) {
    Thread t =
        new Thread(
            () -> {
              try {
                for (int a = 0; a < signalProbes; a++) {
                  Thread.sleep(run.toMillis() / (signalProbes + 1));
                  probe.tip(a);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "signal-probe-tipper");
    t.start();
    return t;
  }

  /** Prints the event-to-signal latencies; false if a tipped actor got no signal in time. */
  private boolean reportSignals(SignalLatencyProbe probe) throws InterruptedException {
    if (signalProbes == 0) {
      return true;
    }
    List<Long> ms = probe.latencies(Duration.ofMinutes(3));
    if (ms.isEmpty()) {
      System.out.printf(
          Locale.ROOT, "[bench] near-real-time signals: none of %d arrived%n", probe.tipped());
      return false;
    }
    System.out.printf(
        Locale.ROOT,
        "[bench] event-to-signal latency (near real time, %d of %d signals): p50 %d ms,"
            + " p95 %d ms, max %d ms%n",
        ms.size(),
        probe.tipped(),
        ms.get((int) Math.ceil(0.50 * ms.size()) - 1),
        ms.get((int) Math.ceil(0.95 * ms.size()) - 1),
        ms.get(ms.size() - 1));
    return ms.size() == probe.tipped();
  }

  /** Latency counts in 10 ms buckets. */
  static final class Histogram {
    private final TreeMap<Long, Long> buckets = new TreeMap<>();
    private long total;

    synchronized void add(long bucket, long count) {
      buckets.merge(bucket, count, Long::sum);
      total += count;
    }

    /** Upper bound, in ms, of the bucket holding the q-th quantile. */
    synchronized long percentile(double q) {
      long rank = (long) Math.ceil(q * total);
      long seen = 0;
      for (Map.Entry<Long, Long> e : buckets.entrySet()) {
        seen += e.getValue();
        if (seen >= rank) {
          return (e.getKey() + 1) * BUCKET_MS;
        }
      }
      return 0;
    }
  }
}
