package org.switchboard.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportResult.Column;
import org.switchboard.reports.api.ReportResult.Kind;

/** The export formats: CSV for scripts and spreadsheets, XLSX for Excel; both inert. */
class ReportExportTest {
  private static final ReportResult RESULT =
      new ReportResult(
          "Queue interval report",
          List.of(
              new Column("queue", "Queue", Kind.TEXT),
              new Column("offered", "Offered", Kind.COUNT),
              new Column("serviceLevel", "Service level", Kind.RATIO),
              new Column("averageSpeedOfAnswer", "ASA (s)", Kind.SECONDS)),
          List.of(
              Arrays.asList("客服", 12L, 0.75, 14.25),
              Arrays.asList("=HYPERLINK(\"http://evil\")", 0L, null, null)),
          Map.of("serviceLevel", "answered within 20 s / (answered + abandoned)"));

  private final ReportCatalog catalog = new ReportCatalog(null);

  @Test
  void csvHasABomTheHeaderTheRowsAndTheFormulasAndNoLiveFormula() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    catalog.export(RESULT, "csv", out);
    String csv = out.toString(StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\ufeffQueue,Offered,Service level,ASA (s)\r\n");
    assertThat(csv).contains("客服,12,0.750,14.250\r\n");
    assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\",0,,\r\n");
    assertThat(csv).contains("serviceLevel,answered within 20 s");
  }

  @Test
  void xlsxIsAWorkbookWithTypedCellsAndTheFormulaAsText() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    catalog.export(RESULT, "XLSX", out);
    Map<String, String> parts = unzip(out.toByteArray());
    assertThat(parts)
        .containsKeys("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml");
    String sheet = parts.get("xl/worksheets/sheet1.xml");
    String strings = parts.getOrDefault("xl/sharedStrings.xml", "") + sheet;
    // fastexcel writes non-ASCII as character references: 客服 is &#x5ba2;&#x670d;
    assertThat(strings)
        .contains("&#x5ba2;&#x670d;")
        .contains("Service level")
        .contains("answered within 20 s");
    assertThat(strings).contains("=HYPERLINK(&quot;http://evil&quot;)"); // a shared string, text
    assertThat(sheet).contains("<v>12</v>").contains("<v>0.75</v>");
    assertThat(sheet).doesNotContain("<f>"); // no cell is a formula
    assertThat(parts.get("xl/styles.xml")).contains("0.0%");
  }

  @Test
  void anotherFormatIsRefused() {
    assertThatThrownBy(() -> catalog.export(RESULT, "pdf", new ByteArrayOutputStream()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("[csv, xlsx]");
  }

  /** Reads the parts by the central directory, as spreadsheet programs do. */
  private static Map<String, String> unzip(byte[] zip) throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx");
    try {
      java.nio.file.Files.write(file, zip);
      Map<String, String> parts = new HashMap<>();
      try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
        for (ZipEntry e : java.util.Collections.list(z.entries())) {
          parts.put(
              e.getName(), new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return parts;
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
