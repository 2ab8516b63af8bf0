package io.ubi.model.signal;

import io.ubi.model.config.AnomalyThresholds;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.SignalRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a feature's assessed days into signal episodes (PRD FR-4): a day with {@code |z|} at or
 * above the WARN threshold, in a direction the feature gives a meaning to, opens an episode; later
 * anomalous days in the same direction update it (no duplicates); a day back within {@code
 * resolve_within_sigma} of the baseline resolves it. Warm-up days raise nothing.
 */
public final class SignalDetector {
  private SignalDetector() {}

  public static List<SignalEpisode> detect(
      FeatureDefinition feature, AnomalyThresholds thresholds, List<DayAssessment> days) {
    List<SignalEpisode> episodes = new ArrayList<>();
    SignalEpisode open = null;
    for (DayAssessment day : days) {
      Double z = day.zScore();
      if (z == null) {
        continue;
      }
      boolean higher = z > 0;
      Optional<Severity> anomaly = thresholds.classify(feature.dimension(), z);
      if (open != null) {
        if (thresholds.isBackToBaseline(z)) {
          episodes.add(open.resolve(day.observation().dt()));
          open = null;
        } else if (anomaly.isPresent() && higher == open.higher()) {
          open = open.update(day, severityOf(open.rule(), anomaly.get()));
          continue;
        } else if (anomaly.isPresent()) {
          episodes.add(open.resolve(day.observation().dt()));
          open = null;
        } else {
          continue;
        }
      }
      if (anomaly.isPresent()) {
        Optional<SignalRule> rule = feature.ruleFor(higher);
        if (rule.isPresent()) {
          open =
              new SignalEpisode(
                  higher,
                  rule.get(),
                  day.observation().dt(),
                  day,
                  severityOf(rule.get(), anomaly.get()),
                  null);
        }
      }
    }
    if (open != null) {
      episodes.add(open);
    }
    return episodes;
  }

  /** Risk signals carry the anomaly's severity; opportunities and information are INFO. */
  static Severity severityOf(SignalRule rule, Severity anomaly) {
    return rule.signalType() == SignalType.RISK ? anomaly : Severity.INFO;
  }
}
