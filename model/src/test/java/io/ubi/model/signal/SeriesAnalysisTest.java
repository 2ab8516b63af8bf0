package io.ubi.model.signal;

import static io.ubi.model.signal.Series.CALENDAR;
import static io.ubi.model.signal.Series.NORMAL;
import static io.ubi.model.signal.Series.WEEKDAYS;
import static io.ubi.model.signal.Series.concat;
import static io.ubi.model.signal.Series.weekdays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ubi.model.config.BaselinePolicy;
import io.ubi.model.config.WorkingHours;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesAnalysisTest {
  private static final FeatureDefinition FEATURE = FeatureCatalog.FAILED_BUILDS;

  private static List<DayAssessment> assess(List<DailyObservation> history) {
    return SeriesAnalysis.assess(FEATURE, BaselinePolicy.DEFAULT, CALENDAR, history);
  }

  @Test
  void warmUpDaysAreNotScoredAndTheEighthDayIs() {
    List<DayAssessment> days = assess(weekdays(10, 12, 50, 11, 9, 10, 12, 8));
    for (int i = 0; i < 7; i++) {
      assertThat(days.get(i).zScore()).as("day %d", i + 1).isNull();
      assertThat(days.get(i).reference().lowConfidence()).isTrue();
    }
    assertThat(days.get(2).outlier()).as("warm-up values are never outliers").isFalse();
    assertThat(days.get(7).zScore()).isNotNull();
    assertThat(days.get(7).reference().dataPoints()).isEqualTo(7);
  }

  @Test
  void aDayBelowMinimumSupportIsNeitherScoredNorLearntFrom() {
    List<DailyObservation> history = new ArrayList<>(weekdays(concat(NORMAL, 50)));
    DailyObservation spike = history.get(history.size() - 1);
    history.set(
        history.size() - 1,
        new DailyObservation(
            spike.dt(), spike.value(), spike.inputs(), spike.eventCounts(), false));
    List<DayAssessment> days = assess(history);
    DayAssessment last = days.get(days.size() - 1);
    assertThat(last.zScore()).isNull();
    assertThat(last.after()).isEqualTo(last.reference());
    assertThat(assess(weekdays(concat(NORMAL, 50))).get(days.size() - 1).zScore())
        .as("the same value with support")
        .isGreaterThan(3.5);
  }

  @Test
  void eachDayIsComparedWithTheBaselineOfTheDaysBeforeIt() {
    List<DayAssessment> days = assess(weekdays(concat(NORMAL, 14)));
    DayAssessment spike = days.get(20);
    assertThat(spike.reference().mean()).isCloseTo(Series.MEAN_AFTER_NORMAL, within(1e-9));
    assertThat(spike.reference().stdDev()).isCloseTo(Series.STD_AFTER_NORMAL, within(1e-9));
    assertThat(spike.zScore()).isCloseTo((14 - 9.970981208) / 1.402872246, within(1e-6));
    assertThat(spike.reference()).isEqualTo(days.get(19).after());
    assertThat(spike.outlier()).isFalse();
    assertThat(spike.after().mean())
        .isCloseTo(9.970981208 + 0.1 * (14 - 9.970981208), within(1e-6));
  }

  @Test
  void historyIsAssessedInDateOrderWhateverTheInputOrder() {
    List<DailyObservation> ordered = weekdays(concat(NORMAL, 18));
    List<DailyObservation> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);
    assertThat(assess(shuffled)).isEqualTo(assess(ordered));
  }

  @Test
  void anOutlierIsScoredButLeftOutOfTheBaseline() {
    List<DayAssessment> days = assess(weekdays(concat(NORMAL, 18)));
    DayAssessment spike = days.get(20);
    assertThat(spike.zScore()).isCloseTo(5.7232715357, within(1e-6));
    assertThat(spike.outlier()).isTrue();
    assertThat(spike.after().mean()).isEqualTo(spike.reference().mean());
    assertThat(spike.after().outliersExcluded()).isEqualTo(1);
  }

  @Test
  void nonWorkingDaysAreNotScoredAndDoNotMoveTheBaseline() {
    List<DailyObservation> weekdaysOnly = weekdays(concat(NORMAL, 11, 9));
    List<DailyObservation> withWeekends = new ArrayList<>(weekdaysOnly);
    for (DailyObservation o : weekdaysOnly) {
      if (o.dt().getDayOfWeek() == DayOfWeek.FRIDAY) {
        withWeekends.add(Series.observation(o.dt().plusDays(1), 0)); // a quiet Saturday
        withWeekends.add(Series.observation(o.dt().plusDays(2), 40)); // a wild Sunday
      }
    }
    List<DayAssessment> all = assess(withWeekends);
    List<DayAssessment> reference = assess(weekdaysOnly);

    List<DayAssessment> weekend =
        all.stream().filter(d -> !WEEKDAYS.contains(d.observation().dt().getDayOfWeek())).toList();
    assertThat(weekend)
        .hasSize(8)
        .allSatisfy(
            d -> {
              assertThat(d.zScore()).isNull();
              assertThat(d.outlier()).isTrue();
              assertThat(d.after()).isEqualTo(d.reference());
            });
    assertThat(all.stream().filter(d -> WEEKDAYS.contains(d.observation().dt().getDayOfWeek())))
        .as("weekday assessments are exactly those of the series without weekends")
        .containsExactlyElementsOf(reference);
  }

  @Test
  void aPublicHolidayIsADayOffEvenOnAWeekday() {
    List<DailyObservation> history = weekdays(concat(NORMAL, 1, 11));
    LocalDate holiday = history.get(NORMAL.length).dt(); // a weekday of an hour's work
    WorkingHours withHoliday =
        new WorkingHours(ZoneOffset.UTC, 9, 18, WEEKDAYS, java.util.Set.of(holiday));

    List<DayAssessment> plain = assess(history);
    List<DayAssessment> calendar =
        SeriesAnalysis.assess(FEATURE, BaselinePolicy.DEFAULT, withHoliday, history);

    assertThat(plain.get(NORMAL.length).zScore()).as("scored as a working day").isNotNull();
    DayAssessment off = calendar.get(NORMAL.length);
    assertThat(off.zScore()).isNull();
    assertThat(off.after()).isEqualTo(off.reference());
    assertThat(calendar.get(NORMAL.length + 1).reference())
        .as("the day after sees the baseline the holiday did not touch")
        .isEqualTo(plain.get(NORMAL.length).reference());
    assertThat(
            SeriesAnalysis.provisional(FEATURE, withHoliday, off.reference(), off.observation())
                .zScore())
        .isNull();
  }

  @Test
  void zScoreUsesTheFeaturesStdDevFloor() {
    // a perfectly steady history: std 0, floored at the feature's minStdDev (1 build)
    assertThat(SeriesAnalysis.zScore(3, 1, 0, FEATURE)).isEqualTo(2.0);
    assertThat(SeriesAnalysis.zScore(3, 1, 4, FEATURE)).isEqualTo(0.5);
    assertThat(SeriesAnalysis.zScore(0.30, 0.20, 0, FeatureCatalog.AFTER_HOURS_SHARE))
        .isCloseTo(2.0, within(1e-9));
    List<DayAssessment> steady = assess(weekdays(2, 2, 2, 2, 2, 2, 2, 2, 5));
    assertThat(steady.get(8).reference().stdDev()).isZero();
    assertThat(steady.get(8).zScore()).isEqualTo(3.0);
  }

  @Test
  void datesAreTheWeekdaysOfTheSeries() {
    assertThat(Series.weekday(0)).isEqualTo(LocalDate.of(2026, 1, 5));
    assertThat(Series.weekday(5)).isEqualTo(LocalDate.of(2026, 1, 12));
    assertThat(Series.weekday(20)).isEqualTo(LocalDate.of(2026, 2, 2));
  }
}
