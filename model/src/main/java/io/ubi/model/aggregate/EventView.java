package io.ubi.model.aggregate;

import java.io.Serializable;
import java.util.Map;

/**
 * The slice of one event that aggregators read, already placed in its tenant's time: bronze rows in
 * both layers and plain lists in tests become these.
 *
 * @param eventType canonical event type
 * @param epochMillis when it happened (UTC)
 * @param afterHours outside working hours, in the actor's own time zone when the event carries one,
 *     else the tenant's
 * @param nonWorkingDay on a day that is not a working day, in the same time zone
 * @param attributes the event's pseudonymised, non-personal attributes that aggregators may read
 *     (e.g. {@code work_item}, {@code counterpart}, {@code tool}, {@code tool_calls}), by name
 */
public record EventView(
    String eventType,
    long epochMillis,
    boolean afterHours,
    boolean nonWorkingDay,
    Map<String, String> attributes)
    implements Serializable {
  public EventView {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public static EventView of(String eventType, long epochMillis, boolean afterHours) {
    return new EventView(eventType, epochMillis, afterHours, false, Map.of());
  }

  /** The attribute's text, or null when absent or blank. */
  public String attribute(String name) {
    String v = attributes.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  /** The attribute as a number, or null when absent or not a number. */
  public Double number(String name) {
    String v = attribute(name);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
