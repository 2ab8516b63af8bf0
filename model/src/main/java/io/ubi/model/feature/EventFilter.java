package io.ubi.model.feature;

import java.io.Serializable;
import java.util.Set;

/**
 * Which events a feature counts: a set of canonical event types (empty means every type), and
 * optionally only those outside the tenant's working hours.
 */
public record EventFilter(Set<String> eventTypes, boolean afterHoursOnly) implements Serializable {
  public EventFilter {
    eventTypes = Set.copyOf(eventTypes);
  }

  public static EventFilter all() {
    return new EventFilter(Set.of(), false);
  }

  public static EventFilter of(String... eventTypes) {
    return new EventFilter(Set.of(eventTypes), false);
  }

  public EventFilter afterHours() {
    return new EventFilter(eventTypes, true);
  }

  public boolean matches(String eventType, boolean afterHours) {
    return (eventTypes.isEmpty() || eventTypes.contains(eventType)) && (!afterHoursOnly || afterHours);
  }
}
