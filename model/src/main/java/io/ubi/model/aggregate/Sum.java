package io.ubi.model.aggregate;

import static io.ubi.model.aggregate.StateSchema.fixed;

/**
 * Sum of a numeric attribute over matching events (e.g. {@code tool_calls}); events without a
 * numeric value add nothing. Kept in integer millionths, so that merging in any order gives the
 * same sum to the last digit, which floating-point addition would not.
 */
public record Sum(EventFilter filter, String attribute) implements LongAggregator {
  private static final double SCALE = 1_000_000d;

  /** The largest attribute value added: a trillion, far beyond any count or duration. */
  private static final double MAX_VALUE = 1e12;

  private static final StateSchema SCHEMA =
      StateSchema.of(fixed(StateSchema.Kind.LONGS, 1, "sum, in millionths"));

  @Override
  public StateSchema stateSchema() {
    return SCHEMA;
  }

  @Override
  public long[] update(long[] state, EventView event) {
    Double v = event.number(attribute);
    // A value beyond what millionths can hold is not a measurement; one such event must not
    // fail every run that reads it.
    if (v != null && Math.abs(v) <= MAX_VALUE) {
      state[0] = saturated(state[0], Math.round(v * SCALE));
    }
    return state;
  }

  @Override
  public long[] merge(long[] a, long[] b) {
    a[0] = saturated(a[0], b[0]);
    return a;
  }

  /** Addition that stops at the long range instead of wrapping or throwing. */
  private static long saturated(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  @Override
  public Double finish(long[] state) {
    return state[0] / SCALE;
  }
}
