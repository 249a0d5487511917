package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

/**
 * The script the pages share, {@code GET <label>/res/console.js}: the web console's own resource
 * handling (Felix's {@code AbstractWebConsolePlugin.doGet}) serves it through {@link
 * SwitchboardPage#getResource}, and serves nothing else from the bundle.
 */
class ConsoleScriptTest {
  /** What the container was asked the content type of. */
  private final List<String> typed = new ArrayList<>();

  @Test
  void everyPageServesTheScriptUnderItsOwnLabelAsJavaScript() throws Exception {
    String script = script();
    for (SwitchboardPage page :
        List.of(new SwitchboardConsolePlugin(null), new ReportsConsolePlugin(null))) {
      String path = "/" + page.getLabel() + "/res/console.js";
      ConsoleExchange x = get(started(page), path);
      assertThat(x.status).as(path).isEqualTo(200);
      assertThat(x.contentType).as(path).isEqualTo("application/javascript");
      assertThat(x.text()).as(path).isEqualTo(script).contains("window.SwitchboardConsole");
      assertThat(typed).contains(path);
    }
  }

  @Test
  void nothingElseIsServedAsAResource() throws Exception {
    SwitchboardPage page = started(new SwitchboardConsolePlugin(null));
    for (String path :
        List.of(
            "/switchboard/res/other.js",
            "/switchboard/res/../SwitchboardPage.class",
            "/switchboard/res/SwitchboardPage.class",
            "/switchboard/res/page.html",
            "/switchboard/res/Console.js",
            "/switchboard/res//console.js",
            "/switchboard/res/console.js/",
            "/switchboard/console.js",
            "/switchboard-reports/res/console.js")) {
      assertThat(page.getResource(path)).as(path).isNull();
      ConsoleExchange x = get(page, path);
      assertThat(x.status).as(path).isEqualTo(404);
      assertThat(x.contentType).as(path).isEqualTo("application/json");
      assertThat(x.text()).as(path).doesNotContain("SwitchboardConsole").doesNotContain("<div");
    }
    assertThat(page.getResource("/switchboard/res/console.js")).isNotNull();
  }

  private static String script() throws IOException {
    try (InputStream in = SwitchboardPage.class.getResourceAsStream(SwitchboardPage.SCRIPT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The page as the web console starts it, in a container that types files by their names as
   * Karaf's Jetty does ({@code .js}: {@code application/javascript}).
   */
  private SwitchboardPage started(SwitchboardPage page) throws ServletException {
    ServletContext context =
        proxy(
            ServletContext.class,
            (name, args) -> {
              if (!name.equals("getMimeType")) {
                return null;
              }
              typed.add((String) args[0]);
              return ((String) args[0]).endsWith(".js") ? "application/javascript" : null;
            });
    page.init(
        proxy(
            ServletConfig.class,
            (name, args) ->
                switch (name) {
                  case "getServletContext" -> context;
                  case "getServletName" -> page.getLabel();
                  case "getInitParameterNames" -> Collections.emptyEnumeration();
                  default -> null;
                }));
    return page;
  }

  /** A GET through the servlet's front door, as the web console dispatches it to the page. */
  private static ConsoleExchange get(SwitchboardPage page, String path) throws Exception {
    ConsoleExchange x = ConsoleExchange.get(path);
    HttpServletRequest request =
        new HttpServletRequestWrapper(x.request()) {
          @Override
          public long getDateHeader(String name) {
            return -1; // no If-Modified-Since
          }
        };
    page.service(request, x.response());
    return x;
  }

  @FunctionalInterface
  private interface Answer {
    Object answer(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            ConsoleScriptTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> answer.answer(method.getName(), args)));
  }
}
