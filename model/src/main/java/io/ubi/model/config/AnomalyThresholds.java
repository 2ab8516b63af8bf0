package io.ubi.model.config;

import io.ubi.model.feature.Dimension;
import io.ubi.model.signal.Severity;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * z-score thresholds (PRD FR-4): {@code |z| >= warn} is WARN, {@code |z| >= critical} is CRITICAL,
 * per dimension where the tenant overrides them. An active signal resolves once the feature has
 * stayed within {@code resolveWithinSigma} standard deviations of its baseline for {@code
 * resolveAfterDays} scored days in a row (PRD FR-4, UT-UBI-03: 24 hours by default, one day).
 *
 * @param autoTune whether the nightly job applies its threshold proposals itself, as a new config
 *     version (PRD FR-4), rather than only publishing them
 */
public record AnomalyThresholds(
    Levels defaults,
    Map<Dimension, Levels> perDimension,
    double resolveWithinSigma,
    int resolveAfterDays,
    boolean autoTune)
    implements Serializable {

  /** The two levels of one dimension. */
  public record Levels(double warn, double critical) implements Serializable {}

  public static final AnomalyThresholds DEFAULT =
      new AnomalyThresholds(new Levels(2.5, 3.5), Map.of(), 1.0, 1);

  public AnomalyThresholds {
    perDimension = Map.copyOf(perDimension);
  }

  /** Thresholds the nightly job only proposes changes to. */
  public AnomalyThresholds(
      Levels defaults,
      Map<Dimension, Levels> perDimension,
      double resolveWithinSigma,
      int resolveAfterDays) {
    this(defaults, perDimension, resolveWithinSigma, resolveAfterDays, false);
  }

  public Levels levels(Dimension dimension) {
    return perDimension.getOrDefault(dimension, defaults);
  }

  /** The severity of a deviation, or empty when it is not an anomaly. */
  public Optional<Severity> classify(Dimension dimension, double z) {
    Levels l = levels(dimension);
    double magnitude = Math.abs(z);
    if (magnitude >= l.critical()) {
      return Optional.of(Severity.CRITICAL);
    }
    if (magnitude >= l.warn()) {
      return Optional.of(Severity.WARN);
    }
    return Optional.empty();
  }

  public boolean isBackToBaseline(double z) {
    return Math.abs(z) <= resolveWithinSigma;
  }
}
