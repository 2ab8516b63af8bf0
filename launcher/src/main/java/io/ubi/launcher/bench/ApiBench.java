package io.ubi.launcher.bench;

import io.ubi.launcher.GeneratedData;
import io.ubi.launcher.Ubi;
import io.ubi.launcher.UbiConfig;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.config.TenantConfigs;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ubi bench api} (PRD NFR-2): builds a lakehouse of synthetic history with the nightly job,
 * starts UBI on it (broker, speed layer and API on this machine, as {@code ubi serve} runs), keeps
 * the speed layer busy with a steady flow of envelopes, and drives the API on loopback with an
 * open-loop load generator: actor profiles, then signal queries, each after a warm-up. Prints the
 * latency percentiles and throughput of each.
 */
@Command(
    name = "api",
    description =
        "Serve synthetic history with the speed layer running; print p50/p95/p99 and"
            + " throughput of profiles and signal queries under a fixed request rate.")
public final class ApiBench implements Callable<Integer> {
  @Mixin Ubi.ConfigOptions options;

  @Option(
      names = "--actors",
      defaultValue = "300",
      description = "actors (default: ${DEFAULT-VALUE})")
  int actors;

  @Option(names = "--teams", defaultValue = "30", description = "teams (default: ${DEFAULT-VALUE})")
  int teams;

  @Option(
      names = "--days",
      defaultValue = "28",
      description = "days of history (default: ${DEFAULT-VALUE})")
  int days;

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "profile requests per second (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--signal-rate",
      defaultValue = "100",
      description = "signal queries per second (default: ${DEFAULT-VALUE})")
  int signalRate;

  @Option(
      names = "--seconds",
      defaultValue = "60",
      description = "measured duration of each phase (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "20",
      description = "unmeasured lead-in of each phase (default: ${DEFAULT-VALUE})")
  int warmupSeconds;

  @Option(
      names = "--concurrency",
      defaultValue = "64",
      description = "most requests in flight (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--ingest-rate",
      defaultValue = "200",
      description =
          "envelopes per second the speed layer takes meanwhile (default: ${DEFAULT-VALUE})")
  int ingestRate;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("ubi-bench-api-");
    try {
      return run(dir);
    } finally {
      GeneratedData.delete(dir);
    }
  }

  private int run(Path dir) throws Exception {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("data.dir", dir.toString());
    defaults.put("kafka.port", "0");
    defaults.put("api.port", "0");
    // The load is one tenant's at a time: its allowance must not be what is measured.
    defaults.put("api.rate.per.second", String.valueOf(Math.max(rate, signalRate) * 4));
    defaults.put("api.rate.burst", String.valueOf(Math.max(rate, signalRate) * 4));
    UbiConfig config = options.resolve(defaults);
    BenchPopulation population = new BenchPopulation(1, actors, teams);
    GeneratedData.tenantConfigs(config, population.tenantIds(), population::tenantConfigJson);
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(2L + days);
    try (UbiRuntime ubi = UbiRuntime.start(config, m -> System.out.println("[bench] " + m));
        HttpLoad load = new HttpLoad()) {
      TenantConfigs configs = ubi.tenantConfigs();
      new NightlyBenchRun(
              ubi.lake(),
              configs,
              ubi.pseudonymizer(),
              config.batchSettings(""),
              m -> System.out.println("[bench] " + m))
          .run(population, first, days);
      Thread ingest =
          ingestMeanwhile(ubi, config, Duration.ofSeconds(2L * (warmupSeconds + seconds) + 30));
      List<String[]> subjects = subjects(population);
      Map<String, String> tokens = new LinkedHashMap<>();
      for (String tenant : population.tenantIds()) {
        tokens.put(
            tenant,
            ubi.keys()
                .mint(
                    config.issuer(),
                    "bench",
                    tenant,
                    List.of("ubi:read:actor", "ubi:read:team", "ubi:read:tenant"),
                    Duration.ofHours(2)));
      }
      String base = ubi.baseUrl();
      java.util.function.LongFunction<HttpRequest> profile =
          i -> {
            String[] s = subjects.get((int) (i * 7919 % subjects.size()));
            return HttpRequest.newBuilder(
                    URI.create(base + "/v1/ubi/actors/" + s[1] + "/profile?window=14d"))
                .header("Authorization", "Bearer " + tokens.get(s[0]))
                .build();
          };
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      String body =
          "{\"tenant_id\": \"TENANT\", \"scope\": \"actor\", \"time_range\": {\"from\": \""
              + today.minusDays(14)
              + "T00:00:00Z\", \"to\": \""
              + today.plusDays(1)
              + "T00:00:00Z\"}, \"page_size\": 100}";
      java.util.function.LongFunction<HttpRequest> signals =
          i -> {
            String tenant = population.tenantIds().get((int) (i % population.tenantIds().size()));
            return HttpRequest.newBuilder(URI.create(base + "/v1/ubi/query/signals"))
                .header("Authorization", "Bearer " + tokens.get(tenant))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("TENANT", tenant)))
                .build();
          };
      List<HttpLoad.Result> results = new ArrayList<>();
      results.add(phase(load, "profile", rate, profile));
      results.add(phase(load, "signal query", signalRate, signals));
      ingest.interrupt();
      System.out.printf(
          Locale.ROOT,
          "%n%d actors, %d teams, %d days; speed layer taking %d envelopes/s; at most %d in"
              + " flight%n%n",
          actors,
          teams,
          days,
          ingestRate,
          concurrency);
      System.out.println(
          "| requests | sent | 200s per second | p50 | p95 | p99 | max | failures |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      results.forEach(r -> System.out.println(r.row()));
      return results.stream().allMatch(r -> r.failures().isEmpty()) ? 0 : 1;
    }
  }

  private HttpLoad.Result phase(
      HttpLoad load, String name, int perSecond, java.util.function.LongFunction<HttpRequest> req)
      throws InterruptedException {
    System.out.printf(
        Locale.ROOT, "[bench] %s: %d s warm-up at %d/s%n", name, warmupSeconds, perSecond);
    load.run(name, perSecond, Duration.ofSeconds(warmupSeconds), concurrency, req);
    System.out.printf(Locale.ROOT, "[bench] %s: %d s measured at %d/s%n", name, seconds, perSecond);
    HttpLoad.Result r = load.run(name, perSecond, Duration.ofSeconds(seconds), concurrency, req);
    System.out.println("[bench] " + r.row());
    return r;
  }

  /** (tenant, actor id) of every human and agent: services have no profile worth asking for. */
  private List<String[]> subjects(BenchPopulation population) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < actors; i++) {
      String id = population.actorIdOf(i);
      if (!id.startsWith("svc:")) {
        out.add(new String[] {population.tenantOf(i), id});
      }
    }
    return out;
  }

  private Thread ingestMeanwhile(UbiRuntime ubi, UbiConfig config, Duration duration) {
    Thread t =
        new Thread(
            () -> {
              PacedProducer producer =
                  new PacedProducer(ubi.bootstrapServers(), config.eventsTopic(), actors);
              try {
                producer.run(ingestRate, duration);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-ingest");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
