package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.batch.BatchSettings;
import io.ubi.batch.NightlyBatchJob;
import io.ubi.lakehouse.EventRows;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.contract.MappingOutcome;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SparkSchemas;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run per day gives exactly what one run over all the days gives: the same features of
 * every scope, windows, baselines and signals, so a lake kept up night by night can be trusted as
 * much as a backfill (and a backfill can replace it).
 */
@ExtendWith(UbiExtension.class)
class IncrementalNightlyTest {
  private static final String TENANT = "it-incremental";
  private static final Pseudonymizer PSEUDONYMIZER =
      new Pseudonymizer("incremental-test-key-0123456789abcdef");
  private static final String[] TYPES = {
    "file_edited",
    "editor_switch",
    "commit",
    "build_completed_failure",
    "build_succeeded",
    "pr_reviewed",
    "llm_call",
    "pr_comment",
    "ticket_started",
    "work_item_completed"
  };

  private final UbiRuntime ubi;

  IncrementalNightlyTest(UbiRuntime ubi) {
    this.ubi = ubi;
  }

  @Test
  void nightByNightEqualsOneRunOverAllTheDays(@TempDir Path nightly, @TempDir Path backfill) {
    LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    LocalDate first = last.minusDays(11);
    List<Row> bronze = history(first, last);
    Lake byNight = lake(nightly, bronze);
    Lake atOnce = lake(backfill, bronze);

    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      job(byNight, d).run(d, d);
    }
    NightlyBatchJob.Result all = job(atOnce, last).run(first, last);
    assertThat(all.signals()).as("the scenario raises signals").isPositive();

    for (TableDef t :
        List.of(
            Tables.ACTOR_FEATURES_DAILY,
            Tables.ACTOR_FEATURES_WINDOWED,
            Tables.ACTOR_FEATURE_STATES_DAILY,
            Tables.FEATURE_BASELINES,
            Tables.BEHAVIOURAL_SIGNALS)) {
      List<String> a = comparable(byNight, t);
      List<String> b = comparable(atOnce, t);
      assertThat(a).as(t.name() + " is not empty").isNotEmpty();
      assertThat(a).as(t.name()).containsExactlyInAnyOrderElementsOf(b);
    }
    assertThat(comparable(atOnce, Tables.ACTOR_FEATURES_DAILY))
        .as("team rows are part of what is compared")
        .anyMatch(r -> r.contains("team"));
  }

  /** Twelve days of two teams of six, with a surge of failed builds on the last day. */
  private List<Row> history(LocalDate first, LocalDate last) {
    Random r = new Random(7);
    EnvelopeDecoder decoder = new EnvelopeDecoder(ubi.tenantConfigs(), PSEUDONYMIZER);
    List<Row> rows = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      for (int a = 0; a < 12; a++) {
        int events = 12 + r.nextInt(8);
        for (int i = 0; i < events; i++) {
          String type =
              d.equals(last) && a == 0 && i % 2 == 0
                  ? "build_completed_failure"
                  : TYPES[r.nextInt(TYPES.length)];
          Instant at = d.atTime(8 + r.nextInt(11), r.nextInt(60)).toInstant(ZoneOffset.UTC);
          ObjectNode e = envelope(TENANT, "dev-" + a, type, at);
          ((ObjectNode) e.get("resource")).put("team_id", a < 6 ? "red" : "blue");
          ((ObjectNode) e.get("payload"))
              .put("ticket_id", "T-" + a + "-" + r.nextInt(3))
              .put("pr_author", "dev-" + r.nextInt(12));
          MappingOutcome.Mapped m = (MappingOutcome.Mapped) decoder.decode(Json.write(e));
          // Each day's events arrive in the night after it, before that night's run.
          Instant arrived = d.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC);
          rows.add(
              SparkSchemas.row(
                  Tables.BEHAVIOURAL_EVENTS,
                  EventRows.toRow(m.event(), new EventRows.Source(0, rows.size(), at, arrived))));
        }
      }
    }
    return rows;
  }

  private Lake lake(Path dir, List<Row> bronze) {
    Lake lake = new Lake(ubi.lake().spark(), dir);
    lake.ensureTables();
    lake.spark()
        .createDataFrame(bronze, SparkSchemas.of(Tables.BEHAVIOURAL_EVENTS))
        .write()
        .format("delta")
        .mode("append")
        .save(lake.location(Tables.BEHAVIOURAL_EVENTS));
    return lake;
  }

  /** The nightly job on {@code lake}, run in the night after {@code day}, publishing nothing. */
  private NightlyBatchJob job(Lake lake, LocalDate day) {
    return new NightlyBatchJob(
        lake,
        ubi.tenantConfigs(),
        new BatchSettings(
            "", ubi.config().signalsTopic(), BatchSettings.DEFAULT_LATE_LOOKBACK_DAYS),
        Clock.fixed(day.plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
  }

  /** A table's rows as text, without the columns that say when they were written. */
  private static List<String> comparable(Lake lake, TableDef table) {
    Dataset<Row> rows = lake.read(table);
    String[] kept =
        Arrays.stream(rows.schema().fields())
            .filter(
                f ->
                    !f.dataType().equals(DataTypes.TimestampType) || f.name().startsWith("window_"))
            .map(StructField::name)
            .toArray(String[]::new);
    return rows.select(kept[0], Arrays.copyOfRange(kept, 1, kept.length)).toJSON().collectAsList();
  }
}
