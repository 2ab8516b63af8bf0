package io.ubi.model.config;

import io.ubi.model.aggregate.EventView;
import io.ubi.model.contract.EventAttributes;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's time: its time zone, whose dates are the days features are computed for, its working
 * hours, and its calendar: the weekdays it works and the public holidays it does not. Anything on a
 * non-working day, or outside {@code [startHour, endHour)} local time on a working day, is after
 * hours; local to the actor when an event carries the actor's own time zone, else to the tenant.
 * Only working days are scored against baselines ({@link #isWorkingDay}).
 */
public record WorkingHours(
    ZoneId timeZone, int startHour, int endHour, Set<DayOfWeek> workdays, Set<LocalDate> holidays)
    implements Serializable {
  public WorkingHours {
    workdays = Set.copyOf(workdays);
    holidays = Set.copyOf(holidays);
  }

  /** Hours without a holiday calendar. */
  public WorkingHours(ZoneId timeZone, int startHour, int endHour, Set<DayOfWeek> workdays) {
    this(timeZone, startHour, endHour, workdays, Set.of());
  }

  /** A day of the tenant's calendar that is worked: a workday and not a public holiday. */
  public boolean isWorkingDay(LocalDate day) {
    return workdays.contains(day.getDayOfWeek()) && !holidays.contains(day);
  }

  /** The tenant's day an instant falls in: the {@code dt} of every feature, baseline and signal. */
  public LocalDate localDay(Instant at) {
    return at.atZone(timeZone).toLocalDate();
  }

  public boolean isAfterHours(Instant at) {
    return isAfterHours(at, timeZone);
  }

  public boolean isAfterHours(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    if (!isWorkingDay(local.toLocalDate())) {
      return true;
    }
    int hour = local.getHour();
    return hour < startHour || hour >= endHour;
  }

  /**
   * One event as aggregators see it: placed in the actor's own time zone when its attributes carry
   * one, else the tenant's. The one place both layers and the test oracle make views.
   */
  public EventView view(String eventType, Instant at, Map<String, String> attributes) {
    ZoneId zone = EventAttributes.timeZone(attributes).orElse(timeZone);
    boolean workday = isWorkingDay(at.atZone(zone).toLocalDate());
    return new EventView(
        eventType, at.toEpochMilli(), isAfterHours(at, zone), !workday, attributes);
  }
}
