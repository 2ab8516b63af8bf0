package io.ubi.model.aggregate;

import static io.ubi.model.aggregate.StateSchema.fixed;

/**
 * The smallest or largest value of a numeric attribute over matching events; undefined (null) when
 * no matching event carried one.
 */
public record Extreme(EventFilter filter, String attribute, boolean largest)
    implements Aggregator<double[]> {
  private static final StateSchema SCHEMA =
      StateSchema.of(
          fixed(StateSchema.Kind.DOUBLES, 2, "values seen (0 or 1), then the extreme value"));

  public static Extreme min(EventFilter filter, String attribute) {
    return new Extreme(filter, attribute, false);
  }

  public static Extreme max(EventFilter filter, String attribute) {
    return new Extreme(filter, attribute, true);
  }

  @Override
  public StateSchema stateSchema() {
    return SCHEMA;
  }

  @Override
  public double[] zero() {
    return new double[2];
  }

  @Override
  public double[] update(double[] state, EventView event) {
    Double v = event.number(attribute);
    // + 0.0 turns -0.0 into 0.0, so the order events come in cannot pick one or the other.
    return v == null ? state : merge(state, new double[] {1, v + 0.0});
  }

  @Override
  public double[] merge(double[] a, double[] b) {
    if (b[0] == 0) {
      return a;
    }
    if (a[0] == 0 || (largest ? b[1] > a[1] : b[1] < a[1])) {
      a[0] = 1;
      a[1] = b[1];
    }
    return a;
  }

  @Override
  public Double finish(double[] state) {
    return state[0] == 0 ? null : state[1];
  }

  @Override
  public StateValue store(double[] state) {
    return StateValue.ofDoubles(state[0], state[1]);
  }

  @Override
  public double[] load(StateValue stored) {
    return SCHEMA.check(stored).doubles().clone();
  }
}
