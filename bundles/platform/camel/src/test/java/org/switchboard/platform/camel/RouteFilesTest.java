package org.switchboard.platform.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFilesTest {
  @TempDir Path dir;
  private DefaultCamelContext camel;
  private RouteFiles files;
  private final List<String> loaded = new ArrayList<>();
  private long tick = System.currentTimeMillis();

  @BeforeEach
  void start() {
    camel = new DefaultCamelContext();
    camel.start();
    files =
        new RouteFiles(
            camel, dir, "Test", (file, routes) -> loaded.add(file.getFileName().toString()));
  }

  @AfterEach
  void stop() throws IOException {
    files.close();
    camel.close();
  }

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    tick += 10_000; // a new stamp even within the file system's time resolution
    Files.setLastModifiedTime(file, FileTime.fromMillis(tick));
  }

  private static String route(String id, String from, String reply) {
    return "- route:\n    id: "
        + id
        + "\n    from:\n      uri: "
        + from
        + "\n      steps:\n"
        + "        - setBody:\n            constant: "
        + reply
        + "\n";
  }

  private String call(String uri) {
    try (ProducerTemplate p = camel.createProducerTemplate()) {
      return p.requestBody(uri, "", String.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private RouteFile state(String name) {
    return files.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void filesAreLoadedChangedAndRemoved() throws IOException {
    write("a.camel.yaml", route("a", "direct:a", "one"));
    write("ignored.yaml", route("b", "direct:b", "never"));
    assertTrue(files.scan());
    assertEquals("one", call("direct:a"));
    assertEquals(List.of("a.camel.yaml"), loaded);
    assertFalse(files.scan(), "nothing changed");

    write("a.camel.yaml", route("a", "direct:a", "two"));
    assertTrue(files.scan());
    assertEquals("two", call("direct:a"));
    assertEquals(List.of("a"), state("a.camel.yaml").routeIds());
    assertTrue(state("a.camel.yaml").loaded());

    Files.delete(dir.resolve("a.camel.yaml"));
    assertTrue(files.scan());
    assertNull(camel.getRoute("a"));
    assertEquals(List.of(), files.files());
  }

  @Test
  void aBrokenChangeIsRefusedAndThePreviousContentKeepsServing() throws IOException {
    write("a.camel.yaml", route("a", "direct:a", "one"));
    files.scan();

    write("a.camel.yaml", "- route: [not yaml");
    files.scan();
    assertEquals("one", call("direct:a"));
    RouteFile refused = state("a.camel.yaml");
    assertFalse(refused.loaded());
    assertEquals(List.of("a"), refused.routeIds());
    assertTrue(refused.error().contains("a.camel.yaml"), refused.error());

    write("a.camel.yaml", route("a", "nosuchcomponent:x", "one"));
    files.scan();
    assertTrue(
        state("a.camel.yaml").error().contains("nosuchcomponent"), state("a.camel.yaml").error());
    assertEquals("one", call("direct:a"), "the previous routes were put back");
  }

  @Test
  void routeIdsMustBeGivenAndUnique() throws IOException {
    write("a.camel.yaml", route("a", "direct:a", "one"));
    write("b.camel.yaml", route("a", "direct:b", "two"));
    write("c.camel.yaml", route("c", "direct:c1", "x") + route("c", "direct:c2", "y"));
    write(
        "d.camel.yaml",
        "- route:\n    from:\n      uri: direct:d\n      steps:\n        - log: d\n");
    files.scan();
    assertEquals("one", call("direct:a"));
    assertTrue(state("b.camel.yaml").error().contains("already used by another file"));
    assertTrue(state("c.camel.yaml").error().contains("appear twice"));
    assertTrue(state("d.camel.yaml").error().contains("needs an id"));
    assertEquals(List.of("a"), camel.getRoutes().stream().map(r -> r.getRouteId()).toList());
  }

  @Test
  void routeTemplatesAndTemplatedRoutesLoad() throws IOException {
    write(
        "t.camel.yaml",
        String.join(
            "\n",
            "- routeTemplate:",
            "    id: greeter",
            "    parameters:",
            "      - name: name",
            "      - name: greeting",
            "    from:",
            "      uri: direct:{{name}}",
            "      steps:",
            "        - setBody:",
            "            constant: \"{{greeting}}\"",
            "- templatedRoute:",
            "    routeTemplateRef: greeter",
            "    routeId: hello",
            "    parameters:",
            "      - name: name",
            "        value: hello",
            "      - name: greeting",
            "        value: Hello!",
            ""));
    files.scan();
    assertTrue(state("t.camel.yaml").loaded(), String.valueOf(state("t.camel.yaml").error()));
    assertEquals("Hello!", call("direct:hello"));
    Files.delete(dir.resolve("t.camel.yaml"));
    files.scan();
    assertNull(camel.getRoute("hello"));
  }
}
