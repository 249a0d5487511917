package org.switchboard.ui.desktop;

import java.io.IOException;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.switchboard.platform.web.StaticFiles;

/**
 * Serves the agent desktop at {@code /desk/}. Every answer carries a strict Content-Security-Policy
 * (scripts, styles and connections only from this server, no inline code, no framing), so even a
 * message that slipped past the app's text rendering could not run script.
 */
@Component(
    service = Servlet.class,
    property = {
      "osgi.http.whiteboard.servlet.pattern=/desk/*",
      "osgi.http.whiteboard.servlet.name=switchboard-desk"
    })
public class DeskServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The policy sent with every file. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
          + " connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action"
          + " 'self'";

  private final transient StaticFiles files =
      new StaticFiles(DeskServlet.class.getClassLoader(), "web");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
      return;
    }
    Optional<StaticFiles.File> file =
        files.find(path.equals("/") ? "index.html" : path.substring(1));
    securityHeaders(response);
    if (file.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    StaticFiles.File f = file.get();
    response.setHeader("ETag", f.etag());
    response.setHeader("Cache-Control", "no-cache");
    if (f.etag().equals(request.getHeader("If-None-Match"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setContentType(f.contentType());
    response.setContentLength(f.content().length);
    response.getOutputStream().write(f.content());
  }

  static void securityHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
