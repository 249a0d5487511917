package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;

/**
 * What every Switchboard page of the web console shares: its label and title in the "Switchboard"
 * menu, an HTML page from the bundle, and JSON answers (with Java time: in OSGi {@code
 * findAndRegisterModules()} finds no module, so it is registered by hand).
 */
abstract class SwitchboardPage extends AbstractWebConsolePlugin {
  private static final long serialVersionUID = 1L;

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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

  /** Requests for data files ({@code .json}, {@code .csv}, {@code .xlsx}) get no console frame. */
  @Override
  protected boolean isHtmlRequest(HttpServletRequest request) {
    String path = request.getPathInfo();
    return path == null
        || !(path.endsWith(".json") || path.endsWith(".csv") || path.endsWith(".xlsx"));
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
}
