package io.ubi.model.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ubi.model.Json;
import io.ubi.model.config.AnomalyThresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** False-positive rates and the thresholds that would keep them under 5 %. */
class FeedbackQualityTest {
  private static int n;

  private static SignalFeedback verdict(String rule, String dimension, Verdict v, Double sigma) {
    n++;
    return new SignalFeedback(
        "f" + n,
        "acme",
        "s" + n,
        rule,
        dimension,
        "actor",
        "risk",
        "WARN",
        "2026-03-02",
        v.name().toLowerCase(java.util.Locale.ROOT),
        null,
        "tk_c",
        sigma,
        Instant.parse("2026-03-03T09:00:00Z"));
  }

  @Test
  void ratesAreCountedByRuleDimensionAndTenant() {
    List<SignalFeedback> f =
        List.of(
            verdict("burnout_risk", "activity", Verdict.FALSE_POSITIVE, 2.7),
            verdict("burnout_risk", "activity", Verdict.USEFUL, 3.1),
            verdict("rework_loop", "activity", Verdict.NOT_USEFUL, 4.0),
            verdict("context_thrash", "flow", Verdict.USEFUL, 3.0));
    List<FeedbackQuality.Rate> rates = FeedbackQuality.rates(f);
    FeedbackQuality.Rate burnout =
        rates.stream().filter(r -> r.name().equals("burnout_risk")).findFirst().orElseThrow();
    assertThat(burnout.rated()).isEqualTo(2);
    assertThat(burnout.falsePositiveRate()).isEqualTo(0.5);
    FeedbackQuality.Rate activity =
        rates.stream()
            .filter(r -> r.kind().equals("dimension") && r.name().equals("activity"))
            .findFirst()
            .orElseThrow();
    assertThat(activity.rated()).isEqualTo(3);
    assertThat(activity.notUseful()).as("not useful is not a false positive").isEqualTo(1);
    assertThat(activity.falsePositiveRate()).isCloseTo(1.0 / 3, within(1e-12));
    FeedbackQuality.Rate tenant =
        rates.stream().filter(r -> r.kind().equals("tenant")).findFirst().orElseThrow();
    assertThat(tenant.rated()).isEqualTo(4);
    assertThat(tenant.dimension()).isEqualTo("*");
  }

  @Test
  void aRateAboveTargetProposesTheLowestWarnLevelThatMeetsIt() {
    // 40 verdicts: the 4 false positives all deviated less than 3 sigma, the useful ones more
    List<SignalFeedback> f = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      f.add(verdict("burnout_risk", "activity", Verdict.FALSE_POSITIVE, 2.55 + i * 0.1));
    }
    for (int i = 0; i < 36; i++) {
      f.add(verdict("burnout_risk", "activity", Verdict.USEFUL, 3.0 + i * 0.05));
    }
    FeedbackQuality.Proposal p = FeedbackQuality.proposals(f, AnomalyThresholds.DEFAULT, 20).get(0);
    assertThat(p.status()).isEqualTo(FeedbackQuality.Status.PROPOSED);
    assertThat(p.measuredRate()).isEqualTo(0.1);
    // at 2.7, 2 of 38 are false positives (5.3 %); at 2.8, 1 of 37 (2.7 %)
    assertThat(p.proposed().warn()).isEqualTo(2.8);
    assertThat(p.proposed().critical()).as("the same distance above").isEqualTo(3.8);
    assertThat(p.expectedRate()).isCloseTo(1.0 / 37, within(1e-12));
    assertThat(p.current().warn()).isEqualTo(2.5);

    // the next night, at the level applied, the same verdicts ask for no further raise
    AnomalyThresholds applied =
        new AnomalyThresholds(
            AnomalyThresholds.DEFAULT.defaults(),
            java.util.Map.of(io.ubi.model.feature.Dimension.ACTIVITY, p.proposed()),
            1.0,
            1,
            true);
    FeedbackQuality.Proposal next = FeedbackQuality.proposals(f, applied, 20).get(0);
    assertThat(next.status()).isEqualTo(FeedbackQuality.Status.WITHIN_TARGET);
    assertThat(next.measuredRate()).as("every verdict still counts in the rate").isEqualTo(0.1);
    assertThat(next.expectedRate()).isCloseTo(1.0 / 37, within(1e-12));
  }

  @Test
  void fewVerdictsProposeNothingAndAFaultyRuleIsUnreachable() {
    List<SignalFeedback> few = List.of(verdict("r", "flow", Verdict.FALSE_POSITIVE, 3.0));
    assertThat(FeedbackQuality.proposals(few, AnomalyThresholds.DEFAULT, 20).get(0).status())
        .isEqualTo(FeedbackQuality.Status.INSUFFICIENT_FEEDBACK);

    List<SignalFeedback> wrong = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      wrong.add(
          verdict(
              "r", "flow", i % 2 == 0 ? Verdict.FALSE_POSITIVE : Verdict.USEFUL, 2.6 + i * 0.1));
    }
    FeedbackQuality.Proposal p =
        FeedbackQuality.proposals(wrong, AnomalyThresholds.DEFAULT, 20).get(0);
    assertThat(p.status()).isEqualTo(FeedbackQuality.Status.UNREACHABLE);
    assertThat(p.proposed()).isNull();

    List<SignalFeedback> good = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      good.add(verdict("r", "collaboration", Verdict.USEFUL, 3.0));
    }
    assertThat(FeedbackQuality.proposals(good, AnomalyThresholds.DEFAULT, 20).get(0).status())
        .isEqualTo(FeedbackQuality.Status.WITHIN_TARGET);
  }

  @Test
  void theTriggerIsTheLargestDeviationOfAnyInput() {
    assertThat(
            SignalFeedback.triggerSigma(
                Json.parse(
                    "{\"after_hours_share\": {\"value\": 0.4, \"z_score\": 3.2},"
                        + " \"pr_reviews_given\": {\"z_score\": -4.1}, \"collaboration_score\": 31}")))
        .isEqualTo(4.1);
    assertThat(SignalFeedback.triggerSigma(Json.parse("{\"failed_builds\": 9, \"z_score\": -2.7}")))
        .isEqualTo(2.7);
    assertThat(SignalFeedback.triggerSigma(Json.parse("{\"value\": 1}"))).isNull();
  }
}
