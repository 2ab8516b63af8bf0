package io.ubi.model.aggregate;

import io.ubi.model.contract.EventTypes;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which events an aggregator reads: a set of canonical event types, or when empty every event the
 * subject did itself (derived events such as a review received are someone else's activity, read
 * only by features that name them); optionally only those outside working hours or on non-working
 * days, and optionally only those whose attributes have the given values (e.g. {@code ai_assisted =
 * true}).
 */
public record EventFilter(
    Set<String> eventTypes,
    boolean afterHoursOnly,
    boolean nonWorkingDayOnly,
    Map<String, String> attributes)
    implements Serializable {
  public EventFilter {
    eventTypes = Set.copyOf(eventTypes);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public static EventFilter all() {
    return new EventFilter(Set.of(), false, false, Map.of());
  }

  public static EventFilter of(String... eventTypes) {
    return new EventFilter(Set.of(eventTypes), false, false, Map.of());
  }

  public EventFilter afterHours() {
    return new EventFilter(eventTypes, true, nonWorkingDayOnly, attributes);
  }

  public EventFilter nonWorkingDay() {
    return new EventFilter(eventTypes, afterHoursOnly, true, attributes);
  }

  public EventFilter where(String attribute, String value) {
    Map<String, String> more = new HashMap<>(attributes);
    more.put(attribute, value);
    return new EventFilter(eventTypes, afterHoursOnly, nonWorkingDayOnly, more);
  }

  public boolean matches(EventView e) {
    if (eventTypes.isEmpty()
        ? EventTypes.isDerived(e.eventType())
        : !eventTypes.contains(e.eventType())) {
      return false;
    }
    if ((afterHoursOnly && !e.afterHours()) || (nonWorkingDayOnly && !e.nonWorkingDay())) {
      return false;
    }
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (!a.getValue().equalsIgnoreCase(String.valueOf(e.attribute(a.getKey())))) {
        return false;
      }
    }
    return true;
  }
}
