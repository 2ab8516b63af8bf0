package io.ubi.it;

import static io.ubi.it.Envelopes.batch;
import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.aggregate.EventView;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.FeatureEvaluator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The speed layer's intraday features: kept from running per-actor aggregator states that each
 * bronze micro-batch adds to, they must equal the model's reference evaluation of the day's events,
 * and a replayed micro-batch must add nothing.
 *
 * <p>Each test reads the clock once and takes its day from that instant, so that a test running
 * across midnight UTC still looks for its events on the day it sent them.
 */
@ExtendWith(UbiExtension.class)
class IntradayFeaturesTest {
  private static final String TENANT = "it-intraday";
  private static final String[] TYPES = {
    "file_edited", "commit", "build_failed", "pr_opened", "file_edited", "file_edited"
  };

  private final UbiRuntime ubi;
  private final Api api;

  IntradayFeaturesTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest", "ubi:read:tenant"));
  }

  @Test
  void intradayFeaturesFollowEveryBatchAndEqualTheReferenceEvaluation() {
    String actor = "dev-" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    assertThat(api.post("/v1/signals/ingest", batch(events(actor, now, 0, 9))).status())
        .isEqualTo(200);
    ubi.awaitStreamCaughtUp();
    assertFeaturesMatchBronze(actor, day(now));

    // A later micro-batch adds to the same actor-day: the features follow it.
    assertThat(api.post("/v1/signals/ingest", batch(events(actor, now, 9, 20))).status())
        .isEqualTo(200);
    ubi.awaitStreamCaughtUp();
    assertFeaturesMatchBronze(actor, day(now));
  }

  @Test
  void aReplayedMicroBatchAddsNothingToTheRunningStatistics() {
    String pseudonym = ingest(Instant.now().truncatedTo(ChronoUnit.SECONDS), 7);

    // The same bronze rows under another pseudonym, fed to the intraday step as batch 7 of a
    // query of its own, twice (as after a crash before the checkpoint commit), then as batch 8.
    SparkSession session = ubi.lake().spark().newSession();
    Dataset<Row> rows =
        session
            .read()
            .format("delta")
            .load(ubi.lake().location(Tables.BEHAVIOURAL_EVENTS))
            .where(col("tenant_id").equalTo(TENANT).and(col("actor_pseudonym").equalTo(pseudonym)))
            .withColumn("actor_pseudonym", lit("ps_replayed_" + pseudonym));
    session.sparkContext().setLocalProperty("sql.streaming.queryId", UUID.randomUUID().toString());
    try {
      ubi.processor().refreshIntraday(rows, 7);
      ubi.processor().refreshIntraday(rows, 7);
      assertThat(eventsCounted("ps_replayed_" + pseudonym)).isEqualTo(7);
      ubi.processor().refreshIntraday(rows, 8);
      assertThat(eventsCounted("ps_replayed_" + pseudonym)).isEqualTo(14);
    } finally {
      session.sparkContext().setLocalProperty("sql.streaming.queryId", null);
    }
  }

  @Test
  void daysTheStreamNoLongerUpdatesAreDeletedFromTheIntradayTables() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String pseudonym = ingest(now, 5);
    LocalDate today = day(now);
    LocalDate old = today.minusDays(5);
    // The same rows as if left over from five days ago.
    for (var table :
        List.of(Tables.ACTOR_FEATURE_STATES_INTRADAY, Tables.ACTOR_FEATURES_INTRADAY)) {
      String who =
          table == Tables.ACTOR_FEATURE_STATES_INTRADAY ? "actor_pseudonym" : "actor_or_group_id";
      ubi.lake()
          .read(table)
          .where(col("tenant_id").equalTo(TENANT).and(col(who).equalTo(pseudonym)))
          .withColumn("dt", lit(old))
          .write()
          .format("delta")
          .mode("append")
          .save(ubi.lake().location(table));
      assertThat(rows(table, who, pseudonym, old)).isPositive();
    }

    ubi.processor().purgeIntradayBefore(today.minusDays(1));

    assertThat(rows(Tables.ACTOR_FEATURE_STATES_INTRADAY, "actor_pseudonym", pseudonym, old))
        .isZero();
    assertThat(rows(Tables.ACTOR_FEATURES_INTRADAY, "actor_or_group_id", pseudonym, old)).isZero();
    assertThat(rows(Tables.ACTOR_FEATURE_STATES_INTRADAY, "actor_pseudonym", pseudonym, today))
        .isPositive();
    assertThat(rows(Tables.ACTOR_FEATURES_INTRADAY, "actor_or_group_id", pseudonym, today))
        .isPositive();
  }

  /**
   * Posts n events of {@code now}'s day for a fresh actor, waits for the stream, returns its
   * pseudonym.
   */
  private String ingest(Instant now, int n) {
    String actor = "dev-" + UUID.randomUUID();
    assertThat(api.post("/v1/signals/ingest", batch(events(actor, now, 0, n))).status())
        .isEqualTo(200);
    ubi.awaitStreamCaughtUp();
    return pseudonym(actor);
  }

  private long rows(io.ubi.lakehouse.TableDef table, String who, String pseudonym, LocalDate day) {
    return ubi.lake()
        .read(table)
        .where(
            col("tenant_id")
                .equalTo(TENANT)
                .and(col(who).equalTo(pseudonym))
                .and(col("dt").equalTo(lit(day))))
        .count();
  }

  /** The UTC day of an instant. */
  private static LocalDate day(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /**
   * Envelopes i in [from, to) for {@code now}'s day, spread back from {@code now} over the hours of
   * that day elapsed by then.
   */
  private List<ObjectNode> events(String actor, Instant now, int from, int to) {
    Instant dayStart = day(now).atStartOfDay().toInstant(ZoneOffset.UTC);
    long span = Math.max(1, now.getEpochSecond() - dayStart.getEpochSecond() - 1);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Instant at = now.minusSeconds((i * 4001L) % span);
      out.add(envelope(TENANT, actor, TYPES[i % TYPES.length], at));
    }
    return out;
  }

  private long eventsCounted(String pseudonym) {
    Row r =
        ubi.lake()
            .read(Tables.ACTOR_FEATURE_STATES_INTRADAY)
            .where(col("tenant_id").equalTo(TENANT).and(col("actor_pseudonym").equalTo(pseudonym)))
            .select(org.apache.spark.sql.functions.explode(col("event_counts")))
            .agg(org.apache.spark.sql.functions.sum("value"))
            .first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  private void assertFeaturesMatchBronze(String actor, LocalDate day) {
    String pseudonym = pseudonym(actor);
    // The tenant is on UTC: its local day is bronze's day.
    List<EventView> events =
        Oracle.events(
                ubi.lake()
                    .read(Tables.BEHAVIOURAL_EVENTS)
                    .where(col("tenant_id").equalTo(TENANT).and(col("dt").equalTo(lit(day))))
                    .collectAsList(),
                ubi.tenantConfigs())
            .getOrDefault(new Oracle.SubjectDay(pseudonym, day), List.of());
    Map<String, Double> intraday = new HashMap<>();
    for (Row f :
        ubi.lake()
            .read(Tables.ACTOR_FEATURES_INTRADAY)
            .where(
                col("tenant_id")
                    .equalTo(TENANT)
                    .and(col("actor_or_group_id").equalTo(pseudonym))
                    .and(col("dt").equalTo(lit(day))))
            .collectAsList()) {
      intraday.put(f.getAs("feature_name"), f.getAs("value"));
    }
    int compared = 0;
    for (FeatureDefinition feature : FeatureCatalog.all()) {
      Double expected = FeatureEvaluator.evaluate(feature, events).value();
      if (expected == null) {
        assertThat(intraday).as(feature.name()).doesNotContainKey(feature.name());
      } else {
        assertThat(intraday.get(feature.name()))
            .as(feature.name())
            .isNotNull()
            .isCloseTo(expected, within(1e-9));
        compared++;
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(3);
    assertThat(intraday).hasSize(compared);
  }

  private String pseudonym(String actor) {
    return ubi.lake()
        .read(Tables.BEHAVIOURAL_EVENTS)
        .where(col("tenant_id").equalTo(TENANT).and(col("actor_id").equalTo(actor)))
        .select("actor_pseudonym")
        .first()
        .getString(0);
  }
}
