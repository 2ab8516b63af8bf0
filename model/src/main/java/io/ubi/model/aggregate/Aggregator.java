package io.ubi.model.aggregate;

import java.io.Serializable;

/**
 * A mergeable aggregation over events, engine-free: the speed layer, the nightly job and the naive
 * evaluator all run these same methods.
 *
 * <p>The laws, checked for every aggregator by {@code AggregatorLawsTest}: {@code merge(zero(), s)
 * == s}; {@code merge} is commutative and associative; {@code merge(fold(a), fold(b)) == fold(a ++
 * b)}; {@code load(store(s)) == s}. {@code update} and {@code merge} may change and return their
 * first argument (as Chronon's do), so callers use what they return.
 *
 * @param <S> the in-memory state
 */
public interface Aggregator<S> extends Serializable {
  /** Which events this aggregator reads; the others leave the state as it is. */
  EventFilter filter();

  /** The shape of {@link #store}'s result. */
  StateSchema stateSchema();

  S zero();

  /** Adds one event that passed the {@link #filter}. */
  S update(S state, EventView event);

  /** The state of both event sets; they are disjoint, or the aggregator is idempotent. */
  S merge(S a, S b);

  /** The value of the events folded so far, or null when it is undefined (e.g. no minimum). */
  Double finish(S state);

  StateValue store(S state);

  S load(StateValue stored);

  /** {@link #update} if the event passes the filter. */
  default S add(S state, EventView event) {
    return filter().matches(event) ? update(state, event) : state;
  }

  /** Folds events into a fresh state. */
  default S fold(Iterable<EventView> events) {
    S state = zero();
    for (EventView e : events) {
      state = add(state, e);
    }
    return state;
  }

  /** Merges two stored states into a stored state. */
  default StateValue mergeStored(StateValue a, StateValue b) {
    return store(merge(load(a), load(b)));
  }
}
