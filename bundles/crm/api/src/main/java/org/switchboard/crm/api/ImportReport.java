package org.switchboard.crm.api;

import java.util.List;

/**
 * What an import did: rows that failed are reported with their line and reason and change nothing;
 * the other rows are applied.
 *
 * @param created customers created
 * @param updated customers found by one of their identities and updated
 * @param failed the rows refused, with their line number in the file (the header is line 1)
 */
public record ImportReport(int created, int updated, List<Failure> failed) {
  public ImportReport {
    failed = List.copyOf(failed);
  }

  /** A refused row. */
  public record Failure(long line, String reason) {}
}
