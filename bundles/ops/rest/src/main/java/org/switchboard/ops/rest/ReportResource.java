package org.switchboard.ops.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportService;

/**
 * The reports under {@code /v1/reports}, for supervisors and admins: the installed reports, their
 * parameters, and a run as JSON or as a CSV file. Answers 503 while the reports engine does not
 * run.
 */
@Path("v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Roles({Roles.ADMIN, Roles.SUPERVISOR})
@Component(
    service = ReportResource.class,
    reference =
        @Reference(
            name = "installed",
            service = InstalledPart.class,
            target = InstalledPart.REPORTS),
    property = {
      "osgi.jaxrs.resource=true",
      SwitchboardApplication.SELECT,
      SwitchboardApplication.REQUIRE_AUTH,
      SwitchboardApplication.REQUIRE_JSON
    })
public class ReportResource {
  private final Capability<ReportService> reports = new Capability<>("the reports engine");

  /** For DS, which binds the reports engine whenever it is there. */
  public ReportResource() {}

  ReportResource(ReportService bound) {
    bindReports(bound);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindReports(ReportService bound) {
    reports.bind(bound);
  }

  void unbindReports(ReportService unbound) {
    reports.unbind(unbound);
  }

  /** Every installed report with its parameters. */
  @GET
  public List<ReportDefinition> list() {
    return reports.get().list();
  }

  @GET
  @Path("{id}")
  public ReportDefinition definition(@PathParam("id") String id) {
    return reports.get().definition(id).orElseThrow(() -> new NotFoundException("report", id));
  }

  /**
   * Runs a report with the query's parameters ({@code ?from=...&to=...}); {@code format=csv} or
   * {@code format=xlsx} gives a file to download instead of JSON.
   */
  @GET
  @Path("{id}/run")
  @Produces({
    MediaType.APPLICATION_JSON,
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  })
  public Response run(
      @PathParam("id") String id, @QueryParam("format") String format, @Context UriInfo uri) {
    Map<String, String> parameters = new HashMap<>();
    uri.getQueryParameters()
        .forEach(
            (name, values) -> {
              if (!name.equals("format")) {
                parameters.put(name, values.isEmpty() ? "" : values.get(values.size() - 1));
              }
            });
    ReportService engine = reports.get();
    ReportResult result = engine.run(id, parameters);
    if (format == null || format.isBlank() || format.equals("json")) {
      return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
    }
    // Refuse an unknown format before the first byte is written.
    if (!ReportService.FORMATS.contains(format)) {
      throw new org.switchboard.core.api.ValidationException(
          "format", "must be json or one of " + ReportService.FORMATS + ", got '" + format + "'");
    }
    StreamingOutput file = out -> engine.export(result, format, out);
    String type =
        format.equals("xlsx")
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv; charset=utf-8";
    return Response.ok(file, type)
        .header("Content-Disposition", "attachment; filename=\"" + id + "." + format + "\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
