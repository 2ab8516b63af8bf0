package io.ubi.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.batch.BatchSettings;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.launcher.bench.BenchPopulation;
import io.ubi.launcher.bench.NightlyBenchRun;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.transforms.Lake;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ubi bench nightly} at a tiny size, on the shared Spark session and a lake of its own: the
 * benchmark runs the same code, so it cannot rot unnoticed between the runs that record figures.
 */
@ExtendWith(UbiExtension.class)
class NightlyBenchTest {
  private static final int DAYS = 10;

  private final UbiRuntime ubi;

  NightlyBenchTest(UbiRuntime ubi) {
    this.ubi = ubi;
  }

  @Test
  void theBackfillCoversEveryDayAndTheIncrementItsOwnDay(@TempDir Path dir) {
    BenchPopulation population = new BenchPopulation(7, 20, 4);
    Lake lake = new Lake(ubi.lake().spark(), dir);
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 2L);

    NightlyBenchRun.Figures f =
        new NightlyBenchRun(
                lake,
                population.tenantConfigs(),
                new Pseudonymizer("nightly-bench-test-key-of-at-least-32-chars"),
                new BatchSettings("", "unused", BatchSettings.DEFAULT_LATE_LOOKBACK_DAYS),
                m -> System.out.println("[it] " + m))
            .run(population, first, DAYS);

    assertThat(f.historyEvents()).isPositive();
    Dataset<Row> bronze = lake.read(Tables.BEHAVIOURAL_EVENTS);
    assertThat(bronze.select("event_id").distinct().count())
        .as("each event written once")
        .isEqualTo(f.historyEvents() + f.incrementEvents());
    assertThat(bronze.select("actor_type").distinct().count())
        .as("humans, agents, services")
        .isEqualTo(3);
    List<LocalDate> history = first.datesUntil(first.plusDays(DAYS)).toList();
    assertThat(
            lake
                .read(Tables.ACTOR_FEATURES_DAILY)
                .select("dt")
                .distinct()
                .where(col("dt").lt(lit(f.incrementDay())))
                .collectAsList()
                .stream()
                .map(r -> (LocalDate) r.get(0))
                .sorted())
        .as("days with features after the backfill")
        .containsExactlyElementsOf(history);
    assertThat(f.backfill().result().recomputedFrom())
        .as("the backfill recomputes its days only")
        .isEqualTo(first);
    assertThat(f.backfill().result().baselineRows()).isPositive();
    assertThat(f.incrementDay()).isEqualTo(first.plusDays(DAYS));
    assertThat(f.incrementEvents()).isPositive();
    assertThat(f.increment().result().recomputedFrom())
        .as("the increment recomputes its day only")
        .isEqualTo(f.incrementDay());
    assertThat(f.incrementFeatureRows()).isPositive();
    assertThat(f.backfill().commits())
        .extracting(c -> c.table())
        .contains(Tables.ACTOR_FEATURES_DAILY.name());
    assertThat(f.complete()).isTrue();
  }
}
