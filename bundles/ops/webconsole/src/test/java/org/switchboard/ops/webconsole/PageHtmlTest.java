package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every page's HTML must hold to: unique element ids, nothing parsed as HTML from data, and
 * the shared script loaded before the page's own.
 */
class PageHtmlTest {
  /** Each page and the label it is served under. */
  private static final Map<String, String> PAGES =
      Map.of(
          "page.html", SwitchboardConsolePlugin.LABEL,
          "queues.html", QueuesConsolePlugin.LABEL,
          "agents.html", AgentsConsolePlugin.LABEL,
          "users.html", UsersConsolePlugin.LABEL,
          "flows.html", FlowsConsolePlugin.LABEL,
          "plugins.html", PluginsConsolePlugin.LABEL,
          "recordings.html", RecordingsConsolePlugin.LABEL,
          "reports.html", ReportsConsolePlugin.LABEL);

  private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

  private static String resource(String name) throws IOException {
    try (InputStream in = SwitchboardPage.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyIdIsUsedOnceInItsPage() throws IOException {
    for (String page : PAGES.keySet()) {
      List<String> ids = new ArrayList<>();
      Matcher m = ID.matcher(resource(page));
      while (m.find()) {
        ids.add(m.group(1));
      }
      assertThat(ids).as(page).doesNotHaveDuplicates().isNotEmpty();
    }
  }

  @Test
  void noPageWritesMarkupFromData() throws IOException {
    List<String> files = new ArrayList<>(PAGES.keySet());
    files.add(SwitchboardPage.SCRIPT);
    for (String file : files) {
      assertThat(resource(file))
          .as(file)
          .doesNotContain("innerHTML")
          .doesNotContain("outerHTML")
          .doesNotContain("insertAdjacentHTML")
          .doesNotContain("document.write");
    }
  }

  @Test
  void everyPageLoadsTheSharedScriptFirstFromItsOwnLabel() throws IOException {
    for (Map.Entry<String, String> page : PAGES.entrySet()) {
      String html = resource(page.getKey());
      String shared = "<script src=\"" + page.getValue() + "/res/" + SwitchboardPage.SCRIPT + "\">";
      assertThat(html).as(page.getKey()).startsWith(shared + "</script>\n");
      assertThat(html.indexOf("<script>")).as(page.getKey()).isGreaterThan(shared.length());
      assertThat(html.substring(html.indexOf("<script>")))
          .as(page.getKey())
          .contains("SwitchboardConsole");
    }
  }

  @Test
  void theSharedScriptDefinesSwitchboardConsole() throws IOException {
    assertThat(resource(SwitchboardPage.SCRIPT))
        .contains("window.SwitchboardConsole = ")
        .contains("'" + SwitchboardPage.CSRF_HEADER + "'");
  }
}
