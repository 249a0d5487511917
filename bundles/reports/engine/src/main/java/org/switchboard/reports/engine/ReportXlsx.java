package org.switchboard.reports.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.switchboard.reports.api.ReportResult;

/**
 * A report as an Excel workbook (fastexcel, streamed): the title, the header row in bold, the rows
 * with numbers as numbers (ratios formatted as percentages), then the formulas.
 */
final class ReportXlsx {
  private ReportXlsx() {}

  static void write(ReportResult result, OutputStream out) throws IOException {
    Workbook wb = new Workbook(out, "Switchboard", "1.0");
    Worksheet ws = wb.newWorksheet("Report");
    ws.value(0, 0, result.title());
    ws.style(0, 0).bold().set();
    List<ReportResult.Column> columns = result.columns();
    for (int c = 0; c < columns.size(); c++) {
      ws.value(2, c, columns.get(c).label());
      ws.style(2, c).bold().set();
      ws.width(c, Math.max(10, Math.min(40, columns.get(c).label().length() + 2)));
    }
    int r = 3;
    for (List<Object> row : result.rows()) {
      for (int c = 0; c < row.size(); c++) {
        cell(ws, r, c, row.get(c), columns.get(c).kind());
      }
      r++;
    }
    r++;
    for (var f : result.formulas().entrySet()) {
      ws.value(r, 0, f.getKey());
      ws.value(r, 1, f.getValue());
      r++;
    }
    wb.finish();
  }

  private static void cell(Worksheet ws, int r, int c, Object value, ReportResult.Kind kind) {
    if (value == null) {
      return;
    }
    if (value instanceof Number n) {
      ws.value(r, c, n);
      if (kind == ReportResult.Kind.RATIO) {
        ws.style(r, c).format("0.0%").set();
      } else if (kind == ReportResult.Kind.SECONDS) {
        ws.style(r, c).format("0.0").set();
      }
      return;
    }
    // Cells are typed strings: a name starting with "=" stays text, never a formula.
    ws.value(r, c, value.toString());
  }
}
