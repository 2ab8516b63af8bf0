package io.ubi.model.signal;

import io.ubi.model.feature.CompositeRule;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * One stretch in which a composite rule held for a subject: it started on the first day of the run
 * that reached {@code sustained_days}, is updated by every later day the rule holds, and is
 * resolved once the rule's inputs have calmed down.
 *
 * @param startedOn the first day of the run that confirmed it
 * @param confirmedOn the day the run reached {@code sustained_days}: when it was raised
 * @param latest the most recent day the rule held, whose numbers the signal reports
 * @param heldDays scored days the rule has held in this episode
 * @param resolvedOn the day the inputs were back, or null while active
 */
public record RuleEpisode(
    CompositeRule rule,
    LocalDate startedOn,
    LocalDate confirmedOn,
    SubjectDay latest,
    int heldDays,
    Severity severity,
    LocalDate resolvedOn)
    implements Serializable {

  public SignalStatus status() {
    return resolvedOn == null ? SignalStatus.ACTIVE : SignalStatus.RESOLVED;
  }
}
