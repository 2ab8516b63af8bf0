package io.ubi.model.feature;

import io.ubi.model.aggregate.Aggregator;
import io.ubi.model.aggregate.EventView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive evaluation of a feature over one subject's events of one window: each leaf's aggregator
 * folded over a plain list, then combined. Obviously correct, slow, and the oracle the Spark
 * compilation is tested against.
 */
public final class FeatureEvaluator {
  /**
   * A feature's value and its named inputs. {@code value} is null when undefined; {@code supported}
   * is false when the value's support is below the feature's minimum.
   */
  public record Result(Double value, Map<String, Double> inputs, boolean supported) {}

  private FeatureEvaluator() {}

  public static Result evaluate(FeatureDefinition feature, List<EventView> events) {
    List<Expr.Leaf> leaves = feature.value().leaves();
    Double[] values = new Double[leaves.size()];
    Map<String, Double> inputs = new LinkedHashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      values[i] = fold(leaves.get(i).aggregator(), events);
      inputs.put(leaves.get(i).label(), values[i]);
    }
    Double support = Expr.support(feature.value(), values);
    return new Result(
        Expr.combine(feature.value(), values),
        inputs,
        support != null && support >= feature.minSupport());
  }

  private static <S> Double fold(Aggregator<S> aggregator, List<EventView> events) {
    return aggregator.finish(aggregator.fold(events));
  }
}
