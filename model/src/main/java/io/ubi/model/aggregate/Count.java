package io.ubi.model.aggregate;

import static io.ubi.model.aggregate.StateSchema.fixed;

/** Number of matching events. */
public record Count(EventFilter filter) implements LongAggregator {
  private static final StateSchema SCHEMA =
      StateSchema.of(fixed(StateSchema.Kind.LONGS, 1, "events counted"));

  @Override
  public StateSchema stateSchema() {
    return SCHEMA;
  }

  @Override
  public long[] update(long[] state, EventView event) {
    state[0]++;
    return state;
  }

  @Override
  public long[] merge(long[] a, long[] b) {
    a[0] += b[0];
    return a;
  }

  @Override
  public Double finish(long[] state) {
    return (double) state[0];
  }
}
