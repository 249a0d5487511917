package org.switchboard.flow.impl.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named calendar: weekly opening hours in a time zone, and holidays (closed all day).
 *
 * @param zone the time zone the hours are written in
 * @param weekly opening ranges per day; a missing day is closed
 * @param holidays dates on which it is closed regardless of the weekly hours
 */
public record OpeningHours(
    ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays) {
  public OpeningHours {
    weekly = Map.copyOf(weekly);
    holidays = Set.copyOf(holidays);
  }

  /** Whether the calendar is open at an instant. */
  public boolean isOpen(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    if (holidays.contains(local.toLocalDate())) {
      return false;
    }
    return weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream()
        .anyMatch(r -> r.contains(local.toLocalTime()));
  }
}
