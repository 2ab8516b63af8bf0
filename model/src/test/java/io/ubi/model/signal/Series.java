package io.ubi.model.signal;

import io.ubi.model.config.WorkingHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Synthetic daily series for the signal tests. */
final class Series {
  static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  /** Monday to Friday in UTC, no holidays. */
  static final WorkingHours CALENDAR = new WorkingHours(ZoneOffset.UTC, 9, 18, WEEKDAYS);

  /** A Monday. */
  static final LocalDate START = LocalDate.of(2026, 1, 5);

  /**
   * 20 weekday values around 10 with a fixed +/-2 "noise" pattern (mean 10, std 1.41). Folded with
   * the default policy the baseline after them is mean 9.970981, std 1.402872 (hand-checked with an
   * independent EMA fold), so 14 is z = 2.87 (WARN) and 18 is z = 5.72 (CRITICAL, and an outlier).
   */
  static final double[] NORMAL = {
    10, 12, 8, 11, 9, 10, 12, 8, 11, 9, 10, 12, 8, 11, 9, 10, 12, 8, 11, 9
  };

  static final double MEAN_AFTER_NORMAL = 9.970981208255058;
  static final double STD_AFTER_NORMAL = 1.402872245645649;

  private Series() {}

  /** One observation per weekday from {@link #START}, skipping weekends. */
  static List<DailyObservation> weekdays(double... values) {
    List<DailyObservation> days = new ArrayList<>();
    LocalDate d = START;
    for (double v : values) {
      while (!WEEKDAYS.contains(d.getDayOfWeek())) {
        d = d.plusDays(1);
      }
      days.add(observation(d, v));
      d = d.plusDays(1);
    }
    return days;
  }

  static DailyObservation observation(LocalDate dt, double value) {
    return new DailyObservation(dt, value, Map.of("input", value), Map.of("build_failed", 1L));
  }

  static double[] concat(double[] a, double... b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The n-th weekday (0-based) from {@link #START}. */
  static LocalDate weekday(int n) {
    return weekdays(new double[n + 1]).get(n).dt();
  }
}
