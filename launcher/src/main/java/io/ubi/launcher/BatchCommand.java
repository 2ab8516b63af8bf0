package io.ubi.launcher;

import io.ubi.batch.NightlyBatchJob;
import io.ubi.model.config.TenantConfigs;
import io.ubi.transforms.Lake;
import io.ubi.transforms.UbiSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ubi batch nightly}: the batch layer for one day or a range, on local Spark. */
@Command(
    name = "batch",
    description = "Batch layer jobs.",
    subcommands = {BatchCommand.Nightly.class})
final class BatchCommand {
  @Command(
      name = "nightly",
      description =
          "Recompute features, baselines and signals for a day"
              + " (or a range, for a backfill) and publish new and changed signals.")
  static final class Nightly implements Callable<Integer> {
    @Mixin Ubi.ConfigOptions options;

    @Spec CommandSpec spec;

    @Option(names = "--date", description = "the day, YYYY-MM-DD (default: yesterday, UTC)")
    LocalDate date;

    @Option(names = "--from", description = "first day of a range")
    LocalDate from;

    @Option(names = "--to", description = "last day of a range")
    LocalDate to;

    @Override
    public Integer call() {
      if (date != null && (from != null || to != null)) {
        throw new ParameterException(spec.commandLine(), "Give --date or --from/--to, not both");
      }
      LocalDate first =
          date != null ? date : from != null ? from : LocalDate.now(Clock.systemUTC()).minusDays(1);
      LocalDate last = date != null ? date : to != null ? to : first;
      UbiConfig config = options.resolve();
      EmbeddedKafka kafka = null;
      String bootstrap = config.kafkaBootstrap();
      if (config.embeddedKafka()) {
        // Publish to the broker of a running demo or serve on this data directory, whose
        // consumers are listening; otherwise start one for the run.
        Path dir = config.dataDir().resolve("kafka");
        bootstrap = EmbeddedKafka.runningIn(dir).orElse(null);
        if (bootstrap == null) {
          kafka = EmbeddedKafka.start(dir, 0);
          bootstrap = kafka.bootstrapServers();
        }
      }
      SparkSession spark =
          UbiSpark.builder("ubi-nightly").master(config.sparkMaster()).getOrCreate();
      try {
        NightlyBatchJob.Result r =
            new NightlyBatchJob(
                    new Lake(spark, config.lakeDir()),
                    TenantConfigs.load(config.tenantConfigDir()),
                    config.batchSettings(bootstrap),
                    Clock.systemUTC())
                .run(first, last);
        System.out.println(r.summary());
        return 0;
      } finally {
        spark.stop();
        if (kafka != null) {
          kafka.close();
        }
      }
    }
  }
}
