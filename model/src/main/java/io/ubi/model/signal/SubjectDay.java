package io.ubi.model.signal;

import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.RuleCondition;
import io.ubi.model.feature.ScoreDefinition;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One subject's scored day: each feature's assessment (only those with a z-score: warm-up,
 * non-working and unsupported days say nothing) and the dimension scores computed from them, as
 * composite rules read it.
 */
public record SubjectDay(
    LocalDate dt, Map<String, DayAssessment> features, Map<String, Double> scores)
    implements RuleCondition.Day, Serializable {

  public SubjectDay {
    features = Map.copyOf(features);
    scores = Map.copyOf(scores);
  }

  /** The day of one subject's assessments, by feature name, scores included. */
  public static SubjectDay of(LocalDate dt, Map<String, DayAssessment> assessments) {
    Map<String, DayAssessment> scored = new LinkedHashMap<>();
    Map<String, ScoreDefinition.Deviation> deviations = new LinkedHashMap<>();
    for (Map.Entry<String, DayAssessment> e : assessments.entrySet()) {
      DayAssessment a = e.getValue();
      if (a.zScore() != null) {
        scored.put(e.getKey(), a);
        deviations.put(
            e.getKey(),
            new ScoreDefinition.Deviation(
                a.observation().value(),
                a.reference().mean(),
                a.zScore(),
                a.reference().confidence()));
      }
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (ScoreDefinition s : FeatureCatalog.scores()) {
      s.compute(deviations).ifPresent(r -> scores.put(s.name(), r.score()));
    }
    return new SubjectDay(dt, scored, scores);
  }

  /** True when no feature was scored: the day cannot confirm or contradict anything. */
  public boolean isEmpty() {
    return features.isEmpty();
  }

  @Override
  public Double zScore(String feature) {
    DayAssessment a = features.get(feature);
    return a == null ? null : a.zScore();
  }

  @Override
  public Double value(String feature) {
    DayAssessment a = features.get(feature);
    return a == null ? null : a.observation().value();
  }

  @Override
  public Double score(String score) {
    return scores.get(score);
  }
}
