package io.ubi.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.launcher.eval.SignalEvaluation.GroupFigures;
import io.ubi.launcher.eval.SignalEvaluation.Observed;
import io.ubi.launcher.eval.SignalEvaluation.Result;
import io.ubi.launcher.eval.SignalEvaluation.RuleFigures;
import io.ubi.launcher.eval.SignalEvaluation.Truth;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalEvaluationTest {
  private static final LocalDate D = LocalDate.parse("2025-11-03");
  private static final Map<String, String> RULES = new LinkedHashMap<>();

  static {
    RULES.put("burnout_risk", "risk");
    RULES.put("mentoring_potential", "opportunity");
  }

  private static Truth planted(String subject, String rule, int from, int to) {
    return new Truth(
        new PlantedBehaviour(
            "t1", "id-" + subject, "human", rule, "v", D.plusDays(from), D.plusDays(to)),
        subject);
  }

  private static Observed signal(
      String scope, String subject, String rule, String sev, int from, int to) {
    return new Observed(
        "s-" + subject + from,
        "t1",
        scope,
        subject,
        rule,
        "x",
        sev,
        D.plusDays(from),
        D.plusDays(to));
  }

  private static Result evaluate(List<Truth> truth, List<Observed> signals) {
    return SignalEvaluation.evaluate(
        RULES,
        truth,
        signals,
        (tenant, scope, id) -> id.equals("team-a") ? Set.of("p1", "p2") : Set.of(),
        10,
        3);
  }

  private static RuleFigures rule(Result r, String name) {
    return r.rules().stream().filter(f -> f.rule().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aSignalOverlappingItsBehaviourOnTheSameActorIsExplainedAndFindsIt() {
    Result r =
        evaluate(
            List.of(planted("p1", "burnout_risk", 0, 6), planted("p2", "burnout_risk", 0, 6)),
            List.of(signal("actor", "p1", "burnout_risk", "WARN", 3, 9)));

    RuleFigures f = rule(r, "burnout_risk");
    assertThat(f.planted()).isEqualTo(2);
    assertThat(f.found()).isEqualTo(1);
    assertThat(f.recall()).isEqualTo(0.5);
    assertThat(f.signals()).isEqualTo(1);
    assertThat(f.precision()).isEqualTo(1.0);
    assertThat(f.meetsTargets()).isFalse();
    assertThat(r.missed()).extracting(Truth::subjectId).containsExactly("p2");
    assertThat(r.unexplained()).isEmpty();
  }

  @Test
  void slackExtendsABehaviourAfterItsEndOnly() {
    Result r =
        evaluate(
            List.of(planted("p1", "burnout_risk", 10, 14)),
            List.of(
                // starts within the 3 days of slack after the behaviour: explained
                signal("actor", "p1", "burnout_risk", "WARN", 17, 19),
                // starts a day beyond the slack: not
                signal("actor", "p1", "burnout_risk", "CRITICAL", 18, 20),
                // ends the day before the behaviour starts: not
                signal("actor", "p1", "burnout_risk", "WARN", 5, 9)));

    RuleFigures f = rule(r, "burnout_risk");
    assertThat(f.signals()).isEqualTo(3);
    assertThat(f.explained()).isEqualTo(1);
    assertThat(f.found()).isEqualTo(1);
    assertThat(r.unexplained())
        .extracting(Observed::from)
        .containsExactly(D.plusDays(18), D.plusDays(5));
  }

  @Test
  void onlyTheSameRuleOnTheSameActorExplainsASignal() {
    Result r =
        evaluate(
            List.of(planted("p1", "mentoring_potential", 0, 6)),
            List.of(
                signal("actor", "p1", "burnout_risk", "WARN", 1, 4),
                signal("actor", "p2", "mentoring_potential", "INFO", 1, 4)));

    assertThat(rule(r, "burnout_risk").explained()).isZero();
    assertThat(rule(r, "mentoring_potential").explained()).isZero();
    assertThat(rule(r, "mentoring_potential").found()).isZero();
    assertThat(r.unexplained()).hasSize(2);
    assertThat(r.meetsTargets()).isFalse();
  }

  @Test
  void risksCountTheirWarnAndCriticalSignalsOpportunitiesAllOfTheirs() {
    Result r =
        evaluate(
            List.of(
                planted("p1", "burnout_risk", 0, 6), planted("p1", "mentoring_potential", 0, 6)),
            List.of(
                signal("actor", "p1", "burnout_risk", "INFO", 1, 2),
                signal("actor", "p1", "mentoring_potential", "INFO", 1, 2)));

    assertThat(rule(r, "burnout_risk").signals()).isZero();
    assertThat(rule(r, "burnout_risk").found()).as("an INFO risk finds nothing").isZero();
    assertThat(rule(r, "burnout_risk").precision()).isNaN();
    assertThat(rule(r, "mentoring_potential").signals()).isEqualTo(1);
    assertThat(rule(r, "mentoring_potential").found()).isEqualTo(1);
  }

  @Test
  void precisionAndRecallAreSharesOfTheirCounts() {
    Result r =
        evaluate(
            List.of(
                planted("p1", "mentoring_potential", 0, 5),
                planted("p2", "mentoring_potential", 0, 5),
                planted("p3", "mentoring_potential", 20, 25)),
            List.of(
                signal("actor", "p1", "mentoring_potential", "INFO", 2, 6),
                signal("actor", "p1", "mentoring_potential", "INFO", 4, 8),
                signal("actor", "p2", "mentoring_potential", "INFO", 5, 5),
                signal("actor", "p4", "mentoring_potential", "INFO", 5, 5)));

    RuleFigures f = rule(r, "mentoring_potential");
    assertThat(f.recall()).isEqualTo(2.0 / 3);
    assertThat(f.precision()).isEqualTo(0.75);
    assertThat(f.meetsTargets()).isFalse();
  }

  @Test
  void aGroupSignalIsExplainedByAMemberWithTheBehaviourAndCountedApart() {
    Result r =
        evaluate(
            List.of(planted("p2", "burnout_risk", 0, 6)),
            List.of(
                signal("team", "team-a", "burnout_risk", "WARN", 2, 4),
                signal("team", "team-b", "burnout_risk", "WARN", 2, 4),
                signal("tenant", "t1", "burnout_risk", "WARN", 2, 4)));

    assertThat(r.groups())
        .containsExactly(
            new GroupFigures("burnout_risk", "team", 2, 1),
            new GroupFigures("burnout_risk", "tenant", 1, 0));
    RuleFigures f = rule(r, "burnout_risk");
    assertThat(f.signals()).as("group signals are not actor signals").isZero();
    assertThat(f.found()).as("nor do they find an actor's behaviour").isZero();
  }

  @Test
  void singleFeatureAnomaliesAreCountedPerActorMonthWithoutATarget() {
    Result r =
        evaluate(
            List.of(),
            List.of(
                signal("actor", "p1", "after_hours_share", "INFO", 1, 1),
                signal("actor", "p2", "events", "INFO", 1, 1),
                signal("team", "team-a", "events", "INFO", 1, 1)));

    assertThat(r.anomalies()).isEqualTo(2);
    assertThat(r.anomaliesPerActorMonth()).isEqualTo(0.2);
    assertThat(r.unexplained()).isEmpty();
    assertThat(r.meetsTargets()).as("no rule planted nor raised").isTrue();
  }
}
