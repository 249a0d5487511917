package org.switchboard.reports.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportService;

/**
 * The reports installed now: every {@link Report} service, picked up and dropped as report bundles
 * come and go. A report whose id another report already has is ignored (and logged).
 */
@Component(service = ReportService.class)
public class ReportCatalog implements ReportService {
  private static final Logger LOG = LoggerFactory.getLogger(ReportCatalog.class);

  private final ReportData data;
  private final Map<String, Report> reports = new ConcurrentHashMap<>();

  @Activate
  public ReportCatalog(@Reference ReportData data) {
    this.data = data;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addReport(Report report) {
    String id = report.definition().id();
    Report before = reports.putIfAbsent(id, report);
    if (before != null && before != report) {
      LOG.error("Two reports have the id {}: {} is ignored", id, report.getClass().getName());
    }
  }

  void removeReport(Report report) {
    reports.remove(report.definition().id(), report);
  }

  @Override
  public List<ReportDefinition> list() {
    return reports.values().stream()
        .map(Report::definition)
        .sorted(Comparator.comparing(ReportDefinition::id))
        .toList();
  }

  @Override
  public Optional<ReportDefinition> definition(String id) {
    return Optional.ofNullable(reports.get(id)).map(Report::definition);
  }

  @Override
  public ReportResult run(String id, Map<String, String> parameters) {
    Report report = reports.get(id);
    if (report == null) {
      throw new NotFoundException("report", id);
    }
    ReportRequest request = ReportRequest.of(report.definition(), parameters);
    return report.run(request, data);
  }

  @Override
  public void export(ReportResult result, String format, OutputStream out) throws IOException {
    String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
    switch (f) {
      case "csv" -> ReportCsv.write(result, out);
      case "xlsx" -> ReportXlsx.write(result, out);
      default ->
          throw new ValidationException(
              "format", "must be one of " + FORMATS + ", got '" + format + "'");
    }
  }
}
