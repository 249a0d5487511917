package org.switchboard.reports.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A report, as a bundle provides it: registered as an OSGi service, it is listed, run and exported
 * through the REST API, the shell and the console while its bundle runs. A report computes its rows
 * from {@link ReportData} only, so it holds no state and can be updated at any time.
 */
@ConsumerType
public interface Report {
  /** What the report is and which parameters it takes. */
  ReportDefinition definition();

  /**
   * Computes the report.
   *
   * @param request the parameter values, already checked against {@link #definition()}
   * @param data the facts to compute from
   * @throws org.switchboard.core.api.ValidationException when the values do not fit together (e.g.
   *     a range ending before it starts)
   */
  ReportResult run(ReportRequest request, ReportData data);
}
