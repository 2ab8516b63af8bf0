package io.ubi.model.feature;

import java.io.Serializable;
import java.util.Optional;

/**
 * One behavioural feature, read from the catalogue ({@link FeatureCatalog}) and compiled by both
 * processing layers.
 *
 * @param name stable snake_case name, used as {@code feature_name} in every table
 * @param value how the value is computed from a subject's events in a window
 * @param whenHigher the signal a significant rise raises, or null if a rise means nothing
 * @param whenLower the signal a significant drop raises, or null
 * @param volumeOnly true for raw output counts, which FR-9 forbids as quality proxies
 * @param minStdDev floor for the standard deviation in z-scores, so a perfectly steady history does
 *     not turn a tiny change into an infinite deviation
 * @param minSupport the least a ratio's denominator must be for the value to count as a baseline
 *     point or an anomaly (e.g. 10 events for a share); 0 for no minimum
 * @param group how a team's, cohort's or tenant's value comes from its members' values
 */
public record FeatureDefinition(
    String name,
    Dimension dimension,
    String description,
    String unit,
    Expr value,
    SignalRule whenHigher,
    SignalRule whenLower,
    boolean volumeOnly,
    double minStdDev,
    double minSupport,
    GroupRule group)
    implements Serializable {

  public Optional<SignalRule> ruleFor(boolean higher) {
    return Optional.ofNullable(higher ? whenHigher : whenLower);
  }
}
