package io.ubi.it;

import static io.ubi.it.Envelopes.batch;
import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.batch.NightlyBatchJob;
import io.ubi.launcher.UbiRuntime;
import io.ubi.lakehouse.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event that reaches bronze after its day's nightly run still reaches that day's features: the
 * next ordinary night starts its recomputation from that day.
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
    post(envelope(TENANT, "dev-punctual", "file_edited", lateDay.atTime(10, 0)
        .toInstant(ZoneOffset.UTC)));
    ubi.nightlyJob().run(lateDay, lateDay);
    assertThat(featureRows("dev-punctual", lateDay)).isPositive();

    // Days later, an event of that day arrives; then an ordinary night for yesterday.
    post(envelope(TENANT, "dev-late", "file_edited", lateDay.atTime(11, 0)
        .toInstant(ZoneOffset.UTC)));
    NightlyBatchJob.Result night = ubi.nightlyJob().run(yesterday, yesterday);

    assertThat(night.recomputedFrom()).isBeforeOrEqualTo(lateDay);
    assertThat(featureRows("dev-late", lateDay)).isPositive();
    assertThat(featureRows("dev-punctual", lateDay)).isPositive();

    // Nothing arrived since: the next night computes its own day only.
    assertThat(ubi.nightlyJob().run(yesterday, yesterday).recomputedFrom()).isEqualTo(yesterday);
  }

  private void post(com.fasterxml.jackson.databind.node.ObjectNode envelope) {
    Api.Response r = api.post("/v1/signals/ingest", batch(List.of(envelope)));
    assertThat(r.body().path("accepted").asInt()).as(String.valueOf(r.body())).isEqualTo(1);
    ubi.awaitStreamCaughtUp();
  }

  private long featureRows(String actor, LocalDate day) {
    String pseudonym = ubi.lake().read(Tables.BEHAVIOURAL_EVENTS)
        .where(col("tenant_id").equalTo(TENANT).and(col("actor_id").equalTo(actor)))
        .select("actor_pseudonym").first().getString(0);
    return ubi.lake().read(Tables.ACTOR_FEATURES_DAILY)
        .where(col("tenant_id").equalTo(TENANT).and(col("actor_or_group_id").equalTo(pseudonym))
            .and(col("dt").equalTo(lit(day))))
        .count();
  }
}
