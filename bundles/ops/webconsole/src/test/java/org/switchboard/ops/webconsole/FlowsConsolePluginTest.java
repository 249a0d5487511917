package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.flow.api.FlowInfo;
import org.switchboard.flow.api.FlowProblem;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.api.FlowService;
import org.switchboard.flow.api.FlowSession;
import org.switchboard.flow.api.FlowValidationException;
import org.switchboard.flow.api.FlowVersion;

class FlowsConsolePluginTest {

  private static final String HELLO =
      String.join(
          "\n",
          "id: hello",
          "name: Hello world",
          "start: welcome",
          "nodes:",
          "  welcome:",
          "    type: say",
          "    text: Hello, an agent will be with you shortly.",
          "    next: wait",
          "  wait:",
          "    type: queue",
          "    queue: support",
          "");

  private static final String HELLO_V2 = HELLO.replace("Hello world", "Hello again");

  /**
   * Line 6: an unknown node type; line 8: a target that does not exist; line 12: unreachable. The
   * fake engine below says so: the page takes the lines from the engine's problems.
   */
  private static final String BROKEN =
      String.join(
          "\n",
          "id: hello", // 1
          "name: Hello world", // 2
          "start: welcome", // 3
          "nodes:", // 4
          "  welcome:", // 5
          "    type: ask", // 6
          "    text: Hello", // 7
          "    next: wiat", // 8
          "  wait:", // 9
          "    type: queue", // 10
          "    queue: support", // 11
          "  old:", // 12
          "    type: hangup", // 13
          "");

  private FakeFlows flows;
  private FlowsConsolePlugin page;
  private final List<String> audit = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    flows = new FakeFlows();
    flows.deploy("hello", HELLO);
    flows.deploy("chat-bot", HELLO.replace("id: hello", "id: chat-bot"));
    page =
        new FlowsConsolePlugin(flows) {
          private static final long serialVersionUID = 1L;

          @Override
          void auditChange(String user, String action, String details) {
            audit.add("user=" + user + " action=" + action + " " + details);
            super.auditChange(user, action, details);
          }
        };
  }

  @Test
  void listsTheActiveFlows() throws Exception {
    ConsoleExchange reply = get("flows.json", Map.of());

    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.json()).hasSize(2);
    JsonNode first = reply.json().get(0);
    assertThat(first.path("id").asText()).isEqualTo("chat-bot");
    assertThat(reply.json().get(1).path("id").asText()).isEqualTo("hello");
    assertThat(reply.json().get(1).path("name").asText()).isEqualTo("Hello world");
    assertThat(reply.json().get(1).path("version").asInt()).isEqualTo(1);
    assertThat(reply.json().get(1).path("loadedAt").asText()).isEqualTo("2026-01-01T00:00:01Z");
  }

  @Test
  void showsAFlowsHistoryAndSource() throws Exception {
    ConsoleExchange detail = get("flow.json", Map.of("id", "hello"));

    assertThat(detail.status).isEqualTo(200);
    assertThat(detail.json().path("active").path("version").asInt()).isEqualTo(1);
    JsonNode v1 = detail.json().path("versions").get(0);
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("sha256").asText()).isEqualTo(sha256(HELLO));
    assertThat(v1.path("active").asBoolean()).isTrue();
    assertThat(v1.path("createdAt").asText()).isEqualTo("2026-01-01T00:00:01Z");

    ConsoleExchange source = get("source.json", Map.of("id", "hello"));
    assertThat(source.status).isEqualTo(200);
    assertThat(source.json().path("version").asInt()).isEqualTo(1);
    assertThat(source.json().path("text").asText()).isEqualTo(HELLO);
    assertThat(source.json().path("unavailable").isNull()).isTrue();
    assertThat(flows.documentCalls).containsExactly("hello v1");

    assertThat(get("flow.json", Map.of("id", "nope")).status).isEqualTo(404);
    assertThat(get("source.json", Map.of("id", "hello", "version", "9")).status).isEqualTo(404);
    assertThat(get("source.json", Map.of("id", "nope", "version", "1")).status).isEqualTo(404);
    assertThat(get("flow.json", Map.of("id", "../etc")).status).isEqualTo(400);
    assertThat(get("flow.json", Map.of()).status).isEqualTo(400);
  }

  @Test
  void aVersionWhoseTextTheEngineCannotGiveIsListedButNotShown() throws Exception {
    flows.unreadable.add("hello v1");

    ConsoleExchange source = get("source.json", Map.of("id", "hello", "version", "1"));

    assertThat(source.status).isEqualTo(200);
    assertThat(source.json().path("version").asInt()).isEqualTo(1);
    assertThat(source.json().path("text").isNull()).isTrue();
    assertThat(source.json().path("unavailable").asText())
        .contains("no readable text for version 1 of flow 'hello'");
  }

  @Test
  void validateReportsProblemsWithTheirLines() throws Exception {
    ConsoleExchange reply = post("validate.json", Map.of("id", "hello", "document", BROKEN));

    assertThat(reply.status).isEqualTo(200);
    JsonNode checked = reply.json();
    assertThat(checked.path("deployable").asBoolean()).isFalse();
    assertThat(checked.path("errors").asInt()).isEqualTo(2);
    assertThat(checked.path("warnings").asInt()).isEqualTo(1);
    assertThat(problems(checked))
        .containsExactly(
            "6 nodes.welcome.type ERROR", "8 nodes.welcome.next ERROR", "12 nodes.old WARNING");
    assertThat(checked.path("problems").get(0).path("message").asText())
        .contains("unknown node type 'ask'");
    assertThat(audit).isEmpty();
  }

  @Test
  void validateOfAGoodDocumentFindsNothing() throws Exception {
    JsonNode checked = post("validate.json", Map.of("document", HELLO_V2)).json();

    assertThat(checked.path("deployable").asBoolean()).isTrue();
    assertThat(checked.path("problems")).isEmpty();
  }

  @Test
  void validateGivesTheLineOfASyntaxError() throws Exception {
    JsonNode checked =
        post("validate.json", Map.of("document", "id: hello\nnodes: [\n  a: b")).json();

    assertThat(problems(checked)).containsExactly("3 document ERROR");
  }

  @Test
  void aProblemWhoseLineTheEngineDoesNotKnowHasNone() throws Exception {
    JsonNode checked = post("validate.json", Map.of("document", " ")).json();

    assertThat(problems(checked)).containsExactly("null document ERROR");
    assertThat(checked.path("problems").get(0).path("line").isNull()).isTrue();
  }

  @Test
  void deployRefusesAnInvalidDocumentAndTheRunningVersionStays() throws Exception {
    ConsoleExchange reply = post("deploy.json", Map.of("id", "hello", "document", BROKEN));

    assertThat(reply.status).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).isEqualTo("validation");
    assertThat(reply.json().path("message").asText()).contains("version 1 stays active");
    assertThat(reply.json().path("activeVersion").asInt()).isEqualTo(1);
    assertThat(problems(reply.json()))
        .containsExactly(
            "6 nodes.welcome.type ERROR", "8 nodes.welcome.next ERROR", "12 nodes.old WARNING");

    assertThat(flows.flow("hello").orElseThrow().version()).isEqualTo(1);
    assertThat(flows.history("hello")).hasSize(1);
    assertThat(get("source.json", Map.of("id", "hello")).json().path("text").asText())
        .isEqualTo(HELLO);
    assertThat(audit).isEmpty();
  }

  @Test
  void deployOfAValidDocumentCreatesANewVersion() throws Exception {
    ConsoleExchange reply = post("deploy.json", Map.of("id", "hello", "document", HELLO_V2));

    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.json().path("created").asBoolean()).isTrue();
    assertThat(reply.json().path("previousVersion").asInt()).isEqualTo(1);
    assertThat(reply.json().path("flow").path("version").asInt()).isEqualTo(2);
    assertThat(reply.json().path("flow").path("name").asText()).isEqualTo("Hello again");
    assertThat(flows.flow("hello").orElseThrow().version()).isEqualTo(2);

    JsonNode versions = get("flow.json", Map.of("id", "hello")).json().path("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).path("active").asBoolean()).isFalse();
    assertThat(versions.get(1).path("active").asBoolean()).isTrue();
    assertThat(get("source.json", Map.of("id", "hello")).json().path("text").asText())
        .isEqualTo(HELLO_V2);
    assertThat(
            get("source.json", Map.of("id", "hello", "version", "1")).json().path("text").asText())
        .isEqualTo(HELLO);
    assertThat(audit).containsExactly("user=admin action=flow.deploy id=hello version=2");
  }

  @Test
  void deployOfTheActiveTextChangesNothing() throws Exception {
    ConsoleExchange reply = post("deploy.json", Map.of("id", "hello", "document", HELLO));

    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.json().path("created").asBoolean()).isFalse();
    assertThat(reply.json().path("flow").path("version").asInt()).isEqualTo(1);
    assertThat(audit).containsExactly("user=admin action=flow.deploy id=hello version=1 unchanged");
  }

  @Test
  void deployOfANewFlowNeedsAValidId() throws Exception {
    ConsoleExchange created =
        post("deploy.json", Map.of("id", "night", "document", HELLO.replace("id: hello\n", "")));
    assertThat(created.status).isEqualTo(200);
    assertThat(created.json().path("flow").path("version").asInt()).isEqualTo(1);
    assertThat(created.json().path("previousVersion").isNull()).isTrue();

    assertThat(post("deploy.json", Map.of("id", "a/b", "document", HELLO)).status).isEqualTo(400);
    assertThat(post("deploy.json", Map.of("document", HELLO)).status).isEqualTo(400);
    assertThat(audit).containsExactly("user=admin action=flow.deploy id=night version=1");
  }

  @Test
  void rollbackActivatesAnOldTextAsANewVersion() throws Exception {
    post("deploy.json", Map.of("id", "hello", "document", HELLO_V2));

    ConsoleExchange reply = post("rollback.json", Map.of("id", "hello", "version", 1));

    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.json().path("to").asInt()).isEqualTo(1);
    assertThat(reply.json().path("flow").path("version").asInt()).isEqualTo(3);
    assertThat(flows.flow("hello").orElseThrow().source()).isEqualTo("rollback to version 1");
    assertThat(get("source.json", Map.of("id", "hello")).json().path("text").asText())
        .isEqualTo(HELLO);
    assertThat(audit)
        .containsExactly(
            "user=admin action=flow.deploy id=hello version=2",
            "user=admin action=flow.rollback id=hello version=1 newVersion=3");
  }

  @Test
  void rollbackToAnUnknownVersionIsNotFound() throws Exception {
    assertThat(post("rollback.json", Map.of("id", "hello", "version", 7)).status).isEqualTo(404);
    assertThat(post("rollback.json", Map.of("id", "hello", "version", "x")).status).isEqualTo(400);
    assertThat(post("rollback.json", Map.of("id", "hello")).status).isEqualTo(400);
    assertThat(audit).isEmpty();
  }

  @Test
  void rollbackToATextThatNoLongerValidatesIsRefusedWithItsProblems() throws Exception {
    flows.rules.put(
        "Hello world", FlowProblem.error("name", "names must not greet any more").withLine(2));

    ConsoleExchange reply = post("rollback.json", Map.of("id", "hello", "version", 1));

    assertThat(reply.status).isEqualTo(409);
    assertThat(problems(reply.json())).containsExactly("2 name ERROR");
    assertThat(flows.flow("hello").orElseThrow().version()).isEqualTo(1);
    assertThat(audit).isEmpty();
  }

  @Test
  void changesWithoutTheConsoleHeaderAreForbidden() throws Exception {
    ConsoleExchange deploy = forged("deploy.json", Map.of("id", "hello", "document", HELLO_V2));
    ConsoleExchange rollback = forged("rollback.json", Map.of("id", "hello", "version", 1));

    assertThat(deploy.status).isEqualTo(403);
    assertThat(rollback.status).isEqualTo(403);
    assertThat(flows.history("hello")).hasSize(1);
    assertThat(audit).isEmpty();
  }

  @Test
  void unknownActionsAreNotFound() throws Exception {
    assertThat(post("delete.json", Map.of("id", "hello")).status).isEqualTo(404);
    assertThat(get("nothing.json", Map.of()).status).isEqualTo(404);
  }

  @Test
  void thePageIsServedWithItsStrings() throws Exception {
    ConsoleExchange reply = get(null, Map.of());

    assertThat(reply.text())
        .contains("id=\"sbf-table\"")
        .contains("Roll back to this version")
        .contains("回滚到此版本")
        .contains("file.text()")
        .doesNotContain("innerHTML");
  }

  private static List<String> problems(JsonNode body) {
    List<String> rows = new ArrayList<>();
    body.path("problems")
        .forEach(
            p ->
                rows.add(
                    p.path("line").asText()
                        + " "
                        + p.path("path").asText()
                        + " "
                        + p.path("severity").asText()));
    return rows;
  }

  // The servlet's side: requests and responses as the web console passes them.

  private static String path(String resource) {
    return "/" + FlowsConsolePlugin.LABEL + (resource == null ? "" : "/" + resource);
  }

  private ConsoleExchange get(String resource, Map<String, String> params) throws IOException {
    ConsoleExchange x = ConsoleExchange.get(path(resource));
    params.forEach(x::param);
    return x.getFrom(page);
  }

  private ConsoleExchange post(String action, Map<String, Object> body) throws IOException {
    return posted(action, body).postTo(page);
  }

  /** A POST of {@code body} without the console's header, as another site could send it. */
  private ConsoleExchange forged(String action, Map<String, Object> body) throws IOException {
    return posted(action, body).withoutHeader(SwitchboardPage.CSRF_HEADER).postTo(page);
  }

  private static ConsoleExchange posted(String action, Map<String, Object> body)
      throws IOException {
    return ConsoleExchange.post(path(action), SwitchboardPage.JSON.writeValueAsString(body));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A flow engine that keeps the text of each version and "validates" by rules: a text that
   * contains a rule's key has the rule's problem, with the rule's line (as the engine finds it).
   */
  static final class FakeFlows implements FlowService {
    record Stored(FlowVersion version, String text) {}

    final Map<String, FlowProblem> rules = new LinkedHashMap<>();

    /** {@code "<id> v<version>"} whose text {@link #document} does not give. */
    final Set<String> unreadable = new HashSet<>();

    /** Every call of {@link #document}, as {@code "<id> v<version>"}. */
    final List<String> documentCalls = new ArrayList<>();

    private final Map<String, List<Stored>> versions = new TreeMap<>();
    private final Map<String, FlowInfo> active = new TreeMap<>();
    private int tick;

    FakeFlows() {
      rules.put(
          "type: ask",
          FlowProblem.error("nodes.welcome.type", "unknown node type 'ask'").withLine(6));
      rules.put(
          "next: wiat", FlowProblem.error("nodes.welcome.next", "unknown node 'wiat'").withLine(8));
      rules.put(
          "  old:",
          new FlowProblem(
              "nodes.old", "unreachable from start 'welcome'", FlowProblem.Severity.WARNING, 12));
      rules.put(
          "nodes: [",
          FlowProblem.error(
                  "document",
                  "is not valid YAML at line 3, column 4: mapping values are not allowed")
              .withLine(3));
    }

    @Override
    public FlowRun start(String flowId, FlowSession session, Map<String, String> attributes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<FlowInfo> flow(String id) {
      return Optional.ofNullable(active.get(id));
    }

    @Override
    public List<FlowInfo> flows() {
      return active.values().stream().sorted(Comparator.comparing(FlowInfo::id)).toList();
    }

    @Override
    public List<FlowProblem> validate(String document) {
      List<FlowProblem> found = new ArrayList<>();
      if (document == null || document.isBlank()) {
        found.add(FlowProblem.error("document", "is empty"));
      } else {
        rules.forEach(
            (text, problem) -> {
              if (document.contains(text)) {
                found.add(problem);
              }
            });
      }
      found.sort(Comparator.comparing(p -> p.severity().ordinal()));
      return found;
    }

    @Override
    public FlowInfo deploy(String id, String document) throws FlowValidationException {
      return deploy(id, document, "deploy");
    }

    private FlowInfo deploy(String id, String document, String source)
        throws FlowValidationException {
      List<FlowProblem> problems = new ArrayList<>(validate(document));
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        problems.add(0, FlowProblem.error("id", "not a valid flow id"));
      }
      if (problems.stream().anyMatch(FlowProblem::isError)) {
        throw new FlowValidationException(id, problems);
      }
      String sha = sha256(document);
      List<Stored> stored = versions.computeIfAbsent(id, k -> new ArrayList<>());
      FlowInfo current = active.get(id);
      if (current != null && source.equals("deploy")) {
        Stored last = stored.get(current.version() - 1);
        if (last.version().sha256().equals(sha)) {
          return current;
        }
      }
      int version = stored.size() + 1;
      Instant now = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++tick);
      stored.add(new Stored(new FlowVersion(version, now, source, sha, true), document));
      String name =
          document
              .lines()
              .filter(l -> l.startsWith("name: "))
              .map(l -> l.substring(6))
              .findFirst()
              .orElse(id);
      FlowInfo info = new FlowInfo(id, name, version, now, source);
      active.put(id, info);
      return info;
    }

    @Override
    public List<FlowVersion> history(String id) {
      FlowInfo current = active.get(id);
      return versions.getOrDefault(id, List.of()).stream()
          .map(Stored::version)
          .map(
              v ->
                  new FlowVersion(
                      v.version(),
                      v.createdAt(),
                      v.source(),
                      v.sha256(),
                      current != null && current.version() == v.version()))
          .toList();
    }

    @Override
    public Optional<String> document(String id, int version) {
      documentCalls.add(id + " v" + version);
      List<Stored> stored = versions.getOrDefault(id, List.of());
      if (version < 1 || version > stored.size() || unreadable.contains(id + " v" + version)) {
        return Optional.empty();
      }
      return Optional.of(stored.get(version - 1).text());
    }

    @Override
    public FlowInfo rollback(String id, int version) throws FlowValidationException {
      List<Stored> stored = versions.getOrDefault(id, List.of());
      if (version < 1 || version > stored.size()) {
        throw new NotFoundException("flow version", id + " v" + version);
      }
      return deploy(id, stored.get(version - 1).text(), "rollback to version " + version);
    }
  }
}
