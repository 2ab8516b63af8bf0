package io.ubi.model.aggregate;

/** An aggregator whose state is one whole number, stored as its single {@code longs} value. */
interface LongAggregator extends Aggregator<long[]> {
  @Override
  default long[] zero() {
    return new long[1];
  }

  @Override
  default StateValue store(long[] state) {
    return StateValue.ofLongs(state[0]);
  }

  @Override
  default long[] load(StateValue stored) {
    return new long[] {stateSchema().check(stored).longs()[0]};
  }
}
