package io.ubi.model.signal;

import io.ubi.model.feature.SignalRule;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * One stretch of anomalous behaviour of one feature in one direction: opened on the first anomalous
 * day, updated by later ones, resolved once the feature is back within the resolution band of its
 * baseline.
 *
 * @param latest the most recent anomalous day, whose numbers the signal reports
 * @param severity the deviation's level (WARN or CRITICAL), named in the reason; the signal itself
 *     is informational
 * @param resolvedOn the day the feature was back to baseline, or null while active
 */
public record SignalEpisode(
    boolean higher,
    SignalRule rule,
    LocalDate startedOn,
    DayAssessment latest,
    Severity severity,
    LocalDate resolvedOn)
    implements Serializable {

  public SignalStatus status() {
    return resolvedOn == null ? SignalStatus.ACTIVE : SignalStatus.RESOLVED;
  }

  SignalEpisode update(DayAssessment day, Severity newSeverity) {
    return new SignalEpisode(higher, rule, startedOn, day, newSeverity, null);
  }

  SignalEpisode resolve(LocalDate on) {
    return new SignalEpisode(higher, rule, startedOn, latest, severity, on);
  }
}
