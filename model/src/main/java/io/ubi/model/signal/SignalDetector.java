package io.ubi.model.signal;

import io.ubi.model.config.AnomalyThresholds;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.SignalRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a feature's assessed days into single-feature anomaly episodes (PRD FR-4), informational
 * context beside the composite rules ({@link RuleDetector}): a day with {@code |z|} at or above the
 * WARN threshold, in a direction the feature gives a meaning to, opens an episode; later anomalous
 * days in the same direction update it (no duplicates); {@code resolve_after_hours} worth of scored
 * days in a row back within {@code resolve_within_sigma} of the baseline resolve it, a day in
 * between starting the count again. Warm-up days raise nothing.
 */
public final class SignalDetector {
  private SignalDetector() {}

  public static List<SignalEpisode> detect(
      FeatureDefinition feature, AnomalyThresholds thresholds, List<DayAssessment> days) {
    List<SignalEpisode> episodes = new ArrayList<>();
    SignalEpisode open = null;
    int calmDays = 0;
    for (DayAssessment day : days) {
      Double z = day.zScore();
      if (z == null) {
        continue;
      }
      boolean higher = z > 0;
      Optional<Severity> anomaly = thresholds.classify(feature.dimension(), z);
      if (open != null) {
        if (thresholds.isBackToBaseline(z)) {
          // Resolved only once it has stayed back for the configured run of days.
          if (++calmDays >= thresholds.resolveAfterDays()) {
            episodes.add(open.resolve(day.observation().dt()));
            open = null;
          }
          continue;
        } else if (anomaly.isPresent() && higher == open.higher()) {
          open = open.update(day, anomaly.get());
          calmDays = 0;
          continue;
        } else if (anomaly.isPresent()) {
          episodes.add(open.resolve(day.observation().dt()));
          open = null;
        } else {
          calmDays = 0;
          continue;
        }
      }
      calmDays = 0;
      if (anomaly.isPresent()) {
        Optional<SignalRule> rule = feature.ruleFor(higher);
        if (rule.isPresent()) {
          open =
              new SignalEpisode(
                  higher, rule.get(), day.observation().dt(), day, anomaly.get(), null);
        }
      }
    }
    if (open != null) {
      episodes.add(open);
    }
    return episodes;
  }
}
