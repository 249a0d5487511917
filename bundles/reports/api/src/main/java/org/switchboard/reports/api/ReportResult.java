package org.switchboard.reports.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report's output: a table (columns and rows), and the definitions of the figures in it, so that
 * every number can be checked by hand.
 *
 * @param title what the table shows, with its range
 * @param columns the columns, in order
 * @param rows one value per column each: {@link String}, {@link Number} or null
 * @param formulas each figure's name to how it was computed, in the order given
 */
public record ReportResult(
    String title, List<Column> columns, List<List<Object>> rows, Map<String, String> formulas) {

  /**
   * A column.
   *
   * @param id the key of the column ({@code offered})
   * @param label its header
   * @param kind how values are shown
   */
  public record Column(String id, String label, Kind kind) {}

  /** How a column's values are shown. */
  public enum Kind {
    TEXT,
    COUNT,
    /** A fraction 0..1, shown as a percentage; null when undefined (nothing to divide by). */
    RATIO,
    /** Seconds, with decimals; null when undefined. */
    SECONDS
  }

  public ReportResult {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " values for " + columns.size() + " columns");
      }
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = List.copyOf(copy);
    // In the report's order: the definitions read top to bottom like the columns.
    formulas = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(formulas));
  }
}
