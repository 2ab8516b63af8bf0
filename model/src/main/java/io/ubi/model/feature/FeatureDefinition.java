package io.ubi.model.feature;

import java.io.Serializable;
import java.util.Optional;

/**
 * One behavioural feature, defined once and compiled by both processing layers.
 *
 * @param name stable snake_case name, used as {@code feature_name} in every table
 * @param aggregation how the daily value is computed from one actor's events
 * @param whenHigher the signal a significant rise raises, or null if a rise means nothing
 * @param whenLower the signal a significant drop raises, or null
 * @param volumeOnly true for raw output counts, which FR-9 forbids as quality proxies
 * @param minStdDev floor for the standard deviation in z-scores, so a perfectly steady history does
 *     not turn a tiny change into an infinite deviation
 */
public record FeatureDefinition(
    String name,
    Dimension dimension,
    String description,
    String unit,
    Aggregation aggregation,
    SignalRule whenHigher,
    SignalRule whenLower,
    boolean volumeOnly,
    double minStdDev)
    implements Serializable {

  public Optional<SignalRule> ruleFor(boolean higher) {
    return Optional.ofNullable(higher ? whenHigher : whenLower);
  }
}
