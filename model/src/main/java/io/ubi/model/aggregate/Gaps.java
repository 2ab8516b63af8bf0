package io.ubi.model.aggregate;

import static io.ubi.model.aggregate.StateSchema.varying;

import java.util.Iterator;
import java.util.TreeSet;

/**
 * Statistics of the time between consecutive matching events, e.g. focus sessions as the time
 * between context switches. The state holds the distinct minutes of the matching events (at most
 * 1,440 a day), so states of any order merge into the same value. A gap longer than {@code
 * idleMinutes} is time away, not a session, and is left out.
 *
 * @param statistic {@code mean} or {@code max} minutes of the sessions, {@code count} of them, or
 *     {@code count_at_least} sessions of {@code minutes} or more
 */
public record Gaps(EventFilter filter, Statistic statistic, int minutes, int idleMinutes)
    implements LongSetAggregator {
  private static final long MINUTE_MS = 60_000L;
  private static final StateSchema SCHEMA =
      StateSchema.of(
          varying(
              StateSchema.Kind.LONGS,
              1440 * 366,
              "distinct minutes since the epoch of the matching events, sorted"));

  /** What {@link #finish} reports of the sessions. */
  public enum Statistic {
    MEAN,
    MAX,
    COUNT,
    COUNT_AT_LEAST
  }

  public Gaps {
    if (idleMinutes <= 0) {
      throw new IllegalArgumentException(
          "Invalid idle_minutes: "
              + idleMinutes
              + "; a gap longer than it is time away, so it must be positive");
    }
  }

  @Override
  public StateSchema stateSchema() {
    return SCHEMA;
  }

  @Override
  public TreeSet<Long> update(TreeSet<Long> state, EventView event) {
    state.add(Math.floorDiv(event.epochMillis(), MINUTE_MS));
    return state;
  }

  /** Undefined (null) for {@code mean} and {@code max} when there is no session. */
  @Override
  public Double finish(TreeSet<Long> state) {
    long sessions = 0;
    long total = 0;
    long longest = 0;
    long atLeast = 0;
    Iterator<Long> it = state.iterator();
    Long previous = it.hasNext() ? it.next() : null;
    while (it.hasNext()) {
      long current = it.next();
      long gap = current - previous;
      previous = current;
      if (gap > idleMinutes) {
        continue;
      }
      sessions++;
      total += gap;
      longest = Math.max(longest, gap);
      if (gap >= minutes) {
        atLeast++;
      }
    }
    return switch (statistic) {
      case MEAN -> sessions == 0 ? null : (double) total / sessions;
      case MAX -> sessions == 0 ? null : (double) longest;
      case COUNT -> (double) sessions;
      case COUNT_AT_LEAST -> (double) atLeast;
    };
  }
}
