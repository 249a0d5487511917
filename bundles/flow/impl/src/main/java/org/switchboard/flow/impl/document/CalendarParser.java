package org.switchboard.flow.impl.document;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.flow.impl.model.OpeningHours;
import org.switchboard.flow.impl.model.TimeRange;

/**
 * Reads a calendar: {@code timezone}, {@code hours} (day or day range, e.g. {@code mon-fri}, to one
 * or more {@code HH:MM-HH:MM} ranges) and {@code holidays} (ISO dates).
 */
final class CalendarParser {
  private static final Set<String> FIELDS = Set.of("timezone", "hours", "holidays");
  private static final Pattern RANGE =
      Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private CalendarParser() {}

  static OpeningHours parse(Fields calendar) {
    calendar.allowOnly(FIELDS, "a calendar");
    ZoneId zone = zone(calendar);
    Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    Fields.of(
            calendar.raw("hours"),
            calendar.path("hours"),
            "a mapping of days to hours",
            calendar.problems())
        .ifPresent(hours -> readHours(hours, calendar.raw("hours"), weekly));
    Set<LocalDate> holidays = new HashSet<>();
    List<String> dates = calendar.texts("holidays");
    for (int i = 0; i < dates.size(); i++) {
      try {
        holidays.add(LocalDate.parse(dates.get(i).trim()));
      } catch (DateTimeParseException e) {
        calendar
            .problems()
            .error(
                calendar.path("holidays") + "." + i,
                "'" + dates.get(i) + "' is not a date: write YYYY-MM-DD, e.g. 2025-12-25");
      }
    }
    return new OpeningHours(zone == null ? ZoneId.of("UTC") : zone, weekly, holidays);
  }

  private static ZoneId zone(Fields calendar) {
    String id = calendar.text("timezone", true);
    if (id == null) {
      return null;
    }
    try {
      return ZoneId.of(id.trim());
    } catch (DateTimeException e) {
      calendar
          .problems()
          .error(
              calendar.path("timezone"),
              "unknown time zone '"
                  + id
                  + "': use a region id such as Europe/Berlin or Asia/Shanghai");
      return null;
    }
  }

  private static void readHours(
      Fields hours,
      com.fasterxml.jackson.databind.JsonNode raw,
      Map<DayOfWeek, List<TimeRange>> weekly) {
    raw.fieldNames()
        .forEachRemaining(
            key -> {
              List<DayOfWeek> days = days(key);
              if (days.isEmpty()) {
                hours
                    .problems()
                    .error(
                        hours.path(key),
                        "'"
                            + key
                            + "' is not a day: use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri");
                return;
              }
              List<TimeRange> ranges = ranges(hours, key);
              for (DayOfWeek day : days) {
                if (weekly.containsKey(day)) {
                  hours.problems().error(hours.path(key), day + " is listed twice");
                } else {
                  weekly.put(day, ranges);
                }
              }
            });
  }

  private static List<TimeRange> ranges(Fields hours, String key) {
    List<TimeRange> ranges = new ArrayList<>();
    List<String> texts = hours.texts(key);
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i).trim();
      String path = hours.path(key) + "." + i;
      TimeRange range = range(text);
      if (range == null) {
        hours
            .problems()
            .error(
                path,
                "'"
                    + text
                    + "' is not a time range: write HH:MM-HH:MM, e.g. 08:00-18:00 (end up to 24:00, after the start)");
      } else {
        ranges.add(range);
      }
    }
    return ranges;
  }

  private static TimeRange range(String text) {
    Matcher m = RANGE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    LocalTime start = time(m.group(1), m.group(2), false);
    LocalTime end = time(m.group(3), m.group(4), true);
    if (start == null || end == null || !start.isBefore(end)) {
      return null;
    }
    return new TimeRange(start, end);
  }

  private static LocalTime time(String hour, String minute, boolean end) {
    int h = Integer.parseInt(hour);
    int m = Integer.parseInt(minute);
    if (end && h == 24 && m == 0) {
      return LocalTime.MAX;
    }
    return h < 24 && m < 60 ? LocalTime.of(h, m) : null;
  }

  private static List<DayOfWeek> days(String key) {
    String[] parts = key.trim().toLowerCase(java.util.Locale.ROOT).split("\\s*-\\s*");
    if (parts.length == 1) {
      int day = dayIndex(parts[0]);
      return day < 0 ? List.of() : List.of(DayOfWeek.of(day + 1));
    }
    int from = parts.length == 2 ? dayIndex(parts[0]) : -1;
    int to = parts.length == 2 ? dayIndex(parts[1]) : -1;
    if (from < 0 || to < from) {
      return List.of();
    }
    List<DayOfWeek> days = new ArrayList<>();
    for (int d = from; d <= to; d++) {
      days.add(DayOfWeek.of(d + 1));
    }
    return days;
  }

  private static int dayIndex(String name) {
    for (int i = 0; i < DAYS.size(); i++) {
      if (name.equals(DAYS.get(i))
          || name.equals(DayOfWeek.of(i + 1).name().toLowerCase(java.util.Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }
}
