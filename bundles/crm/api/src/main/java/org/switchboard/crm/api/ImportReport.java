package org.switchboard.crm.api;

import java.util.List;

/**
 * What an import did: rows that failed are reported with their line and reason and change nothing;
 * the other rows are applied.
 *
 * @param created customers created
 * @param updated customers found by one of their identities and updated
 * @param failedRows how many rows were refused
 * @param failed the first {@link #MAX_LISTED} rows refused, with their line number in the file (the
 *     header is line 1)
 */
public record ImportReport(int created, int updated, int failedRows, List<Failure> failed) {
  /** Refused rows listed at most; a file that is wrong throughout is not echoed back whole. */
  public static final int MAX_LISTED = 1000;

  public ImportReport {
    failed = List.copyOf(failed.subList(0, Math.min(failed.size(), MAX_LISTED)));
  }

  /** A refused row. */
  public record Failure(long line, String reason) {}
}
