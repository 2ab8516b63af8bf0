package io.ubi.launcher.eval;

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
 * {@code ubi eval signals}: generates the signal-quality scenario ({@link ScenarioPopulation}), a
 * population with the noise real teams have and planted behaviours of every signal rule, writes it
 * to bronze, runs the nightly job over it and prints precision and recall per rule ({@link
 * SignalQualityReport}). The calendar is fixed ({@link ScenarioPopulation#DEFAULT_LAST_DAY} unless
 * {@code --last-day} moves it), so a seed gives the same figures whenever it runs.
 */
@Command(
    name = "signals",
    description =
        "Generate a population with planted behaviours, run the nightly job over it and print"
            + " precision and recall of each signal rule.")
public final class SignalsEvalCommand implements Callable<Integer> {
  /** Pseudonyms of a replay never leave the process: any key will do. */
  private static final String MODEL_ONLY_KEY = "ubi-eval-signals-model-replay-pseudonym-key";

  @Mixin Ubi.ConfigOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--actors",
      defaultValue = "200",
      description = "actors, in teams of ten (default: ${DEFAULT-VALUE})")
  int actors;

  @Option(
      names = "--days",
      defaultValue = "60",
      description = "days of history, at least 35 (default: ${DEFAULT-VALUE})")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed of the scenario (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--last-day",
      description =
          "the scenario's last day; a fixed calendar, so that a seed gives the same figures any day"
              + " (default: ${DEFAULT-VALUE})")
  LocalDate lastDay = ScenarioPopulation.DEFAULT_LAST_DAY;

  @Option(
      names = "--data-dir",
      description =
          "a new or empty data directory, kept afterwards"
              + " (default: a temporary one, deleted afterwards)")
  Path dataDir;

  @Option(names = "--keep", description = "keep the temporary data directory")
  boolean keep;

  @Option(names = "--json", description = "print the figures as one JSON document")
  boolean json;

  @Option(names = "--check", description = "exit with 1 when a target is missed")
  boolean check;

  @Option(
      names = "--model-only",
      description =
          "replay the scenario through the engine-free model instead of the pipeline: actor"
              + " signals only, in seconds, without Spark (to try a change to the catalogue)")
  boolean modelOnly;

  @Override
  public Integer call() throws IOException {
    if (!lastDay.isBefore(LocalDate.now(ZoneOffset.UTC).minusDays(1))) {
      throw new ParameterException(
          spec.commandLine(), "--last-day must have ended everywhere: before yesterday (UTC)");
    }
    ScenarioPopulation population;
    try {
      population = ScenarioPopulation.ending(seed, actors, days, lastDay);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (modelOnly) {
      SignalQualityRun.Outcome outcome =
          SignalQualityRun.replay(
              population,
              population.tenantConfigs(),
              new Pseudonymizer(MODEL_ONLY_KEY),
              m -> System.err.println("[eval] " + m));
      return report(outcome);
    }
    Path temporary = dataDir == null ? Files.createTempDirectory("ubi-eval-signals-") : null;
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("data.dir", (dataDir != null ? dataDir : temporary).toString());
    UbiConfig config = options.resolve(defaults);
    try {
      return run(config, population);
    } finally {
      if (temporary != null && !keep) {
        GeneratedData.delete(temporary);
      } else {
        System.err.println("[eval] data kept in " + config.dataDir());
      }
    }
  }

  private int run(UbiConfig config, ScenarioPopulation population) throws IOException {
    if (Files.isDirectory(config.lakeDir())) {
      try (Stream<Path> entries = Files.list(config.lakeDir())) {
        if (entries.findAny().isPresent()) {
          throw new ParameterException(
              spec.commandLine(),
              config.dataDir() + " already holds a lakehouse; give a new or empty --data-dir");
        }
      }
    }
    TenantConfigs configs =
        GeneratedData.tenantConfigs(config, population.tenantIds(), population::tenantConfigJson);
    Pseudonymizer pseudonymizer =
        new Pseudonymizer(
            config.pseudonymKey().isBlank()
                ? new LocalKeys(config.keysDir()).pseudonymKey()
                : config.pseudonymKey());
    SparkSession spark =
        UbiSpark.builder("ubi-eval-signals")
            .master(config.sparkMaster())
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.warehouse.dir", config.dataDir().resolve("warehouse").toString())
            .getOrCreate();
    try {
      // A blank bootstrap: the signals are merged into gold but published nowhere.
      SignalQualityRun.Outcome outcome =
          new SignalQualityRun(
                  new Lake(spark, config.lakeDir()),
                  configs,
                  pseudonymizer,
                  config.batchSettings(""),
                  m -> System.err.println("[eval] " + m))
              .run(population);
      return report(outcome);
    } finally {
      UbiSpark.stopWhenIdle(spark, Duration.ofSeconds(10));
    }
  }

  private int report(SignalQualityRun.Outcome outcome) {
    if (json) {
      System.out.println(SignalQualityReport.json(outcome));
    } else {
      SignalQualityReport.print(outcome, System.out);
    }
    return check && !outcome.meetsTargets() ? 1 : 0;
  }
}
