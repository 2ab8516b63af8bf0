package io.ubi.model.signal;

import io.ubi.model.baseline.Baseline;
import io.ubi.model.baseline.BaselineAccumulator;
import io.ubi.model.config.BaselinePolicy;
import io.ubi.model.config.WorkingHours;
import io.ubi.model.feature.FeatureDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds one feature's daily history (one actor or group) into baselines and z-scores: each day is
 * compared with the baseline of the days before it, then folded in. Days without a value are simply
 * absent, so gaps (weekends, outages) neither move the baseline nor look like a drop.
 *
 * <p>Only the tenant's working days are scored and folded in (its workdays, public holidays
 * excepted). A non-working day is a different population (an hour of Saturday work is 100% after
 * hours and a fraction of a weekday's active hours); mixing it in would either flag every weekend
 * or, once weekends are excluded as outliers, never learn them. Such days keep their feature values
 * but carry the baseline unchanged, and so do days whose value lacks the feature's minimum support:
 * three events, all late in the evening, are an after-hours share of 1.0 that says nothing about
 * burnout.
 */
public final class SeriesAnalysis {
  private SeriesAnalysis() {}

  public static List<DayAssessment> assess(
      FeatureDefinition feature,
      BaselinePolicy policy,
      WorkingHours calendar,
      List<DailyObservation> history) {
    List<DailyObservation> ordered = new ArrayList<>(history);
    ordered.sort(Comparator.comparing(DailyObservation::dt));
    BaselineAccumulator acc = new BaselineAccumulator(policy, feature.minStdDev());
    List<DayAssessment> days = new ArrayList<>(ordered.size());
    for (DailyObservation o : ordered) {
      var reference = acc.current();
      if (!calendar.isWorkingDay(o.dt()) || !o.supported()) {
        days.add(new DayAssessment(o, reference, null, true, reference));
        continue;
      }
      Double z =
          acc.isValid() ? zScore(o.value(), reference.mean(), reference.stdDev(), feature) : null;
      boolean included = acc.add(o.value());
      days.add(new DayAssessment(o, reference, z, !included, acc.current()));
    }
    return days;
  }

  /**
   * The day so far judged against the latest baseline, as the nightly run will judge the whole day:
   * not scored on a non-working day, without the minimum support, or while the baseline warms up.
   *
   * @param reference the baseline including the last day the nightly run folded in
   */
  public static DayAssessment provisional(
      FeatureDefinition feature,
      WorkingHours calendar,
      Baseline reference,
      DailyObservation today) {
    Double z =
        calendar.isWorkingDay(today.dt()) && today.supported() && !reference.lowConfidence()
            ? zScore(today.value(), reference.mean(), reference.stdDev(), feature)
            : null;
    return new DayAssessment(today, reference, z, z == null, reference);
  }

  /** {@code (x - mean) / max(stdDev, feature.minStdDev)}. */
  public static double zScore(double value, double mean, double stdDev, FeatureDefinition feature) {
    return (value - mean) / Math.max(stdDev, feature.minStdDev());
  }
}
