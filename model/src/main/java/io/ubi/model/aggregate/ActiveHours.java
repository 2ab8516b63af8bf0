package io.ubi.model.aggregate;

import static io.ubi.model.aggregate.StateSchema.varying;

import java.util.TreeSet;

/**
 * Number of distinct clock hours with a matching event. The state holds the hours themselves (hours
 * since the epoch, at most 24 a day), not a mask of hours of the day, so that a week's value is the
 * sum of its days' hours and the hours of a late evening stay in their own day.
 */
public record ActiveHours(EventFilter filter) implements LongSetAggregator {
  private static final long HOUR_MS = 3_600_000L;
  private static final StateSchema SCHEMA =
      StateSchema.of(
          varying(
              StateSchema.Kind.LONGS,
              24 * 366,
              "distinct hours since the epoch, sorted (at most 24 a day)"));

  @Override
  public StateSchema stateSchema() {
    return SCHEMA;
  }

  @Override
  public TreeSet<Long> update(TreeSet<Long> state, EventView event) {
    state.add(Math.floorDiv(event.epochMillis(), HOUR_MS));
    return state;
  }

  @Override
  public Double finish(TreeSet<Long> state) {
    return (double) state.size();
  }
}
