package io.ubi.model.config;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A tenant's working hours, used by the after-hours features. Anything on a non-working day, or
 * outside {@code [startHour, endHour)} local time on a working day, is after hours.
 */
public record WorkingHours(ZoneId timeZone, int startHour, int endHour, Set<DayOfWeek> workdays)
    implements Serializable {
  public WorkingHours {
    workdays = Set.copyOf(workdays);
  }

  public boolean isAfterHours(Instant at) {
    ZonedDateTime local = at.atZone(timeZone);
    if (!workdays.contains(local.getDayOfWeek())) {
      return true;
    }
    int hour = local.getHour();
    return hour < startHour || hour >= endHour;
  }
}
