package io.ubi.model.signal;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * One day's value of one feature for one actor or group, with the named inputs that explain it and
 * the day's event counts by type (a summary: no event content).
 */
public record DailyObservation(
    LocalDate dt, double value, Map<String, Double> inputs, Map<String, Long> eventCounts)
    implements Serializable {}
