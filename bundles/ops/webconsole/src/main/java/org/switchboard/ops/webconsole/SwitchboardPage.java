package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;

/**
 * What every Switchboard page of the web console shares: its label and title in the "Switchboard"
 * menu, an HTML page from the bundle, JSON resources it reads ({@code GET <label>/<name>.json}),
 * changes it makes ({@code POST <label>/<name>.json}) and the audit log of those changes, and the
 * script all pages share ({@code GET <label>/res/console.js}, see {@link #getResource}).
 *
 * <p>A change must carry the header {@code X-Switchboard-Console: 1}, which a page from another
 * site cannot send; errors answer {@code {"error","message"}} with 400 (bad input), 404 (unknown),
 * 409 (refused by the appliance) or 403 (no header).
 */
abstract class SwitchboardPage extends AbstractWebConsolePlugin {
  private static final long serialVersionUID = 1L;

  static final String CSRF_HEADER = "X-Switchboard-Console";

  /** The script every page loads first: what the pages share, next to their HTML. */
  static final String SCRIPT = "console.js";

  private static final Logger AUDIT = LoggerFactory.getLogger("org.switchboard.audit");
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardPage.class);

  /**
   * In OSGi {@code findAndRegisterModules()} finds no module, so Java time is registered by hand.
   */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** A JSON resource of the page. */
  @FunctionalInterface
  interface Read {
    Object read(HttpServletRequest request) throws IOException;
  }

  /** A change the page makes; what it returns is the answer's body (200, or an {@link Answer}). */
  @FunctionalInterface
  interface Change {
    Object change(Posted post) throws IOException;
  }

  /** An answer with a status other than 200. */
  record Answer(int status, Object body) {}

  /** A change's request: who asks, and the JSON body (read once, when first asked for). */
  static final class Posted {
    private final HttpServletRequest request;
    private final String user;
    private JsonNode body;

    Posted(HttpServletRequest request, String user) {
      this.request = request;
      this.user = user;
    }

    /** The signed-in console user, for the audit log. */
    String user() {
      return user;
    }

    HttpServletRequest request() {
      return request;
    }

    /** The body as JSON; an empty body is a missing node. */
    JsonNode json() throws IOException {
      if (body == null) {
        JsonNode read = JSON.readTree(request.getInputStream());
        body = read == null ? MissingNode.getInstance() : read;
      }
      return body;
    }

    /** A required text field of the body. */
    String text(String field) throws IOException {
      String value = json().path(field).asText("");
      if (value.isBlank()) {
        throw new ValidationException(field, "is required");
      }
      return value;
    }
  }

  private final String label;
  private final String title;
  private final String page;

  /**
   * @param label the page's path under {@code /system/console/}
   * @param title its menu entry
   * @param page the HTML resource next to the class
   */
  SwitchboardPage(String label, String title, String page) {
    this.label = label;
    this.title = title;
    this.page = page;
  }

  @Override
  public String getLabel() {
    return label;
  }

  @Override
  public String getTitle() {
    return title;
  }

  @Override
  public String getCategory() {
    return "Switchboard";
  }

  /**
   * The page's JSON resources by name: {@code "queues"} answers {@code GET <label>/queues.json}.
   */
  Map<String, Read> reads() {
    return Map.of();
  }

  /** The page's changes by name: {@code "create"} answers {@code POST <label>/create.json}. */
  Map<String, Change> changes() {
    return Map.of();
  }

  /**
   * Serves a resource that is not JSON (a download); answers 404 unless a page overrides it.
   *
   * @param name the last path segment without its extension
   * @param extension what follows the last dot
   */
  void download(String name, String extension, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    writeJson(res, 404, error("not-found", "no such resource: " + req.getPathInfo()));
  }

  /**
   * The page's static resources, which the web console serves itself: for a GET it calls this
   * method (found by reflection) with the request's path info, {@code /<label>/res/...}, and sends
   * what the URL holds, with the container's content type for its name. Only the shared script,
   * {@code /<label>/res/console.js}, is one: any other path (another file, {@code ..}) answers
   * {@code null} and goes on to {@link #renderContent}.
   */
  public URL getResource(String path) {
    return ("/" + label + "/res/" + SCRIPT).equals(path)
        ? SwitchboardPage.class.getResource(SCRIPT)
        : null;
  }

  /** Requests for data files (a name with an extension) get no console frame. */
  @Override
  protected boolean isHtmlRequest(HttpServletRequest request) {
    String last = lastSegment(request.getPathInfo());
    return last == null || !last.contains(".");
  }

  @Override
  protected void renderContent(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (isHtmlRequest(req)) {
      writePage(res);
      return;
    }
    String last = lastSegment(req.getPathInfo());
    String name = last.substring(0, last.lastIndexOf('.'));
    String extension = last.substring(last.lastIndexOf('.') + 1);
    Read read = "json".equals(extension) ? reads().get(name) : null;
    try {
      if (read != null) {
        writeJson(res, 200, read.read(req));
      } else {
        download(name, extension, req, res);
      }
    } catch (RuntimeException | JsonProcessingException e) {
      fail(res, e);
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!"1".equals(req.getHeader(CSRF_HEADER))) {
      writeJson(res, 403, error("forbidden", "changes come from the console page"));
      return;
    }
    String last = String.valueOf(lastSegment(req.getPathInfo()));
    Change change =
        last.endsWith(".json") ? changes().get(last.replaceFirst("\\.json$", "")) : null;
    if (change == null) {
      writeJson(res, 404, error("not-found", "no such action: " + req.getPathInfo()));
      return;
    }
    try {
      Object answer = change.change(new Posted(req, ConsoleUser.of(req)));
      if (answer instanceof Answer a) {
        writeJson(res, a.status(), a.body());
      } else {
        writeJson(res, 200, answer);
      }
    } catch (RuntimeException | JsonProcessingException e) {
      fail(res, e);
    }
  }

  /** Maps what went wrong to an answer the page shows; anything unexpected is logged. */
  static void fail(HttpServletResponse res, Exception e) throws IOException {
    if (e instanceof ValidationException) {
      writeJson(res, 400, error("validation", e.getMessage()));
    } else if (e instanceof JsonProcessingException) {
      writeJson(res, 400, error("malformed-json", "the body is not JSON"));
    } else if (e instanceof NotFoundException) {
      writeJson(res, 404, error("not-found", e.getMessage()));
    } else if (e instanceof SwitchboardException) {
      writeJson(res, 409, error("refused", e.getMessage()));
    } else if (e instanceof IllegalArgumentException) {
      writeJson(res, 400, error("invalid", e.getMessage()));
    } else {
      LOG.warn("Console request failed", e);
      writeJson(res, 500, error("failed", String.valueOf(e.getMessage())));
    }
  }

  /** Writes one line to the audit log: {@code user=<user> action=<action> <details>}. */
  static void audit(String user, String action, String details) {
    AUDIT.info("user={} action={} {}", user, action, details);
  }

  static Map<String, String> error(String code, String message) {
    return Map.of("error", code, "message", message == null ? code : message);
  }

  /** Writes the page's HTML. */
  void writePage(HttpServletResponse res) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(page)) {
      res.getWriter().write(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static void writeJson(HttpServletResponse res, int status, Object body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-store");
    JSON.writeValue(res.getOutputStream(), body);
  }

  private static String lastSegment(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return null;
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
