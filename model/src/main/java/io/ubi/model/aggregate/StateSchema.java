package io.ubi.model.aggregate;

import java.io.Serializable;
import java.util.List;

/**
 * The declared shape of an aggregator's stored state: which {@link StateValue} slots it fills, how
 * many values each holds, and what they mean. The docs' feature page prints it, and {@link #check}
 * guards every load of a stored state.
 *
 * @param slots one entry per used slot
 */
public record StateSchema(List<Slot> slots) implements Serializable {
  /** A {@link StateValue} slot. */
  public enum Kind {
    LONGS,
    DOUBLES,
    STRINGS,
    BYTES
  }

  /**
   * @param size the exact number of values, or -1 when it varies (bounded by {@code bound})
   * @param bound the most values the slot holds, for a varying size
   */
  public record Slot(Kind kind, int size, int bound, String meaning) implements Serializable {}

  public StateSchema {
    slots = List.copyOf(slots);
  }

  public static StateSchema of(Slot... slots) {
    return new StateSchema(List.of(slots));
  }

  public static Slot fixed(Kind kind, int size, String meaning) {
    return new Slot(kind, size, size, meaning);
  }

  public static Slot varying(Kind kind, int bound, String meaning) {
    return new Slot(kind, -1, bound, meaning);
  }

  /** Throws if {@code value} does not have this shape (a state of another aggregator). */
  public StateValue check(StateValue value) {
    for (Kind kind : Kind.values()) {
      Slot slot = slots.stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
      int n = length(value, kind);
      boolean fits =
          slot == null ? n == 0 : slot.size() >= 0 ? n == slot.size() : n <= slot.bound();
      if (!fits) {
        throw new IllegalArgumentException(
            "Invalid aggregator state: "
                + kind
                + " holds "
                + n
                + " value(s), expected "
                + (slot == null
                    ? "none"
                    : slot.size() >= 0 ? slot.size() : "at most " + slot.bound())
                + " ("
                + this
                + ")");
      }
    }
    return value;
  }

  private static int length(StateValue v, Kind kind) {
    return switch (kind) {
      case LONGS -> v.longs().length;
      case DOUBLES -> v.doubles().length;
      case STRINGS -> v.strings().length;
      case BYTES -> v.bytes().length;
    };
  }
}
