package io.ubi.model.signal;

import io.ubi.model.baseline.Baseline;
import java.io.Serializable;

/**
 * A day's value judged against the baseline as it stood before that day.
 *
 * @param reference the baseline the day is compared with (history up to the day before)
 * @param zScore the deviation, or null while the reference is warming up or on non-working days
 * @param outlier true if the value was left out of the baseline (an outlier or a non-working day)
 * @param after the baseline including this day, what the next day is compared with
 */
public record DayAssessment(
    DailyObservation observation,
    Baseline reference,
    Double zScore,
    boolean outlier,
    Baseline after)
    implements Serializable {}
