package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.batch.NightlyBatchJob;
import io.ubi.lakehouse.GoldTables;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import io.ubi.model.aggregate.EventView;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.FeatureEvaluator;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.transforms.SeriesComputation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Four weeks of history through the whole pipeline, then the nightly job: a planted surge of failed
 * builds becomes a signal in gold, in the API and on the signal topic; nothing personal leaves
 * bronze; Spark's features equal the model's reference evaluation.
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlySignalsTest {
  private static final String TENANT = "it-signals";
  private static final String STEADY = "dev-steady";
  private static final String SPIKY = "dev-spiky";
  private static final String AGENT = "agent:it-bot";
  private static final List<String> RAW =
      List.of(STEADY, SPIKY, "it-bot", "@example.com", "src/Main.java");

  private final UbiRuntime ubi;
  private final Api api;
  private LocalDate from;
  private LocalDate to;
  private LocalDate spikeDay;
  private LocalDate loopStart;
  private LocalDate dayBeforeSpike;
  private NightlyBatchJob.Result result;

  NightlySignalsTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest", "ubi:read:tenant", "ubi:read:actor"));
  }

  @BeforeAll
  void loadHistoryAndRunTheNightlyJob() {
    to = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    from = to.minusDays(27);
    // the last four working days fail most builds: a rework loop, CRITICAL on its fourth day
    List<LocalDate> loop = new ArrayList<>();
    for (LocalDate d = to; loop.size() < 4; d = d.minusDays(1)) {
      if (!isWeekend(d)) {
        loop.add(d);
      }
    }
    spikeDay = loop.get(0);
    dayBeforeSpike = loop.get(1);
    loopStart = loop.get(3);
    List<ObjectNode> history = new ArrayList<>();
    int workday = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (isWeekend(d)) {
        continue;
      }
      workday++;
      for (String actor : List.of(STEADY, SPIKY)) {
        history.add(at(actor, "file_edited", d, 9, 30));
        history.add(at(actor, "editor_switch", d, 10, 5));
        history.add(at(actor, "file_edited", d, 10, 40));
        history.add(at(actor, "commit", d, 11, 15));
        // four builds a day (the minimum support of a failure rate), three on the loop's days,
        // which fail six more: six of nine
        int passing = actor.equals(SPIKY) && loop.contains(d) ? 3 : 4;
        for (int b = 0; b < passing; b++) {
          history.add(at(actor, "build_completed_success", d, 11, 20 + b));
        }
        history.add(at(actor, "pr_review_submitted", d, 14, 0));
        history.add(at(actor, "llm_call", d, 15, 10));
        history.add(at(actor, "file_edited", d, 19, workday % 60));
        if (workday % 3 == 0) {
          history.add(at(actor, "build_completed_failure", d, 16, 0));
        }
      }
      ObjectNode agent = at(AGENT, "llm_call", d, 3, 0);
      ((ObjectNode) agent.get("resource")).put("actor_type", "ai_agent");
      history.add(agent);
    }
    history.add(envelope(TENANT, SPIKY, "file_edited", Instant.now().minusSeconds(60)));
    for (LocalDate d : loop) {
      for (int i = 0; i < 6; i++) {
        history.add(at(SPIKY, "build_completed_failure", d, 12, 5 * i));
      }
    }
    api.ingestAll(history);
    ubi.awaitStreamCaughtUp();
    result = ubi.nightlyJob().run(from, to);
  }

  @Test
  void aPlantedReworkLoopIsACriticalRiskThatSaysWhy() {
    String spiky = pseudonym(SPIKY);
    List<BehaviouralSignal> loops =
        result.published().stream()
            .filter(s -> s.tenantId().equals(TENANT) && "rework_loop".equals(s.rule()))
            .toList();
    assertThat(loops).extracting(BehaviouralSignal::actorOrGroupId).containsExactly(spiky);
    BehaviouralSignal s = loops.get(0);
    assertThat(s.severity()).isEqualTo("CRITICAL");
    assertThat(s.signalType()).isEqualTo("risk");
    assertThat(s.detectedFor()).isEqualTo(loopStart.toString());
    assertThat(s.reason())
        .startsWith("rework_loop for 4 scored days since " + loopStart)
        .contains("build_failure_rate 0.67 against a baseline of")
        .contains("failed_builds 6 against a baseline of")
        .contains("on " + spikeDay);
    assertThat(s.expectedOutcome()).isNotBlank();
    assertThat(s.inputs().toString()).contains("build_failure_rate", "failed_builds");
    assertThat(s.featureIds().size()).isEqualTo(s.baselineReference().size()).isPositive();
    assertThat(s.evidenceRefs().size()).isPositive();
  }

  @Test
  void oneDaysSpikeOfOneFeatureIsOnlyInformational() {
    assertThat(
            result.published().stream()
                .filter(s -> s.tenantId().equals(TENANT) && s.rule().equals("failed_builds")))
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.signalType()).isEqualTo("informational");
              assertThat(s.severity()).isEqualTo("INFO");
            });
    assertThat(result.published())
        .filteredOn(s -> s.tenantId().equals(TENANT) && !s.severity().equals("INFO"))
        .extracting(BehaviouralSignal::rule)
        .containsOnly("rework_loop");
  }

  @Test
  void theSurgeLowersTheActivityScoreAndTheReasonSaysWhy() {
    Map<String, Row> activity = new HashMap<>();
    for (Row r :
        ubi.lake()
            .read(Tables.BEHAVIOURAL_SCORES)
            .where(
                col("tenant_id")
                    .equalTo(TENANT)
                    .and(col("dt").equalTo(spikeDay))
                    .and(col("score_name").equalTo("activity_reliability_score")))
            .collectAsList()) {
      activity.put(r.getAs("actor_or_group_id"), r);
    }
    Row spiky = activity.get(pseudonym(SPIKY));
    Row steady = activity.get(pseudonym(STEADY));
    assertThat((Double) spiky.getAs("score")).isLessThan(35.0);
    assertThat((Double) steady.getAs("score")).isGreaterThan((Double) spiky.getAs("score"));
    assertThat(spiky.<String>getAs("reason"))
        .startsWith("activity_reliability_score ")
        .contains("failed_builds");
    assertThat((Double) spiky.getAs("confidence")).isBetween(0.0, 1.0);
    // scores exist only for subjects with baselines: groups below the minimum size have none
    assertThat(
            ubi.lake()
                .read(Tables.BEHAVIOURAL_SCORES)
                .where(col("tenant_id").equalTo(TENANT))
                .select("actor_or_group_id")
                .distinct()
                .except(
                    ubi.lake()
                        .read(Tables.FEATURE_BASELINES)
                        .where(col("tenant_id").equalTo(TENANT))
                        .select("actor_or_group_id")
                        .distinct())
                .count())
        .isZero();
  }

  @Test
  void verdictsOnASignalAreMeasuredByTheNextNight() {
    BehaviouralSignal loop =
        result.published().stream()
            .filter(s -> s.tenantId().equals(TENANT) && "rework_loop".equals(s.rule()))
            .findFirst()
            .orElseThrow();
    Api other =
        new Api(
            ubi.baseUrl(),
            ubi.keys()
                .mint(
                    ubi.config().issuer(),
                    "lead-2@example.com",
                    TENANT,
                    List.of("ubi:read:actor"),
                    java.time.Duration.ofMinutes(5)));
    String path = "/v1/ubi/signals/" + loop.signalId() + "/feedback";
    assertThat(api.post(path, "{\"verdict\": \"useful\"}").status()).isEqualTo(202);
    Api.Response changed = api.post(path, "{\"verdict\": \"false_positive\"}");
    assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(202);
    assertThat(other.post(path, "{\"verdict\": \"useful\"}").status()).isEqualTo(202);

    ubi.nightlyJob().run(to, to);

    List<Row> stored =
        ubi.lake()
            .read(GoldTables.SIGNAL_FEEDBACK)
            .where(col("tenant_id").equalTo(TENANT))
            .collectAsList();
    assertThat(stored)
        .as("one verdict per caller: the changed one replaced the first")
        .extracting(r -> r.<String>getAs("verdict"))
        .containsExactlyInAnyOrder("false_positive", "useful");
    assertThat(stored.toString()).doesNotContain("lead-2@example.com", "it-" + TENANT);

    Api.Response quality = api.get("/v1/ubi/signals/quality?tenant_id=" + TENANT);
    assertThat(quality.status()).as(String.valueOf(quality.body())).isEqualTo(200);
    assertThat(quality.body().get("as_of").asText()).isEqualTo(to.toString());
    JsonNode rule = quality.body().at("/rules/0");
    assertThat(rule.get("rule").asText()).isEqualTo("rework_loop");
    assertThat(rule.get("rated").asLong()).isEqualTo(2);
    assertThat(rule.get("false_positive_rate").asDouble()).isEqualTo(0.5);
    assertThat(quality.body().at("/threshold_proposals/0/status").asText())
        .as("two verdicts are too few to tune on")
        .isEqualTo("insufficient_feedback");
  }

  @Test
  void aSwitchedOffRuleOrScopeRaisesNothing() {
    Dataset<Row> baselines =
        ubi.lake().read(Tables.FEATURE_BASELINES).where(col("tenant_id").equalTo(TENANT));
    Column spiky =
        col("actor_or_group_id").equalTo(pseudonym(SPIKY)).and(col("rule").equalTo("rework_loop"));
    assertThat(
            SeriesComputation.signals(baselines, ubi.tenantConfigs(), from, to)
                .where(spiky)
                .count())
        .as("raised while switched on")
        .isPositive();
    for (String off :
        List.of(
            "{\"signals\": {\"disabled_rules\": [\"rework_loop\"]}}",
            "{\"signals\": {\"disabled_scopes\": [\"actor\"]}}",
            "{\"enabled_signal_types\": [\"opportunity\", \"informational\"]}")) {
      TenantConfigs configs =
          TenantConfigs.of(Map.of(TENANT, TenantConfigs.parse(TENANT, Json.parse(off))));
      assertThat(SeriesComputation.signals(baselines, configs, from, to).where(spiky).count())
          .as(off)
          .isZero();
    }
  }

  @Test
  void theSignalIsServedByTheQueryApi() {
    Api.Response r =
        api.post(
            "/v1/ubi/query/signals",
            Json.MAPPER
                .createObjectNode()
                .put("tenant_id", TENANT)
                .put("scope", "actor")
                .set(
                    "time_range",
                    Json.MAPPER
                        .createObjectNode()
                        .put("from", from.atStartOfDay().toInstant(ZoneOffset.UTC).toString())
                        .put(
                            "to",
                            to.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC).toString()))
                .toString());
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    List<JsonNode> failed = new ArrayList<>();
    r.body()
        .get("signals")
        .forEach(
            s -> {
              if (s.get("rule").asText().equals("rework_loop")) {
                failed.add(s);
              }
            });
    assertThat(failed).hasSize(1);
    JsonNode s = failed.get(0);
    assertThat(s.get("actor_or_group_id").asText()).isEqualTo(pseudonym(SPIKY));
    assertThat(s.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(s.get("signal_type").asText()).isEqualTo("risk");
    assertThat(s.get("dimension").asText()).isEqualTo("activity");
    assertThat(s.get("score").asInt()).isBetween(70, 100);
    assertThat(s.get("reason").asText()).contains("failed_builds");
    assertThat(s.get("expected_outcome").asText()).isNotBlank();
    assertThat(r.body().has("stale")).isTrue();
  }

  @Test
  void theSignalIsPublishedOnTheSignalTopicAndNoRawIdentifierIs() {
    List<ConsumerRecord<String, String>> records =
        Topics.read(
            ubi.bootstrapServers(),
            ubi.config().signalsTopic(),
            r -> r.value().contains("\"" + TENANT + "\""));
    List<JsonNode> failed =
        records.stream()
            .map(r -> Json.parse(r.value()))
            .filter(j -> j.get("rule").asText().equals("rework_loop"))
            .toList();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(failed.get(0).get("actor_or_group_id").asText()).isEqualTo(pseudonym(SPIKY));
    assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain(RAW));
  }

  @Test
  void theProfileShowsFeaturesUnderThePseudonymOnly() {
    Api.Response r =
        api.get("/v1/ubi/actors/" + SPIKY + "/profile?tenant_id=" + TENANT + "&window=30d");
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().at("/actor/actor_id").asText()).isEqualTo(pseudonym(SPIKY));
    assertThat(r.body().toString()).contains("failed_builds").doesNotContain(RAW);
    JsonNode activity = null;
    for (JsonNode s : r.body().get("scores")) {
      if (s.get("score_name").asText().equals("activity_reliability_score")) {
        activity = s;
      }
    }
    assertThat(activity).as(r.body().get("scores").toString()).isNotNull();
    assertThat(activity.get("dt").asText()).isEqualTo(spikeDay.toString());
    assertThat(activity.get("reason").asText()).contains("failed_builds");
    // the loop's fourth day against its third: as low as the day before
    assertThat(activity.get("change").asText())
        .matches(
            "activity_reliability_score (fell|held) from \\d+ on " + dayBeforeSpike + " to \\d+");
    assertThat(activity.get("daily").size()).isGreaterThan(5);
  }

  @Test
  void nothingPersonalLeavesBronze() {
    for (TableDef table :
        List.of(
            Tables.ACTOR_FEATURES_DAILY,
            Tables.ACTOR_FEATURES_INTRADAY,
            Tables.FEATURE_BASELINES,
            Tables.BEHAVIOURAL_SIGNALS)) {
      List<String> rows =
          ubi.lake().read(table).where(col("tenant_id").equalTo(TENANT)).toJSON().collectAsList();
      assertThat(rows).as(table.name()).isNotEmpty();
      assertThat(rows).as(table.name()).allSatisfy(j -> assertThat(j).doesNotContain(RAW));
    }
    assertThat(Tables.all())
        .filteredOn(t -> t.layer() != io.ubi.lakehouse.Layer.BRONZE)
        .allSatisfy(
            t -> assertThat(t.columnNames()).doesNotContain("actor_id", "properties", "raw"));
  }

  @Test
  void sparkFeaturesEqualTheModelsReferenceEvaluation() {
    Map<String, List<EventView>> byActorDay = new HashMap<>();
    Oracle.events(
            ubi.lake()
                .read(Tables.BEHAVIOURAL_EVENTS)
                .where(col("tenant_id").equalTo(TENANT).and(col("dt").between(from, to)))
                .collectAsList(),
            ubi.tenantConfigs())
        .forEach((k, v) -> byActorDay.put(k.subject() + "|" + k.day(), v));
    Map<String, Double> spark = new HashMap<>();
    for (Row f :
        ubi.lake()
            .read(Tables.ACTOR_FEATURES_DAILY)
            .where(col("tenant_id").equalTo(TENANT).and(col("actor_scope").equalTo("actor")))
            .collectAsList()) {
      spark.put(
          f.getAs("actor_or_group_id") + "|" + f.getAs("dt") + "|" + f.getAs("feature_name"),
          f.getAs("value"));
    }
    int compared = 0;
    for (var entry : byActorDay.entrySet()) {
      for (FeatureDefinition feature : FeatureCatalog.all()) {
        Double expected = FeatureEvaluator.evaluate(feature, entry.getValue()).value();
        Double actual = spark.get(entry.getKey() + "|" + feature.name());
        if (expected == null) {
          assertThat(actual).as(entry.getKey() + " " + feature.name()).isNull();
        } else {
          assertThat(actual).as(entry.getKey() + " " + feature.name()).isNotNull();
          assertThat(actual).isCloseTo(expected, within(1e-9));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
    assertThat(spark).hasSize(compared);
  }

  @Test
  void windowedFeaturesEqualTheReferenceOverTheWindowsEvents() {
    int compared = 0;
    Map<Oracle.SubjectDay, List<EventView>> all =
        Oracle.events(
            ubi.lake()
                .read(Tables.BEHAVIOURAL_EVENTS)
                .where(col("tenant_id").equalTo(TENANT))
                .collectAsList(),
            ubi.tenantConfigs());
    for (int days : List.of(7, 28)) {
      for (String actor : List.of(STEADY, SPIKY)) {
        List<EventView> events = new ArrayList<>();
        String subject = pseudonym(actor);
        all.forEach(
            (k, v) -> {
              if (k.subject().equals(subject)
                  && !k.day().isAfter(to)
                  && !k.day().isBefore(to.minusDays(days - 1L))) {
                events.addAll(v);
              }
            });
        Map<String, Double> windowed = new HashMap<>();
        for (Row f :
            ubi.lake()
                .read(Tables.ACTOR_FEATURES_WINDOWED)
                .where(
                    col("tenant_id")
                        .equalTo(TENANT)
                        .and(col("dt").equalTo(to))
                        .and(col("window_days").equalTo(days))
                        .and(col("actor_or_group_id").equalTo(pseudonym(actor))))
                .collectAsList()) {
          windowed.put(f.getAs("feature_name"), f.getAs("value"));
          assertThat(f.<Instant>getAs("window_start"))
              .isEqualTo(to.minusDays(days - 1L).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        for (FeatureDefinition feature : FeatureCatalog.all()) {
          Double expected = FeatureEvaluator.evaluate(feature, events).value();
          String what = days + "d " + actor + " " + feature.name();
          if (expected == null) {
            assertThat(windowed).as(what).doesNotContainKey(feature.name());
          } else {
            assertThat(windowed.get(feature.name())).as(what).isCloseTo(expected, within(1e-9));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(2 * 2 * 10);
  }

  private String pseudonym(String actor) {
    return ubi.lake()
        .read(Tables.BEHAVIOURAL_EVENTS)
        .where(col("tenant_id").equalTo(TENANT).and(col("actor_id").equalTo(actor)))
        .select("actor_pseudonym")
        .first()
        .getString(0);
  }

  private static ObjectNode at(
      String actor, String signalType, LocalDate day, int hour, int minute) {
    return envelope(TENANT, actor, signalType, day.atTime(hour, minute).toInstant(ZoneOffset.UTC));
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
