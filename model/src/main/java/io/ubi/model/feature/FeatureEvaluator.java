package io.ubi.model.feature;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The naive evaluation of a feature over one actor's events for one day: obviously correct, slow,
 * and the oracle the Spark compilation is tested against.
 */
public final class FeatureEvaluator {
  /** The slice of an event a feature reads. */
  public record EventView(String eventType, Instant timestampUtc, boolean afterHours) {}

  /** A feature's value and its named inputs. {@code value} is null when undefined that day. */
  public record Result(Double value, Map<String, Double> inputs) {}

  private FeatureEvaluator() {}

  public static Result evaluate(FeatureDefinition feature, List<EventView> events) {
    List<Aggregation.Leaf> leaves = feature.aggregation().leaves();
    double[] values = new double[leaves.size()];
    Map<String, Double> inputs = new LinkedHashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      values[i] = leaf(leaves.get(i), events);
      inputs.put(leaves.get(i).label(), values[i]);
    }
    return new Result(Aggregation.combine(feature.aggregation(), values), inputs);
  }

  private static double leaf(Aggregation.Leaf leaf, List<EventView> events) {
    if (leaf instanceof Aggregation.Count) {
      return events.stream()
          .filter(e -> leaf.filter().matches(e.eventType(), e.afterHours()))
          .count();
    }
    Set<Long> hours = new HashSet<>();
    for (EventView e : events) {
      if (leaf.filter().matches(e.eventType(), e.afterHours())) {
        hours.add(e.timestampUtc().getEpochSecond() / 3600);
      }
    }
    return hours.size();
  }
}
