package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.flow.api.FlowInfo;
import org.switchboard.flow.api.FlowProblem;
import org.switchboard.flow.api.FlowService;
import org.switchboard.flow.api.FlowValidationException;
import org.switchboard.flow.api.FlowVersion;

/**
 * The "Flows" page of the web console ({@code /system/console/switchboard-flows}): the active IVR
 * and bot flows; one flow's source and version history with a rollback to any earlier version;
 * validating and deploying a document typed in or read from a file, with each problem's field and
 * line.
 *
 * <p>Reads {@code flows.json}, {@code flow.json?id=} (the active version and the history) and
 * {@code source.json?id=&version=}; changes are {@code validate.json}, {@code deploy.json} and
 * {@code rollback.json}. A deploy the engine refuses answers 400 with the problems, and the running
 * version stays; a rollback whose old text no longer validates answers 409 with them. Lines and
 * version texts come from the flow engine ({@link FlowProblem#line()}, {@link
 * FlowService#document}).
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + FlowsConsolePlugin.LABEL,
      "felix.webconsole.title=Flows",
      "felix.webconsole.category=Switchboard"
    })
public class FlowsConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard-flows";
  private static final long serialVersionUID = 1L;

  /** A flow id as the engine accepts it. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final transient FlowService flows;

  @Activate
  public FlowsConsolePlugin(@Reference FlowService flows) {
    super(LABEL, "Flows", "flows.html");
    this.flows = flows;
  }

  /**
   * One problem as the page lists it: the line (null when the engine knows none, as for the whole
   * document) and the field.
   */
  record ProblemRow(Integer line, String path, String severity, String message) {}

  /** What validating a document found. */
  record Checked(boolean deployable, long errors, long warnings, List<ProblemRow> problems) {}

  /** A flow's active version (null when its file was removed) and every stored version. */
  record FlowDetail(String id, FlowInfo active, List<FlowVersion> versions) {}

  /**
   * The text of one version; {@code text} is null, and {@code unavailable} says why, when it cannot
   * be read.
   */
  record FlowSource(
      String id, int version, String sha256, boolean active, String text, String unavailable) {}

  /** A deploy that went through; {@code created} is false when the text was the active one. */
  record Deployed(
      FlowInfo flow, boolean created, Integer previousVersion, List<ProblemRow> problems) {}

  /** A rollback that went through: {@code flow} is the new version, with the text of {@code to}. */
  record RolledBack(FlowInfo flow, int to) {}

  @Override
  Map<String, Read> reads() {
    return Map.of(
        "flows", req -> flows.flows(),
        "flow", req -> detail(id(req.getParameter("id"))),
        "source", this::source);
  }

  @Override
  Map<String, Change> changes() {
    return Map.of(
        "validate",
        post -> {
          String document = post.json().path("document").asText("");
          return checked(flows.validate(document));
        },
        "deploy",
        this::deploy,
        "rollback",
        this::rollback);
  }

  private FlowDetail detail(String id) {
    Optional<FlowInfo> active = flows.flow(id);
    List<FlowVersion> versions = flows.history(id);
    if (active.isEmpty() && versions.isEmpty()) {
      throw new NotFoundException("flow", id);
    }
    return new FlowDetail(id, active.orElse(null), versions);
  }

  private FlowSource source(HttpServletRequest req) {
    String id = id(req.getParameter("id"));
    List<FlowVersion> versions = detail(id).versions();
    String asked = req.getParameter("version");
    FlowVersion version =
        (asked == null || asked.isBlank()
                ? versions.stream().filter(FlowVersion::active)
                : versions.stream().filter(v -> String.valueOf(v.version()).equals(asked.trim())))
            .findFirst()
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "flow version",
                        id
                            + (asked == null || asked.isBlank()
                                ? " (active)"
                                : " v" + asked.trim())));
    Optional<String> text = flows.document(id, version.version());
    return new FlowSource(
        id,
        version.version(),
        version.sha256(),
        version.active(),
        text.orElse(null),
        text.isPresent()
            ? null
            : "the flow engine has no readable text for version "
                + version.version()
                + " of flow '"
                + id
                + "' (see its log)");
  }

  private Object deploy(Posted post) throws IOException {
    String id = id(post.text("id").trim());
    String document = post.json().path("document").asText("");
    Optional<FlowInfo> before = flows.flow(id);
    List<FlowProblem> found = flows.validate(document);
    FlowInfo now;
    try {
      now = flows.deploy(id, document);
    } catch (FlowValidationException e) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", "validation");
      body.put(
          "message",
          "flow '"
              + id
              + "' was not deployed: the document has "
              + e.problems().stream().filter(FlowProblem::isError).count()
              + " error(s)"
              + before.map(f -> "; version " + f.version() + " stays active").orElse(""));
      body.put("activeVersion", before.map(FlowInfo::version).orElse(null));
      body.put("problems", rows(e.problems()));
      return new Answer(400, body);
    }
    boolean created = before.isEmpty() || before.get().version() != now.version();
    auditChange(
        post.user(),
        "flow.deploy",
        "id=" + now.id() + " version=" + now.version() + (created ? "" : " unchanged"));
    return new Deployed(now, created, before.map(FlowInfo::version).orElse(null), rows(found));
  }

  private Object rollback(Posted post) throws IOException {
    JsonNode body = post.json();
    String id = id(post.text("id").trim());
    int version = Fields.number(body, "version", 0);
    if (version < 1) {
      throw new ValidationException("version", "say which version to roll back to (from 1)");
    }
    FlowInfo now;
    try {
      now = flows.rollback(id, version);
    } catch (FlowValidationException e) {
      Map<String, Object> refused = new LinkedHashMap<>();
      refused.put("error", "refused");
      refused.put(
          "message",
          "version " + version + " of flow '" + id + "' no longer validates; nothing was changed");
      refused.put("problems", rows(e.problems()));
      return new Answer(409, refused);
    }
    auditChange(
        post.user(),
        "flow.rollback",
        "id=" + now.id() + " version=" + version + " newVersion=" + now.version());
    return new RolledBack(now, version);
  }

  /** Writes a change to the audit log; a seam for tests. */
  void auditChange(String user, String action, String details) {
    audit(user, action, details);
  }

  static Checked checked(List<FlowProblem> problems) {
    long errors = problems.stream().filter(FlowProblem::isError).count();
    return new Checked(errors == 0, errors, problems.size() - errors, rows(problems));
  }

  /** The problems as the page lists them, each with the line the engine found (null when none). */
  static List<ProblemRow> rows(List<FlowProblem> problems) {
    return problems.stream()
        .map(
            p ->
                new ProblemRow(
                    p.line() > 0 ? p.line() : null,
                    p.path(),
                    p.severity() == null ? "ERROR" : p.severity().name(),
                    p.message()))
        .toList();
  }

  private static String id(String id) {
    if (id == null || id.isBlank()) {
      throw new ValidationException("id", "say which flow");
    }
    if (!ID.matcher(id).matches()) {
      throw new ValidationException(
          "id", "'" + id + "' is not a flow id: 1-64 letters, digits, '.', '_' or '-'");
    }
    return id;
  }
}
