package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What every page's HTML must hold to: unique element ids, nothing parsed as HTML from data. */
class PageHtmlTest {
  private static final List<String> PAGES =
      List.of(
          "page.html",
          "queues.html",
          "agents.html",
          "users.html",
          "flows.html",
          "plugins.html",
          "recordings.html",
          "reports.html");
  private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

  private static String html(String page) throws IOException {
    try (InputStream in = SwitchboardPage.class.getResourceAsStream(page)) {
      assertThat(in).as(page).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyIdIsUsedOnceInItsPage() throws IOException {
    for (String page : PAGES) {
      List<String> ids = new ArrayList<>();
      Matcher m = ID.matcher(html(page));
      while (m.find()) {
        ids.add(m.group(1));
      }
      assertThat(ids).as(page).doesNotHaveDuplicates().isNotEmpty();
    }
  }

  @Test
  void noPageWritesMarkupFromData() throws IOException {
    for (String page : PAGES) {
      assertThat(html(page))
          .as(page)
          .doesNotContain("innerHTML")
          .doesNotContain("insertAdjacentHTML");
    }
  }
}
