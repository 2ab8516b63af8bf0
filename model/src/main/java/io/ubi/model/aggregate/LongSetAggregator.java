package io.ubi.model.aggregate;

import java.util.TreeSet;

/**
 * An aggregator whose state is a sorted set of whole numbers (clock hours, minutes): sets merge by
 * union, so any order of merging gives the same state, and store as its {@code longs} slot.
 */
interface LongSetAggregator extends Aggregator<TreeSet<Long>> {
  @Override
  default TreeSet<Long> zero() {
    return new TreeSet<>();
  }

  @Override
  default TreeSet<Long> merge(TreeSet<Long> a, TreeSet<Long> b) {
    a.addAll(b);
    return a;
  }

  @Override
  default StateValue store(TreeSet<Long> state) {
    return StateValue.ofLongs(state.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  default TreeSet<Long> load(StateValue stored) {
    TreeSet<Long> s = new TreeSet<>();
    for (long v : stateSchema().check(stored).longs()) {
      s.add(v);
    }
    return s;
  }
}
