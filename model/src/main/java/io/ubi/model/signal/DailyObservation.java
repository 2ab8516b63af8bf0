package io.ubi.model.signal;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * One day's value of one feature for one actor or group, with the named inputs that explain it and
 * the day's event counts by type (a summary: no event content).
 *
 * @param supported false when the value rests on less than the feature's minimum support (e.g. a
 *     share of three events): it is kept, to explain the day, but never scored or learnt from
 */
public record DailyObservation(
    LocalDate dt,
    double value,
    Map<String, Double> inputs,
    Map<String, Long> eventCounts,
    boolean supported)
    implements Serializable {
  /** A value with enough support. */
  public DailyObservation(
      LocalDate dt, double value, Map<String, Double> inputs, Map<String, Long> eventCounts) {
    this(dt, value, inputs, eventCounts, true);
  }
}
