package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticFilesTest {
  private final StaticFiles files = new StaticFiles(getClass().getClassLoader(), "web");

  @Test
  void servesTheAppWithItsTypeAndAStableEtag() {
    StaticFiles.File index = files.find("index.html").orElseThrow();
    assertThat(index.contentType()).startsWith("text/html");
    assertThat(new String(index.content(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("<script type=\"module\"");
    assertThat(files.find("index.html").orElseThrow().etag()).isEqualTo(index.etag());
  }

  @Test
  void refusesUnsafeOrUnknownPaths() {
    for (String path :
        new String[] {
          "../web/index.html",
          "/etc/passwd",
          ".hidden",
          "index.html/",
          "a//b.js",
          "x.class",
          "DeskServlet.class",
          "index.htm",
          ""
        }) {
      assertThat(files.find(path)).as(path).isEmpty();
    }
    assertThat(files.find("missing.js")).isEmpty();
    assertThat(files.find("sub/a.js").orElseThrow().contentType()).startsWith("text/javascript");
  }
}
