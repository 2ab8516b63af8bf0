package io.ubi.launcher.bench;

import io.ubi.launcher.GeneratedData;
import io.ubi.launcher.LocalKeys;
import io.ubi.launcher.Ubi;
import io.ubi.launcher.UbiConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.transforms.Lake;
import io.ubi.transforms.UbiSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ubi bench nightly} (PT-UBI-02): writes synthetic history straight into bronze (no broker,
 * no speed layer: the nightly job only reads bronze), then times a full backfill of the nightly job
 * over it and a one-day increment, as an ordinary night runs it. The increment is the day before
 * yesterday (UTC), the latest day that has ended in every tenant's time zone whatever the hour, and
 * the history the days before it: every event is in the past, as in production.
 */
@Command(
    name = "nightly",
    description =
        "Write synthetic history straight into bronze; time a"
            + " full backfill of the nightly job and a one-day increment.")
public final class NightlyBench implements Callable<Integer> {
  @Mixin Ubi.ConfigOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--actors",
      defaultValue = "1000",
      description = "actors, 90%% humans (default: ${DEFAULT-VALUE})")
  int actors;

  @Option(
      names = "--teams",
      defaultValue = "100",
      description = "teams, alternating between two tenants (default: ${DEFAULT-VALUE})")
  int teams;

  @Option(
      names = "--days",
      defaultValue = "90",
      description = "days of history to backfill (default: ${DEFAULT-VALUE})")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed of the synthetic history (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--data-dir",
      description =
          "a new or empty data directory, kept afterwards"
              + " (default: a temporary one, deleted afterwards)")
  Path dataDir;

  @Option(names = "--keep", description = "keep the temporary data directory")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    if (actors < 1 || teams < 1 || teams > actors || days < 1) {
      throw new ParameterException(
          spec.commandLine(), "Need --days >= 1 and" + " 1 <= --teams <= --actors");
    }
    Path temporary = dataDir == null ? Files.createTempDirectory("ubi-bench-nightly-") : null;
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("data.dir", (dataDir != null ? dataDir : temporary).toString());
    UbiConfig config = options.resolve(defaults);
    try {
      return run(config);
    } finally {
      if (temporary != null && !keep) {
        GeneratedData.delete(temporary);
      } else {
        System.out.println("[bench] data kept in " + config.dataDir());
      }
    }
  }

  private int run(UbiConfig config) throws IOException {
    if (Files.isDirectory(config.lakeDir())) {
      try (Stream<Path> entries = Files.list(config.lakeDir())) {
        if (entries.findAny().isPresent()) {
          throw new ParameterException(
              spec.commandLine(),
              config.dataDir() + " already holds a" + " lakehouse; give a new or empty --data-dir");
        }
      }
    }
    BenchPopulation population = new BenchPopulation(seed, actors, teams);
    TenantConfigs configs =
        GeneratedData.tenantConfigs(config, population.tenantIds(), population::tenantConfigJson);
    Pseudonymizer pseudonymizer =
        new Pseudonymizer(
            config.pseudonymKey().isBlank()
                ? new LocalKeys(config.keysDir()).pseudonymKey()
                : config.pseudonymKey());
    LocalDate increment = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    SparkSession spark =
        UbiSpark.builder("ubi-bench-nightly")
            .master(config.sparkMaster())
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.warehouse.dir", config.dataDir().resolve("warehouse").toString())
            .getOrCreate();
    try {
      // A blank bootstrap: the signals are merged into gold but published nowhere.
      NightlyBenchRun.Figures figures =
          new NightlyBenchRun(
                  new Lake(spark, config.lakeDir()),
                  configs,
                  pseudonymizer,
                  config.batchSettings(""),
                  m -> System.out.println("[bench] " + m))
              .run(population, increment.minusDays(days), days);
      NightlyBenchReport.print(figures, config.sparkMaster(), System.out);
      return figures.complete() ? 0 : 1;
    } finally {
      UbiSpark.stopWhenIdle(spark, Duration.ofSeconds(10));
    }
  }
}
