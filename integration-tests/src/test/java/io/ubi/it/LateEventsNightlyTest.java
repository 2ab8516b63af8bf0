package io.ubi.it;

import static io.ubi.it.Envelopes.batch;
import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.batch.BatchSettings;
import io.ubi.batch.NightlyBatchJob;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.transforms.Lake;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event that reaches bronze after its day's nightly run still reaches that day's features: the
 * next ordinary night starts its recomputation from that day.
 *
 * <p>The night's look-back spans every tenant of the lake, and the shared lake holds the other test
 * classes' tenants, whose own old-dated events may move the start of the range earlier. So the test
 * through the pipeline asserts only what concerns its own tenant, and the exact start of the range
 * is tested on a lake of its own.
 */
@ExtendWith(UbiExtension.class)
class LateEventsNightlyTest {
  private static final String TENANT = "it-late";

  private final UbiRuntime ubi;
  private final Api api;

  LateEventsNightlyTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest"));
  }

  @Test
  void aNormalNightRecomputesAnEarlierDayThatALateEventReached() {
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    LocalDate lateDay = yesterday.minusDays(3);
    // The late day's own night, with what had arrived by then.
    post(
        envelope(
            TENANT,
            "dev-punctual",
            "file_edited",
            lateDay.atTime(10, 0).toInstant(ZoneOffset.UTC)));
    ubi.nightlyJob().run(lateDay, lateDay);
    assertThat(featureRows("dev-punctual", lateDay)).isPositive();

    // Days later, an event of that day arrives; then an ordinary night for yesterday.
    post(
        envelope(
            TENANT, "dev-late", "file_edited", lateDay.atTime(11, 0).toInstant(ZoneOffset.UTC)));
    NightlyBatchJob.Result night = ubi.nightlyJob().run(yesterday, yesterday);

    assertThat(night.recomputedFrom()).isBeforeOrEqualTo(lateDay);
    assertThat(featureRows("dev-late", lateDay)).isPositive();
    assertThat(featureRows("dev-punctual", lateDay)).isPositive();
  }

  @Test
  void theRangeStartsAtTheEarliestDayWithEventsItsFeaturesLackAndNoEarlier(@TempDir Path dir) {
    LocalDate night = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    LocalDate lateDay = night.minusDays(3);
    String actor = "dev-" + UUID.randomUUID();
    ObjectNode punctual =
        envelope(TENANT, actor, "file_edited", lateDay.atTime(10, 0).toInstant(ZoneOffset.UTC));
    ObjectNode late =
        envelope(TENANT, actor, "commit", lateDay.atTime(11, 0).toInstant(ZoneOffset.UTC));
    post(punctual);
    post(late);
    // Their bronze rows, copied to a lake that holds nothing else, arriving when the test says.
    Lake lake = new Lake(ubi.lake().spark(), dir);
    lake.ensureTables();

    Instant lateDaysNight = lateDay.plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC);
    arrive(lake, punctual, lateDaysNight.minusSeconds(3600));
    assertThat(nightlyJob(lake, lateDaysNight).run(lateDay, lateDay).recomputedFrom())
        .isEqualTo(lateDay);

    Instant nextNight = night.plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC);
    arrive(lake, late, nextNight.minusSeconds(3600));
    assertThat(nightlyJob(lake, nextNight).run(night, night).recomputedFrom())
        .as("the late event's day")
        .isEqualTo(lateDay);

    assertThat(nightlyJob(lake, nextNight.plusSeconds(60)).run(night, night).recomputedFrom())
        .as("nothing arrived since")
        .isEqualTo(night);
  }

  private void post(ObjectNode envelope) {
    Api.Response r = api.post("/v1/signals/ingest", batch(List.of(envelope)));
    assertThat(r.body().path("accepted").asInt()).as(String.valueOf(r.body())).isEqualTo(1);
    ubi.awaitStreamCaughtUp();
  }

  /** Appends the envelope's bronze row from the shared lake to {@code lake}, processed then. */
  private void arrive(Lake lake, ObjectNode envelope, Instant processedAt) {
    Dataset<Row> row =
        ubi.lake()
            .read(Tables.BEHAVIOURAL_EVENTS)
            .where(
                col("tenant_id")
                    .equalTo(TENANT)
                    .and(col("event_id").equalTo(envelope.get("signal_id").asText())))
            .withColumn("processed_at", lit(processedAt));
    assertThat(row.count()).isEqualTo(1);
    row.write().format("delta").mode("append").save(lake.location(Tables.BEHAVIOURAL_EVENTS));
  }

  /** The nightly job on {@code lake}, run at {@code at}, publishing nothing. */
  private NightlyBatchJob nightlyJob(Lake lake, Instant at) {
    return new NightlyBatchJob(
        lake,
        ubi.tenantConfigs(),
        new BatchSettings(
            "", ubi.config().signalsTopic(), BatchSettings.DEFAULT_LATE_LOOKBACK_DAYS),
        Clock.fixed(at, ZoneOffset.UTC));
  }

  private long featureRows(String actor, LocalDate day) {
    String pseudonym =
        ubi.lake()
            .read(Tables.BEHAVIOURAL_EVENTS)
            .where(col("tenant_id").equalTo(TENANT).and(col("actor_id").equalTo(actor)))
            .select("actor_pseudonym")
            .first()
            .getString(0);
    return ubi.lake()
        .read(Tables.ACTOR_FEATURES_DAILY)
        .where(
            col("tenant_id")
                .equalTo(TENANT)
                .and(col("actor_or_group_id").equalTo(pseudonym))
                .and(col("dt").equalTo(lit(day))))
        .count();
  }
}
