package io.ubi.launcher.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * A synthetic population as {@link SyntheticBronze} reads it: every envelope of one actor's local
 * day, a pure function of the actor's index and the day. Implementations are small serialisable
 * values (a seed and a few sizes), so Spark's executors rebuild each actor's days themselves
 * instead of being shipped the events.
 *
 * <p>Each event must belong to exactly one of its actor's days, and a day's events must lie within
 * a day of that date in UTC on either side: the writer generates the days around each span it
 * writes and keeps the events that happened in it.
 */
public interface ActorDays extends Serializable {
  /** How many actors there are; they are indexed from 0. */
  int actors();

  /** The envelopes of actor {@code index} on its local day {@code day}, in any order. */
  List<ObjectNode> envelopes(int index, LocalDate day);
}
