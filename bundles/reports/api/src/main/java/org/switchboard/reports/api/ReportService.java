package org.switchboard.reports.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The reports installed now (every {@link Report} service), run on the facts, and their output as
 * files. What the REST API, the shell and the console use.
 */
@ProviderType
public interface ReportService {
  /** The export formats {@link #export} writes. */
  List<String> FORMATS = List.of("csv", "xlsx");

  /** Every installed report, by id. */
  List<ReportDefinition> list();

  /** One report's definition. */
  Optional<ReportDefinition> definition(String id);

  /**
   * Runs a report.
   *
   * @param parameters values by parameter name; missing ones take their default
   * @throws org.switchboard.core.api.NotFoundException when no report has that id
   * @throws org.switchboard.core.api.ValidationException for unknown, missing or bad parameters
   */
  ReportResult run(String id, Map<String, String> parameters);

  /**
   * Writes a result as a file.
   *
   * @param format one of {@link #FORMATS}
   * @throws org.switchboard.core.api.ValidationException for another format
   */
  void export(ReportResult result, String format, OutputStream out) throws IOException;
}
