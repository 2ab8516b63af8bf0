package io.ubi.model.signal;

import static io.ubi.model.signal.Series.CALENDAR;
import static io.ubi.model.signal.Series.NORMAL;
import static io.ubi.model.signal.Series.concat;
import static io.ubi.model.signal.Series.weekday;
import static io.ubi.model.signal.Series.weekdays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ubi.model.config.AnomalyThresholds;
import io.ubi.model.config.BaselinePolicy;
import io.ubi.model.feature.Dimension;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.GroupRule;
import io.ubi.model.feature.SignalRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalDetectorTest {
  private static List<SignalEpisode> detect(FeatureDefinition feature, double... values) {
    return detectDays(
        feature,
        SeriesAnalysis.assess(feature, BaselinePolicy.DEFAULT, CALENDAR, weekdays(values)));
  }

  private static List<SignalEpisode> detectDays(
      FeatureDefinition feature, List<DayAssessment> days) {
    return SignalDetector.detect(feature, AnomalyThresholds.DEFAULT, days);
  }

  @Test
  void steadySeriesRaisesNothing() {
    assertThat(detect(FeatureCatalog.FAILED_BUILDS, NORMAL)).isEmpty();
    assertThat(detect(FeatureCatalog.FAILED_BUILDS, concat(NORMAL, NORMAL))).isEmpty();
  }

  @Test
  void oneSpikeGivesOneCriticalEpisodeResolvedTheNextDay() {
    List<SignalEpisode> episodes = detect(FeatureCatalog.FAILED_BUILDS, concat(NORMAL, 18, 10, 12));
    assertThat(episodes).hasSize(1);
    SignalEpisode e = episodes.get(0);
    assertThat(e.higher()).isTrue();
    assertThat(e.rule()).isEqualTo(FeatureCatalog.FAILED_BUILDS.whenHigher());
    assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(e.startedOn()).isEqualTo(weekday(20));
    assertThat(e.latest().observation().value()).isEqualTo(18.0);
    assertThat(e.latest().zScore()).isCloseTo(5.7232715357, within(1e-6));
    assertThat(e.resolvedOn()).isEqualTo(weekday(21));
    assertThat(e.status()).isEqualTo(SignalStatus.RESOLVED);
  }

  @Test
  void moderateSpikeIsWarnAndStaysActiveWithoutARecovery() {
    List<SignalEpisode> episodes = detect(FeatureCatalog.FAILED_BUILDS, concat(NORMAL, 14));
    assertThat(episodes)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.severity()).isEqualTo(Severity.WARN);
              assertThat(e.latest().zScore()).isCloseTo(2.8720, within(1e-4));
              assertThat(e.status()).isEqualTo(SignalStatus.ACTIVE);
              assertThat(e.resolvedOn()).isNull();
            });
  }

  @Test
  void deviationJustBelowWarnRaisesNothing() {
    // z(13) = (13 - 9.970981) / 1.402872 = 2.159
    assertThat(detect(FeatureCatalog.FAILED_BUILDS, concat(NORMAL, 13))).isEmpty();
  }

  @Test
  void sustainedAnomalyStaysOneEpisodeUntilBackWithinOneSigma() {
    // four anomalous days, one day between 1 and 2.5 sigma (still active), then back to normal
    List<DayAssessment> days =
        SeriesAnalysis.assess(
            FeatureCatalog.FAILED_BUILDS,
            BaselinePolicy.DEFAULT,
            CALENDAR,
            weekdays(concat(NORMAL, 18, 17, 18, 16, 12, 10)));
    for (int i = 20; i < 24; i++) {
      assertThat(Math.abs(days.get(i).zScore())).as("day %d", i).isGreaterThanOrEqualTo(2.5);
    }
    assertThat(days.get(24).zScore()).isBetween(1.0, 2.5);
    assertThat(days.get(25).zScore()).isBetween(-1.0, 1.0);

    List<SignalEpisode> episodes = detectDays(FeatureCatalog.FAILED_BUILDS, days);
    assertThat(episodes).hasSize(1);
    SignalEpisode e = episodes.get(0);
    assertThat(e.startedOn()).isEqualTo(weekday(20));
    assertThat(e.latest().observation().dt()).isEqualTo(weekday(23));
    assertThat(e.latest().observation().value()).isEqualTo(16.0);
    assertThat(e.resolvedOn()).isEqualTo(weekday(25));
    assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void severityFollowsTheLatestAnomalousDay() {
    // 18 (critical, outlier) then 14 (z = 2.87, warn): one episode, now WARN
    List<SignalEpisode> episodes = detect(FeatureCatalog.FAILED_BUILDS, concat(NORMAL, 18, 14));
    assertThat(episodes)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.startedOn()).isEqualTo(weekday(20));
              assertThat(e.latest().observation().dt()).isEqualTo(weekday(21));
              assertThat(e.severity()).isEqualTo(Severity.WARN);
            });
  }

  @Test
  void aNewAnomalyAfterResolutionOpensASecondEpisode() {
    List<SignalEpisode> episodes =
        detect(FeatureCatalog.FAILED_BUILDS, concat(NORMAL, 18, 10, 11, 18));
    assertThat(episodes)
        .extracting(SignalEpisode::startedOn)
        .containsExactly(weekday(20), weekday(23));
    assertThat(episodes)
        .extracting(SignalEpisode::status)
        .containsExactly(SignalStatus.RESOLVED, SignalStatus.ACTIVE);
  }

  @Test
  void spikesDuringWarmUpRaiseNothing() {
    assertThat(detect(FeatureCatalog.FAILED_BUILDS, 10, 12, 60, 11, 9, 10, 12)).isEmpty();
  }

  @Test
  void nonWorkingDaySpikesRaiseNothing() {
    List<DailyObservation> history = new ArrayList<>(weekdays(concat(NORMAL, 11)));
    // the Saturday and Sunday after the last Friday of NORMAL, wildly high
    history.add(Series.observation(weekday(19).plusDays(1), 60));
    history.add(Series.observation(weekday(19).plusDays(2), 60));
    assertThat(
            detectDays(
                FeatureCatalog.FAILED_BUILDS,
                SeriesAnalysis.assess(
                    FeatureCatalog.FAILED_BUILDS, BaselinePolicy.DEFAULT, CALENDAR, history)))
        .isEmpty();
  }

  @Test
  void aDirectionWithoutAMeaningRaisesNothing() {
    // context switches: only a rise is a signal; active hours: only a drop is
    double[] drop = concat(NORMAL, 2);
    double[] rise = concat(NORMAL, 18);
    assertThat(detect(FeatureCatalog.CONTEXT_SWITCHES_PER_HOUR, drop)).isEmpty();
    assertThat(detect(FeatureCatalog.CONTEXT_SWITCHES_PER_HOUR, rise)).hasSize(1);
    assertThat(detect(FeatureCatalog.ACTIVE_HOURS, rise)).isEmpty();
    assertThat(detect(FeatureCatalog.ACTIVE_HOURS, drop))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.higher()).isFalse();
              assertThat(e.rule().signalType()).isEqualTo(SignalType.INFORMATIONAL);
              assertThat(e.severity()).as("the deviation's level").isEqualTo(Severity.CRITICAL);
            });
  }

  @Test
  void everySingleFeatureAnomalyIsInformational() {
    assertThat(detect(FeatureCatalog.PR_REVIEWS_GIVEN, concat(NORMAL, 18)))
        .singleElement()
        .satisfies(e -> assertThat(e.rule().signalType()).isEqualTo(SignalType.INFORMATIONAL));
  }

  @Test
  void anAnomalyInTheOtherDirectionResolvesTheOpenEpisodeAndOpensAnother() {
    FeatureDefinition both =
        new FeatureDefinition(
            "two_sided",
            Dimension.FLOW,
            "test",
            "count",
            FeatureCatalog.FAILED_BUILDS.value(),
            new SignalRule("too high", "lower it"),
            new SignalRule("too low", "raise it"),
            false,
            1.0,
            0,
            GroupRule.MEAN);
    List<SignalEpisode> episodes = detect(both, concat(NORMAL, 18, 2));
    assertThat(episodes).hasSize(2);
    assertThat(episodes.get(0).higher()).isTrue();
    assertThat(episodes.get(0).resolvedOn()).isEqualTo(weekday(21));
    assertThat(episodes.get(1).higher()).isFalse();
    assertThat(episodes.get(1).startedOn()).isEqualTo(weekday(21));
    assertThat(episodes.get(1).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(episodes.get(1).status()).isEqualTo(SignalStatus.ACTIVE);
  }

  /**
   * PRD UT-UBI-03: resolution waits for the configured run of calm days, and a wobble resets it.
   */
  @Test
  void anEpisodeResolvesOnlyAfterItsRunOfCalmDays() {
    AnomalyThresholds threeDays =
        new AnomalyThresholds(
            AnomalyThresholds.DEFAULT.defaults(),
            java.util.Map.of(),
            AnomalyThresholds.DEFAULT.resolveWithinSigma(),
            3);
    FeatureDefinition f = FeatureCatalog.FAILED_BUILDS;
    List<DayAssessment> calm =
        SeriesAnalysis.assess(
            f, BaselinePolicy.DEFAULT, CALENDAR, weekdays(concat(NORMAL, 18, 10, 10)));
    assertThat(SignalDetector.detect(f, threeDays, calm))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(SignalStatus.ACTIVE));
    List<DayAssessment> calmLonger =
        SeriesAnalysis.assess(
            f, BaselinePolicy.DEFAULT, CALENDAR, weekdays(concat(NORMAL, 18, 10, 10, 10)));
    assertThat(SignalDetector.detect(f, threeDays, calmLonger))
        .singleElement()
        .satisfies(e -> assertThat(e.resolvedOn()).isEqualTo(weekday(23)));
    // 13 is neither calm (beyond 1 sigma) nor anomalous: the count starts again after it
    List<DayAssessment> wobble =
        SeriesAnalysis.assess(
            f, BaselinePolicy.DEFAULT, CALENDAR, weekdays(concat(NORMAL, 18, 10, 13, 10, 10, 10)));
    assertThat(wobble.get(wobble.size() - 4).zScore()).isBetween(1.0, 2.5);
    assertThat(SignalDetector.detect(f, threeDays, wobble))
        .singleElement()
        .satisfies(e -> assertThat(e.resolvedOn()).isEqualTo(weekday(25)));
  }
}
