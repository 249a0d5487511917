package org.switchboard.reports.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.switchboard.reports.api.ReportResult;

/**
 * A report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read Chinese names): the
 * header row of column labels, the rows, then a blank line and the formulas. Ratios are written as
 * fractions (0.8), seconds with three decimals; text that a spreadsheet would run as a formula gets
 * a leading apostrophe.
 */
final class ReportCsv {
  private ReportCsv() {}

  static void write(ReportResult result, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write('\ufeff');
    CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180);
    csv.printRecord(result.columns().stream().map(ReportResult.Column::label).toList());
    for (List<Object> row : result.rows()) {
      List<Object> cells = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        cells.add(cell(row.get(i), result.columns().get(i).kind()));
      }
      csv.printRecord(cells);
    }
    csv.println();
    for (var f : result.formulas().entrySet()) {
      csv.printRecord(inert(f.getKey()), inert(f.getValue()));
    }
    csv.flush();
  }

  private static Object cell(Object value, ReportResult.Kind kind) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number n) {
      return kind == ReportResult.Kind.SECONDS || kind == ReportResult.Kind.RATIO
          ? String.format(java.util.Locale.ROOT, "%.3f", n.doubleValue())
          : n.toString();
    }
    return inert(value.toString());
  }

  /** Text a spreadsheet would evaluate ({@code =}, {@code +}, {@code -}, {@code @}) is quoted. */
  private static String inert(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
