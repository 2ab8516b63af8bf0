package io.ubi.model.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.baseline.Baseline;
import io.ubi.model.config.AnomalyThresholds;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.config.WorkingHours;
import io.ubi.model.feature.CompositeRule;
import io.ubi.model.feature.Dimension;
import io.ubi.model.feature.FeatureCatalog;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Composite rules over a subject's scored days: sustained, skipped, escalated, resolved. */
class RuleDetectorTest {
  private static final CompositeRule BURNOUT = FeatureCatalog.rule("burnout_risk").orElseThrow();
  private static final CompositeRule MENTORING =
      FeatureCatalog.rule("mentoring_potential").orElseThrow();
  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
  private static final SignalFactory.Subject ACTOR =
      new SignalFactory.Subject("acme", ActorScope.ACTOR, "ps_0123456789abcdef01234567", "human");

  /** A day's feature at {@code z} sigmas from a baseline of 0.1 ± 0.05. */
  private static DayAssessment at(LocalDate dt, double z) {
    Baseline ref = new Baseline(0.1, 0.05, 21, 1.0, false, 0, 0.1, 0.2);
    DailyObservation o =
        new DailyObservation(dt, 0.1 + z * 0.05, Map.of(), Map.of("file_edited", 40L));
    return new DayAssessment(o, ref, z, false, ref);
  }

  /** Out-of-hours share at {@code z} sigmas, reviews at {@code reviewsZ}. */
  private static SubjectDay burnoutDay(int dayIndex, double z, double reviewsZ) {
    LocalDate dt = MONDAY.plusDays(dayIndex);
    Map<String, DayAssessment> f = new LinkedHashMap<>();
    // 0.1 + z * 0.05: z = 4 is a share of 0.3, above the rule's floor of 0.25
    f.put("after_hours_share", at(dt, z));
    f.put("pr_reviews_given", at(dt, reviewsZ));
    return SubjectDay.of(dt, f);
  }

  private static List<RuleEpisode> detect(CompositeRule rule, List<SubjectDay> days) {
    return RuleDetector.detect(rule, AnomalyThresholds.DEFAULT, days);
  }

  @Test
  void aRuleIsRaisedOnlyOnceItHasHeldItsSustainedDays() {
    List<SubjectDay> days = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      days.add(burnoutDay(i, 4, -2));
    }
    assertThat(detect(BURNOUT, days)).as("two days of three").isEmpty();
    days.add(burnoutDay(2, 4, -2));
    assertThat(detect(BURNOUT, days))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.startedOn()).isEqualTo(MONDAY);
              assertThat(e.confirmedOn()).isEqualTo(MONDAY.plusDays(2));
              assertThat(e.severity()).isEqualTo(Severity.WARN);
              assertThat(e.status()).isEqualTo(SignalStatus.ACTIVE);
            });
  }

  @Test
  void bothHalvesOfTheConditionMustHold() {
    List<SubjectDay> days = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      days.add(burnoutDay(i, 4, 0.5)); // late hours, but reviews as usual
    }
    assertThat(detect(BURNOUT, days)).isEmpty();
  }

  @Test
  void aDayThatCannotBeJudgedNeitherConfirmsNorBreaksARun() {
    List<SubjectDay> days = new ArrayList<>();
    days.add(burnoutDay(0, 4, -2));
    days.add(burnoutDay(1, 4, -2));
    days.add(SubjectDay.of(MONDAY.plusDays(2), Map.of())); // a day off: nothing scored
    assertThat(detect(BURNOUT, days)).isEmpty();
    days.add(burnoutDay(3, 4, -2));
    assertThat(detect(BURNOUT, days)).hasSize(1);
  }

  @Test
  void aDayTheRuleDoesNotHoldStartsTheCountAgain() {
    List<SubjectDay> days =
        List.of(
            burnoutDay(0, 4, -2),
            burnoutDay(1, 4, -2),
            burnoutDay(2, 0, -2),
            burnoutDay(3, 4, -2),
            burnoutDay(4, 4, -2));
    assertThat(detect(BURNOUT, days)).isEmpty();
  }

  @Test
  void aRiskThatKeepsHoldingBecomesCritical() {
    List<SubjectDay> days = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      days.add(burnoutDay(i, 4, -2));
    }
    assertThat(detect(BURNOUT, days))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.heldDays()).isEqualTo(5);
              assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(e.latest().dt()).isEqualTo(MONDAY.plusDays(4));
            });
  }

  @Test
  void itResolvesOnlyOnceTheInputsAreBackWithinOneSigma() {
    List<SubjectDay> days = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      days.add(burnoutDay(i, 4, -2));
    }
    // under the trigger but still 1.8 sigma out, reviews still down: not resolved
    days.add(burnoutDay(3, 1.8, -2));
    assertThat(detect(BURNOUT, days))
        .singleElement()
        .satisfies(e -> assertThat(e.resolvedOn()).isNull());
    days.add(burnoutDay(4, 0.5, -2));
    assertThat(detect(BURNOUT, days))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.resolvedOn()).isEqualTo(MONDAY.plusDays(4));
              assertThat(e.status()).isEqualTo(SignalStatus.RESOLVED);
              assertThat(e.latest().dt())
                  .as("the numbers of the last day it held")
                  .isEqualTo(MONDAY.plusDays(2));
            });
  }

  @Test
  void theTenantsThresholdsOfTheRulesDimensionMoveItsTrigger() {
    List<SubjectDay> days = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      days.add(burnoutDay(i, 3.2, -2)); // a share of 0.26
    }
    assertThat(detect(BURNOUT, days)).hasSize(1);
    AnomalyThresholds stricter =
        new AnomalyThresholds(
            AnomalyThresholds.DEFAULT.defaults(),
            Map.of(Dimension.ACTIVITY, new AnomalyThresholds.Levels(3.5, 4.5)),
            1.0,
            1);
    assertThat(RuleDetector.detect(BURNOUT, stricter, days)).isEmpty();
  }

  @Test
  void opportunitiesAreInfo() {
    assertThat(detect(MENTORING, reviewingDays(1.5)))
        .singleElement()
        .satisfies(e -> assertThat(e.severity()).isEqualTo(Severity.INFO));
    assertThat(detect(MENTORING, reviewingDays(0.5)))
        .as("a burst of reviews without more feedback than usual is not mentoring")
        .isEmpty();
  }

  /** Six days of reviews at +3 sigma for more colleagues, review comments at {@code commentsZ}. */
  private static List<SubjectDay> reviewingDays(double commentsZ) {
    List<SubjectDay> days = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      LocalDate dt = MONDAY.plusDays(i);
      Map<String, DayAssessment> f = new LinkedHashMap<>();
      f.put("pr_reviews_given", at(dt, 3));
      f.put("review_comments", at(dt, commentsZ));
      Baseline ref = new Baseline(1, 0.5, 21, 1.0, false, 0, 1, 2);
      f.put(
          "colleagues_reviewed",
          new DayAssessment(new DailyObservation(dt, 4, Map.of(), Map.of()), ref, 6.0, true, ref));
      days.add(SubjectDay.of(dt, f));
    }
    return days;
  }

  @Test
  void theSignalNamesEachInputWithItsValueAndBaselineAndCarriesItsIds() {
    List<SubjectDay> days = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      days.add(burnoutDay(i, 4, -2));
    }
    RuleEpisode e = detect(BURNOUT, days).get(0);
    BehaviouralSignal s = RuleSignals.build(ACTOR, e);
    LocalDate last = MONDAY.plusDays(2);
    assertThat(s.signalId())
        .isEqualTo(Ids.signal("acme", "actor", ACTOR.id(), "burnout_risk", true, MONDAY));
    assertThat(s.rule()).isEqualTo("burnout_risk");
    assertThat(s.featureName()).isEqualTo("after_hours_share");
    assertThat(s.signalType()).isEqualTo("risk");
    assertThat(s.severity()).isEqualTo("WARN");
    assertThat(s.dimension()).isEqualTo("activity");
    assertThat(s.score()).isEqualTo(80);
    assertThat(s.expectedOutcome()).isEqualTo(BURNOUT.expectedOutcome());
    assertThat(s.reason())
        .isEqualTo(
            "burnout_risk for 3 scored days since 2026-03-02 (WARN): "
                + BURNOUT.meaning()
                + "; on 2026-03-04: after_hours_share 0.30 against a baseline of 0.10 (+4.0"
                + " sigma); pr_reviews_given 0 against a baseline of 0.10 (-2.0 sigma);"
                + " collaboration_score 17");
    assertThat(names(s.inputs()))
        .containsExactly("after_hours_share", "pr_reviews_given", "collaboration_score");
    assertThat(names(s.featureIds()))
        .containsExactly(
            Ids.feature("acme", "actor", ACTOR.id(), "after_hours_share", last, "daily"),
            Ids.feature("acme", "actor", ACTOR.id(), "pr_reviews_given", last, "daily"));
    assertThat(names(s.baselineReference()))
        .contains(
            Ids.baseline("acme", "actor", ACTOR.id(), "after_hours_share", last.minusDays(1)));
    assertThat(s.featureSnapshot().get("after_hours_share").get("z_score").asDouble())
        .isEqualTo(4.0);
    assertThat(Json.write(s.evidenceRefs()).getBytes(StandardCharsets.UTF_8).length)
        .isLessThan(1024);
    assertThat(s.detectedFor()).isEqualTo("2026-03-02");
    assertThat(s.createdAt())
        .as("raised at the end of the day it was confirmed")
        .isEqualTo(last.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
  }

  @Test
  void aTenantThatSwitchesARuleOrScopeOffGetsNothingFromIt() {
    Map<String, List<DayAssessment>> history = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      SubjectDay d = burnoutDay(i, 4, -2);
      d.features().forEach((f, a) -> history.computeIfAbsent(f, k -> new ArrayList<>()).add(a));
    }
    TenantConfig on = TenantConfigs.defaults().forTenant("acme");
    LocalDate to = MONDAY.plusDays(2);
    assertThat(SubjectSignals.detect(ACTOR, history, on, MONDAY, to))
        .extracting(BehaviouralSignal::rule)
        .contains("burnout_risk");
    for (String off :
        List.of(
            "{\"signals\": {\"disabled_rules\": [\"burnout_risk\"]}}",
            "{\"signals\": {\"disabled_scopes\": [\"actor\"]}}",
            "{\"enabled_signal_types\": [\"opportunity\", \"informational\"]}")) {
      TenantConfig config = TenantConfigs.parse("acme", Json.parse(off));
      assertThat(SubjectSignals.detect(ACTOR, history, config, MONDAY, to))
          .as(off)
          .extracting(BehaviouralSignal::rule)
          .doesNotContain("burnout_risk");
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void theSpeedLayerRaisesOnlyRulesThatTheDaySoFarCanShow() {
    assertThat(FeatureCatalog.rule("rework_loop").orElseThrow().intradaySafe()).isTrue();
    assertThat(FeatureCatalog.rule("mentoring_potential").orElseThrow().intradaySafe()).isTrue();
    assertThat(BURNOUT.intradaySafe()).as("falling collaboration needs the whole day").isFalse();
    assertThat(FeatureCatalog.rule("activity_drop").orElseThrow().intradaySafe()).isFalse();
    assertThat(FeatureCatalog.rule("context_thrash").orElseThrow().intradaySafe()).isFalse();
  }

  @Test
  void aProvisionalSignalIsOneFirstRaisedTodayOfAClassDeliveredNearRealTime() {
    CompositeRule loop = FeatureCatalog.rule("rework_loop").orElseThrow();
    Map<String, List<DayAssessment>> history = new LinkedHashMap<>();
    LocalDate yesterday = MONDAY.plusDays(1);
    LocalDate today = MONDAY.plusDays(2);
    loopDay(history, yesterday);
    Map<String, List<DayAssessment>> todays = new LinkedHashMap<>();
    loopDay(todays, today);
    Map<String, DayAssessment> judged = new LinkedHashMap<>();
    todays.forEach((f, l) -> judged.put(f, l.get(0)));

    TenantConfig nightly = TenantConfigs.defaults().forTenant("acme");
    assertThat(SubjectSignals.provisional(ACTOR, history, judged, nightly, today)).isEmpty();

    TenantConfig nearRealTime =
        TenantConfigs.parse(
            "acme", Json.parse("{\"signals\": {\"delivery\": {\"risk\": \"near_real_time\"}}}"));
    assertThat(SubjectSignals.provisional(ACTOR, history, judged, nearRealTime, today))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.rule()).isEqualTo(loop.name());
              assertThat(s.provisional()).isTrue();
              assertThat(s.detectedFor()).isEqualTo(yesterday.toString());
            });
    // raised already yesterday (one day sustains it there): nothing new today
    Map<String, List<DayAssessment>> earlier = new LinkedHashMap<>();
    loopDay(earlier, MONDAY);
    loopDay(earlier, yesterday);
    assertThat(SubjectSignals.provisional(ACTOR, earlier, judged, nearRealTime, today))
        .extracting(BehaviouralSignal::rule)
        .doesNotContain(loop.name());
  }

  private static final WorkingHours EVERY_DAY =
      new WorkingHours(
          java.time.ZoneOffset.UTC, 9, 18, java.util.EnumSet.allOf(java.time.DayOfWeek.class));

  /** A day that fails six of nine builds against a baseline of one in twelve. */
  private static void loopDay(Map<String, List<DayAssessment>> into, LocalDate dt) {
    Baseline rate = new Baseline(0.083, 0.118, 21, 1.0, false, 0, 0, 0.25);
    Baseline count = new Baseline(0.33, 0.47, 21, 1.0, false, 0, 0, 1);
    into.computeIfAbsent("build_failure_rate", k -> new ArrayList<>())
        .add(
            SeriesAnalysis.provisional(
                FeatureCatalog.byName("build_failure_rate").orElseThrow(),
                EVERY_DAY,
                rate,
                new DailyObservation(dt, 6.0 / 9, Map.of(), Map.of("build_failed", 6L))));
    into.computeIfAbsent("failed_builds", k -> new ArrayList<>())
        .add(
            SeriesAnalysis.provisional(
                FeatureCatalog.FAILED_BUILDS,
                EVERY_DAY,
                count,
                new DailyObservation(dt, 6, Map.of(), Map.of("build_failed", 6L))));
  }

  @Test
  void aProvisionalDayIsNotScoredOffWorkOrDuringWarmUp() {
    DailyObservation o = new DailyObservation(MONDAY, 6, Map.of(), Map.of());
    Baseline warm = new Baseline(0.33, 0.47, 21, 1.0, false, 0, 0, 1);
    Baseline cold = new Baseline(0.33, 0.47, 3, 0.2, true, 0, 0, 1);
    var weekdays = Series.CALENDAR;
    assertThat(SeriesAnalysis.provisional(FeatureCatalog.FAILED_BUILDS, weekdays, warm, o).zScore())
        .isCloseTo(5.67, org.assertj.core.data.Offset.offset(0.01));
    assertThat(SeriesAnalysis.provisional(FeatureCatalog.FAILED_BUILDS, weekdays, cold, o).zScore())
        .isNull();
    DailyObservation sunday = new DailyObservation(MONDAY.minusDays(1), 6, Map.of(), Map.of());
    assertThat(
            SeriesAnalysis.provisional(FeatureCatalog.FAILED_BUILDS, weekdays, warm, sunday)
                .zScore())
        .isNull();
  }
}
