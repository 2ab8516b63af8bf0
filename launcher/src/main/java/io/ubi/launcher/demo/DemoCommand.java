package io.ubi.launcher.demo;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.batch.NightlyBatchJob;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.Ubi;
import io.ubi.launcher.UbiConfig;
import io.ubi.launcher.UbiRuntime;
import io.ubi.serving.auth.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ubi demo}: everything on embedded defaults, loaded with synthetic history through the real
 * pipeline (ingest API, Kafka, speed layer, nightly job), then kept live until Ctrl-C.
 *
 * <p>A second run on the same data directory resumes: the broker, checkpoint and lakehouse are
 * reused, only the days of history since the last run are posted (the first batch is re-posted as
 * duplicates, which bronze drops), live events carry ids of their own instant, and the nightly job
 * recomputes the whole range. {@code --fresh} deletes the data directory first.
 */
@Command(name = "demo", description = "Run UBI on embedded defaults with synthetic history.")
public final class DemoCommand implements Callable<Integer> {
  static final long SEED = 20261123L;

  @Mixin Ubi.ConfigOptions options;

  @Option(names = "--fresh", description = "delete the data directory first")
  boolean fresh;

  @Option(names = "--days", defaultValue = "35", description = "days of history (default: 35)")
  int days;

  @Option(names = "--exit-when-ready", description = "stop once loaded instead of staying live")
  boolean exitWhenReady;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    UbiConfig config = options.resolve();
    if (fresh) {
      DemoFiles.deleteTree(config.dataDir());
    }
    DemoFiles.writeTenantConfigs(config.tenantConfigDir());
    UbiRuntime runtime = UbiRuntime.start(config, DemoCommand::progress);
    CountDownLatch stopped = runtime.closeOnShutdown();

    String token =
        runtime
            .keys()
            .mint(config.issuer(), "demo-admin", "acme", List.of("admin"), Duration.ofMinutes(60));
    // Ingest is bound to the token's tenant: one ingest token per tenant, as PM-3 holds.
    IngestClient ingest =
        new IngestClient(
            runtime.baseUrl(),
            tenant ->
                runtime
                    .keys()
                    .mint(
                        config.issuer(),
                        "demo-ingest-" + tenant,
                        tenant,
                        List.of(Principal.INGEST),
                        Duration.ofMinutes(60)));
    SyntheticHistory history = new SyntheticHistory(SEED, 4);
    List<SyntheticHistory.Tenant> tenants = SyntheticHistory.demoTenants();
    Instant now = Instant.now();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate first = today.minusDays(days);
    LocalDate yesterday = today.minusDays(1);
    // On a resumed data directory only the days since the last load are new; reloading the
    // others would re-post their ids, and a day planted then may no longer be planted now.
    LocalDate loadFrom =
        loadedThrough(config).map(d -> d.plusDays(1)).filter(first::isBefore).orElse(first);
    if (loadFrom.isAfter(first)) {
      progress("Resuming: history up to " + loadFrom.minusDays(1) + " is already loaded");
    }
    List<ObjectNode> envelopes = history.envelopes(tenants, loadFrom, yesterday, now);
    int actors = tenants.stream().mapToInt(t -> t.actors().size()).sum();
    progress(
        "Posting "
            + envelopes.size()
            + " envelopes ("
            + (yesterday.toEpochDay() - loadFrom.toEpochDay() + 1)
            + " days, "
            + tenants.size()
            + " tenants, "
            + actors
            + " actors) to POST /v1/signals/ingest");
    int accepted = ingest.postAll(envelopes, 500);
    int replayed = ingest.postAll(envelopes.subList(0, Math.min(500, envelopes.size())), 500);
    progress(
        "Accepted "
            + accepted
            + " envelopes, then "
            + replayed
            + " replayed duplicates (at-least-once delivery; bronze keeps one of each)");
    produceMalformed(runtime.bootstrapServers(), config.eventsTopic());
    accepted += ingest.postAll(history.live(tenants, Instant.now(), 0), 500);

    progress("Waiting for the speed layer to catch up");
    runtime.awaitStreamCaughtUp();
    Files.writeString(historyMarker(config), yesterday + "\n");
    long bronze = runtime.lake().read(Tables.BEHAVIOURAL_EVENTS).count();
    long rejected = runtime.lake().read(Tables.REJECTED_EVENTS).count();
    long dropped = runtime.lake().read(Tables.DROPPED_EVENTS_AUDIT).count();
    progress(
        "Bronze holds "
            + bronze
            + " events; "
            + rejected
            + " rejected to the DLQ, "
            + dropped
            + " dropped by tenant rules (audited)");

    progress("Running the nightly job over " + first + ".." + yesterday);
    NightlyBatchJob.Result result = runtime.nightlyJob().run(first, yesterday);
    progress(
        "Nightly: "
            + result.featureRows()
            + " feature rows, "
            + result.baselineRows()
            + " baseline rows, "
            + result.signals()
            + " signals, "
            + result.published().size()
            + " published to "
            + config.signalsTopic());
    printSignals(runtime);
    Path env = writeDemoEnv(config, runtime, token);
    printUsage(runtime, token, env, first, today);
    progress(String.format(Locale.ROOT, "Ready in %.0f s", (System.nanoTime() - started) / 1e9));

    if (exitWhenReady) {
      runtime.close();
      return 0;
    }
    progress("Live: posting a few events every 5 s; Ctrl-C stops everything");
    for (long tick = 1; stopped.getCount() > 0; tick++) {
      try {
        ingest.postAll(history.live(tenants, Instant.now(), tick), 500);
      } catch (RuntimeException e) {
        if (!runtime.closing()) {
          progress("live events not posted: " + e.getMessage());
        }
      }
      stopped.await(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    return 0;
  }

  private static void printSignals(UbiRuntime runtime) {
    var rows =
        runtime
            .lake()
            .read(Tables.BEHAVIOURAL_SIGNALS)
            .where(col("status").equalTo("active"))
            .select(
                "tenant_id", "severity", "signal_type", "rule", "actor_scope", "actor_or_group_id")
            .collectAsList();
    progress("Active signals: " + rows.size());
    // Risks and opportunities before single-feature anomalies, and among them groups first:
    // team-level intelligence is what a lead reads.
    rows.stream()
        .sorted(
            Comparator.comparing((Row r) -> r.getString(2).equals("informational"))
                .thenComparing(r -> r.getString(4).equals("actor"))
                .thenComparing(r -> r.getString(1)))
        .limit(14)
        .forEach(
            r ->
                System.out.printf(
                    "        %-7s %-8s %-13s %-26s %-7s %s%n",
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5)));
  }

  private static void printUsage(
      UbiRuntime runtime, String token, Path env, LocalDate first, LocalDate today) {
    String range =
        "{\"from\":\"" + first + "T00:00:00Z\",\"to\":\"" + today.plusDays(1) + "T00:00:00Z\"}";
    System.out.println();
    System.out.println(
        "Try it (the token is valid for 60 minutes; these lines are also in " + env + "):");
    System.out.println();
    System.out.println("export BASE_URL=" + runtime.baseUrl());
    System.out.println("export TOKEN=" + token);
    System.out.println();
    System.out.println(
        "curl -s -H \"Authorization: Bearer $TOKEN\" \\\n  \"$BASE_URL/v1/ubi/actors/"
            + "acme-u007/profile?tenant_id=acme&window=14d\"");
    System.out.println();
    System.out.println(
        "curl -s -X POST -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type:"
            + " application/json' \\\n  \"$BASE_URL/v1/ubi/query/signals\" \\\n  -d '{\"tenant_id\":"
            + "\"acme\",\"scope\":\"actor\",\"time_range\":"
            + range
            + ",\"filters\":{\"min_severity\":\"WARN\"}}'");
    System.out.println();
    System.out.println(
        "curl -s -X POST -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type:"
            + " application/json' \\\n  \"$BASE_URL/v1/ubi/query/signals\" \\\n  -d '{\"tenant_id\":"
            + "\"globex\",\"scope\":\"actor\",\"time_range\":"
            + range
            + "}'");
    System.out.println();
  }

  /** Where the last day of history loaded into this data directory is kept. */
  private static Path historyMarker(UbiConfig config) {
    return config.dataDir().resolve("demo-history-loaded-through");
  }

  private static Optional<LocalDate> loadedThrough(UbiConfig config) throws IOException {
    Path marker = historyMarker(config);
    if (!Files.exists(marker)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(Files.readString(marker).trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          marker + " holds no date (" + e.getMessage() + "); run with --fresh to start over");
    }
  }

  private static Path writeDemoEnv(UbiConfig config, UbiRuntime runtime, String token)
      throws IOException {
    Path env = config.dataDir().resolve("demo.env");
    Files.writeString(
        env,
        "BASE_URL="
            + runtime.baseUrl()
            + "\nTOKEN="
            + token
            + "\nKAFKA_BOOTSTRAP="
            + runtime.bootstrapServers()
            + "\n");
    return env;
  }

  /** What PM-3 can get wrong; each must reach the DLQ with its reason. */
  private static void produceMalformed(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(topic, "acme", "{\"signal_id\": \"broken"));
      producer.send(
          new ProducerRecord<>(
              topic,
              "acme",
              "{\"signal_id\":\"demo-bad-1\","
                  + "\"actor_id\":\"acme-u001\",\"signal_kind\":\"event\",\"signal_type\":\"file_edited\","
                  + "\"occurred_at\":\"2026-01-01T10:00:00Z\",\"ingested_at\":\"2026-01-01T10:00:01Z\","
                  + "\"schema_version\":\"1.0\"}"));
      producer.send(
          new ProducerRecord<>(
              topic,
              "acme",
              "{\"signal_id\":\"demo-bad-2\","
                  + "\"tenant_id\":\"acme\",\"actor_id\":\"acme-u001\",\"signal_kind\":\"event\","
                  + "\"signal_type\":\"file_edited\",\"occurred_at\":\"2026-01-01T10:00:00Z\","
                  + "\"ingested_at\":\"2026-01-01T10:00:01Z\",\"schema_version\":\"9.0\"}"));
      producer.flush();
    }
  }

  static void progress(String message) {
    System.out.println("[ubi] " + message);
  }
}
