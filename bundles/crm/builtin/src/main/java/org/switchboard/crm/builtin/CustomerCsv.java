package org.switchboard.crm.builtin;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerDraft;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;
import org.switchboard.crm.api.ImportReport;

/**
 * Customers as CSV (Apache Commons CSV, RFC 4180): columns {@code name, tier, priority, tags,
 * phone, email, chat, social}, several values in a cell separated by {@code |}. Import applies row
 * by row; a refused row is reported with its line and changes nothing.
 */
final class CustomerCsv {
  static final List<String> COLUMNS =
      List.of("name", "tier", "priority", "tags", "phone", "email", "chat", "social");

  /** Rows at most in one import (a file of more is refused at that row). */
  static final int MAX_ROWS = 1_000_000;

  private static final CSVFormat READ =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .setMaxRows(MAX_ROWS)
          .get();

  private final CustomerService crm;

  CustomerCsv(CustomerService crm) {
    this.crm = crm;
  }

  ImportReport importFrom(Reader in) throws IOException {
    int created = 0;
    int updated = 0;
    int refused = 0;
    List<ImportReport.Failure> failed = new ArrayList<>();
    try (CSVParser parser = READ.parse(in)) {
      checkHeader(parser.getHeaderNames());
      for (CSVRecord row : parser) {
        try {
          if (apply(row)) {
            created++;
          } else {
            updated++;
          }
        } catch (SwitchboardException e) {
          refused++;
          if (failed.size() < ImportReport.MAX_LISTED) {
            failed.add(new ImportReport.Failure(line(row), e.getMessage()));
          }
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new ValidationException(
          "csv", "the file is not valid CSV: " + e.getCause().getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ValidationException("csv", "the file is not valid CSV: " + e.getMessage());
    }
    return new ImportReport(created, updated, refused, failed);
  }

  /** Writes the customers, with the header first when {@code header}. */
  void write(List<Customer> customers, Appendable out, boolean header) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
    if (header) {
      printer.printRecord(COLUMNS);
    }
    for (Customer x : customers) {
      Map<IdentityKind, List<String>> byKind = new EnumMap<>(IdentityKind.class);
      x.identities()
          .forEach(i -> byKind.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(i.value()));
      printer.printRecord(
          inert(x.name()),
          x.tier(),
          x.priority(),
          String.join("|", new java.util.TreeSet<>(x.tags())),
          joined(byKind, IdentityKind.PHONE),
          joined(byKind, IdentityKind.EMAIL),
          joined(byKind, IdentityKind.CHAT),
          joined(byKind, IdentityKind.SOCIAL));
    }
    printer.flush();
  }

  /** Creates or updates the customer of one row; true when created. */
  private boolean apply(CSVRecord row) {
    if (!row.isConsistent()) {
      throw new ValidationException(
          "csv",
          "the row has "
              + row.size()
              + " cells, the header "
              + row.getParser().getHeaderNames().size());
    }
    List<Identity> ids = new ArrayList<>();
    for (IdentityKind kind : IdentityKind.values()) {
      for (String v : values(row, kind.id())) {
        ids.add(crm.normalize(kind, v));
      }
    }
    String priority = cell(row, "priority");
    CustomerDraft draft;
    try {
      draft =
          new CustomerDraft(
              cell(row, "name"),
              blankToNull(cell(row, "tier")),
              priority.isEmpty() ? 0 : Integer.parseInt(priority),
              Set.copyOf(values(row, "tags")),
              Map.of(),
              ids);
    } catch (NumberFormatException e) {
      throw new ValidationException("priority", "'" + priority + "' is not a number");
    }
    return CustomerUpsert.apply(crm, draft);
  }

  private static void checkHeader(List<String> header) {
    Map<String, Integer> seen = new HashMap<>();
    for (String h : header) {
      String name = h.strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        throw new ValidationException(
            "csv", "unknown column '" + h + "'; the columns are " + COLUMNS);
      }
      seen.merge(name, 1, Integer::sum);
    }
    if (!seen.containsKey("name")) {
      throw new ValidationException("csv", "the header has no 'name' column");
    }
  }

  private static String cell(CSVRecord row, String column) {
    for (Map.Entry<String, String> e : row.toMap().entrySet()) {
      if (e.getKey().strip().equalsIgnoreCase(column)) {
        return e.getValue() == null ? "" : restored(e.getValue().strip());
      }
    }
    return "";
  }

  /**
   * A name a spreadsheet would run as a formula ({@code =HYPERLINK(...)}, {@code @SUM(...)}) gets a
   * leading apostrophe in the export; phone numbers ({@code +49...}) are left as they are.
   */
  static String inert(String text) {
    if (text.isEmpty()) {
      return text;
    }
    char c = text.charAt(0);
    boolean formula =
        c == '='
            || c == '@'
            || c == '\t'
            || c == '\r'
            || ((c == '+' || c == '-')
                && (text.length() == 1 || !Character.isDigit(text.charAt(1))));
    return formula ? "'" + text : text;
  }

  /** What {@link #inert} changed, back as it was. */
  static String restored(String cell) {
    return cell.length() > 1
            && cell.charAt(0) == '\''
            && !inert(cell.substring(1)).equals(cell.substring(1))
        ? cell.substring(1)
        : cell;
  }

  private static List<String> values(CSVRecord row, String column) {
    String c = cell(row, column);
    return c.isEmpty()
        ? List.of()
        : Arrays.stream(c.split("\\|")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  private static String joined(Map<IdentityKind, List<String>> byKind, IdentityKind kind) {
    return String.join("|", byKind.getOrDefault(kind, List.of()));
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static long line(CSVRecord row) {
    return row.getRecordNumber() + 1; // the header is line 1 (cells with line breaks aside)
  }
}
