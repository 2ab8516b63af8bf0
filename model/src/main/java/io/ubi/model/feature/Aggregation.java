package io.ubi.model.feature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a feature's daily value is computed from an actor's events, as data. The speed and batch
 * layers compile the same tree into Spark columns; {@link FeatureEvaluator} evaluates it naively and
 * serves as the oracle in tests. Leaves carry a label so a feature can explain its inputs.
 */
public sealed interface Aggregation extends Serializable {

  /** The leaves, in order, whose values explain the feature (its calculation details). */
  List<Leaf> leaves();

  /** A leaf: a value computed directly from events. */
  sealed interface Leaf extends Aggregation {
    String label();

    EventFilter filter();

    @Override
    default List<Leaf> leaves() {
      return List.of(this);
    }
  }

  /** Number of matching events. */
  record Count(String label, EventFilter filter) implements Leaf {}

  /** Number of distinct clock hours in which a matching event occurred. */
  record DistinctHours(String label, EventFilter filter) implements Leaf {}

  /** numerator / denominator; undefined (no value that day) when the denominator is zero. */
  record Ratio(Aggregation numerator, Aggregation denominator) implements Aggregation {
    @Override
    public List<Leaf> leaves() {
      List<Leaf> all = new ArrayList<>(numerator.leaves());
      all.addAll(denominator.leaves());
      return all;
    }
  }

  /**
   * Combines leaf values into the feature value, in the order of {@link #leaves()}. Returns null
   * when the value is undefined. Both layers and the oracle call this, so division rules live once.
   */
  static Double combine(Aggregation agg, double[] leafValues) {
    return combine(agg, leafValues, new int[] {0});
  }

  private static Double combine(Aggregation agg, double[] values, int[] next) {
    if (agg instanceof Leaf) {
      return values[next[0]++];
    }
    Ratio r = (Ratio) agg;
    Double num = combine(r.numerator(), values, next);
    Double den = combine(r.denominator(), values, next);
    if (num == null || den == null || den == 0.0) {
      return null;
    }
    return num / den;
  }
}
