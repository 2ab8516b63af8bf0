package io.ubi.model.feature;

import io.ubi.model.aggregate.Aggregator;
import io.ubi.model.aggregate.StateValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a feature's value is computed, as data: leaves are {@link Aggregator}s over the events of a
 * subject and a window, combined by ratios. Leaves carry a label, so a value can explain its
 * inputs. Both layers compile the leaves into Spark and call {@link #combine}; the naive evaluator
 * folds them over plain lists.
 */
public sealed interface Expr extends Serializable {

  /** The leaves, in order, whose values explain the feature (its calculation details). */
  List<Leaf> leaves();

  /** A value computed directly from events. */
  record Leaf(String label, Aggregator<?> aggregator) implements Expr {
    @Override
    public List<Leaf> leaves() {
      return List.of(this);
    }

    /** The value of a stored state of this leaf's aggregator. */
    public Double finish(StateValue stored) {
      return finishStored(aggregator, stored);
    }

    private static <S> Double finishStored(Aggregator<S> agg, StateValue stored) {
      return agg.finish(agg.load(stored));
    }
  }

  /** numerator / denominator; undefined (no value) when the denominator is zero or undefined. */
  record Ratio(Expr numerator, Expr denominator) implements Expr {
    @Override
    public List<Leaf> leaves() {
      List<Leaf> all = new ArrayList<>(numerator.leaves());
      all.addAll(denominator.leaves());
      return all;
    }
  }

  /**
   * Combines leaf values (null where a leaf is undefined) into the value, in the order of {@link
   * #leaves()}. Returns null when the value is undefined.
   */
  static Double combine(Expr expr, Double[] leafValues) {
    return combine(expr, leafValues, new int[] {0});
  }

  /**
   * What {@code expr}'s value rests on: a ratio's denominator (a share of three events says
   * little), compared with the feature's minimum support. A plain value (a count, a sum) is its own
   * evidence, so it is always supported: infinity.
   */
  static Double support(Expr expr, Double[] leafValues) {
    if (expr instanceof Ratio r) {
      int numeratorLeaves = r.numerator().leaves().size();
      Double[] rest = new Double[leafValues.length - numeratorLeaves];
      System.arraycopy(leafValues, numeratorLeaves, rest, 0, rest.length);
      return combine(r.denominator(), rest);
    }
    return Double.POSITIVE_INFINITY;
  }

  private static Double combine(Expr expr, Double[] values, int[] next) {
    if (expr instanceof Leaf) {
      return values[next[0]++];
    }
    Ratio r = (Ratio) expr;
    Double num = combine(r.numerator(), values, next);
    Double den = combine(r.denominator(), values, next);
    if (num == null || den == null || den == 0.0) {
      return null;
    }
    return num / den;
  }
}
