package io.ubi.model.aggregate;

import static io.ubi.model.aggregate.StateSchema.varying;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Number of distinct values of an attribute over matching events (work items, colleagues, tools).
 * Exact while the set holds at most {@link #EXACT_LIMIT} values, which covers an actor's day; past
 * that a {@link Sketch} of about 3 % error, which is what a team's month can need.
 */
public record DistinctCount(EventFilter filter, String attribute)
    implements Aggregator<DistinctCount.State> {
  public static final int EXACT_LIMIT = 64;
  private static final StateSchema SCHEMA =
      StateSchema.of(
          varying(
              StateSchema.Kind.STRINGS, EXACT_LIMIT, "the distinct values, sorted, while exact"),
          varying(
              StateSchema.Kind.BYTES,
              Sketch.REGISTERS,
              "HyperLogLog registers once past " + EXACT_LIMIT + " values (then no strings)"));

  /** Exact values, or the sketch's registers once there are too many; never both. */
  public static final class State {
    TreeSet<String> values = new TreeSet<>();
    byte[] registers;
  }

  @Override
  public StateSchema stateSchema() {
    return SCHEMA;
  }

  @Override
  public State zero() {
    return new State();
  }

  @Override
  public State update(State state, EventView event) {
    String v = event.attribute(attribute);
    if (v != null) {
      if (state.registers != null) {
        Sketch.add(state.registers, v);
      } else {
        state.values.add(v);
        spillIfLarge(state);
      }
    }
    return state;
  }

  @Override
  public State merge(State a, State b) {
    if (b.registers != null) {
      Sketch.merge(toSketch(a).registers, b.registers);
    } else if (a.registers != null) {
      for (String v : b.values) {
        Sketch.add(a.registers, v);
      }
    } else {
      a.values.addAll(b.values);
      spillIfLarge(a);
    }
    return a;
  }

  @Override
  public Double finish(State state) {
    return state.registers != null
        ? (double) Math.round(Sketch.estimate(state.registers))
        : (double) state.values.size();
  }

  @Override
  public StateValue store(State state) {
    return state.registers != null
        ? new StateValue(null, null, null, state.registers.clone())
        : new StateValue(null, null, state.values.toArray(String[]::new), null);
  }

  @Override
  public State load(StateValue stored) {
    SCHEMA.check(stored);
    State s = new State();
    if (stored.bytes().length > 0) {
      s.registers = stored.bytes().clone();
    } else {
      s.values.addAll(Arrays.asList(stored.strings()));
    }
    return s;
  }

  private static void spillIfLarge(State s) {
    if (s.values.size() > EXACT_LIMIT) {
      toSketch(s);
    }
  }

  private static State toSketch(State s) {
    if (s.registers == null) {
      s.registers = new byte[Sketch.REGISTERS];
      s.values.forEach(v -> Sketch.add(s.registers, v));
      s.values.clear();
    }
    return s;
  }
}
