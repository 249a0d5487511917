package org.switchboard.flow.impl.model;

import java.time.LocalTime;

/**
 * Opening hours within one day: from {@code start} (inclusive) to {@code end} (exclusive); an end
 * of {@code 24:00} is written as {@link LocalTime#MAX}.
 *
 * @param start when the range opens
 * @param end when it closes, after {@code start}
 */
public record TimeRange(LocalTime start, LocalTime end) {
  /** Whether a time of day falls in this range. */
  public boolean contains(LocalTime time) {
    return !time.isBefore(start) && (end.equals(LocalTime.MAX) || time.isBefore(end));
  }
}
