package org.switchboard.flow.impl.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.flow.api.FlowProblem;
import org.switchboard.flow.impl.model.Node;
import org.switchboard.flow.impl.testing.Flows;

class FlowCompilerTest {
  private final FlowCompiler compiler = new FlowCompiler();

  private static final String GOOD =
      """
      id: t
      start: menu
      nodes:
        menu:
          type: menu
          prompts: [m]
          options:
            "1": a
            "2": b
        a: {type: queue, queue: sales}
        b: {type: hangup}
      """;

  private List<FlowProblem> problems(String yaml) {
    return compiler.validate(yaml);
  }

  private List<String> errorPaths(String yaml) {
    return problems(yaml).stream().filter(FlowProblem::isError).map(FlowProblem::path).toList();
  }

  private String messageAt(String yaml, String path) {
    return problems(yaml).stream()
        .filter(p -> p.path().equals(path))
        .map(FlowProblem::message)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + path + ": " + problems(yaml)));
  }

  @Test
  void everyExampleInTheDocumentationIsValid() throws Exception {
    Map<String, String> examples = Flows.docExamples();
    assertThat(examples).containsKeys("hello", "main", "chat-bot", "hotline");
    examples.forEach(
        (id, text) -> {
          FlowCompiler.Result result = compiler.compile(text, id);
          assertThat(result.problems()).as("problems of example " + id).isEmpty();
          assertThat(result.flow()).isPresent();
        });
  }

  @Test
  void aGoodFlowHasNoProblemsAndKeepsItsNodesInOrder() {
    assertThat(problems(GOOD)).isEmpty();
    var flow = compiler.compile(GOOD, "t").flow().orElseThrow();
    assertThat(flow.nodes().keySet()).containsExactly("menu", "a", "b");
    Node.Menu menu = (Node.Menu) flow.nodes().get("menu");
    assertThat(menu.prompting().timeoutSeconds()).isEqualTo(5);
    assertThat(menu.prompting().retries()).isEqualTo(2);
    assertThat(menu.options()).containsEntry("1", "a");
  }

  @Test
  void jsonWorksLikeYaml() {
    String json =
        """
        {"id": "j", "start": "q", "nodes": {"q": {"type": "queue", "queue": "support", "priority": 7}}}
        """;
    var flow = compiler.compile(json, "j").flow().orElseThrow();
    assertThat(((Node.Queue) flow.nodes().get("q")).priority()).isEqualTo(7);
  }

  @Test
  void unknownNodeType() {
    String yaml = GOOD.replace("b: {type: hangup}", "b: {type: ask}");
    assertThat(messageAt(yaml, "nodes.b.type")).contains("unknown node type 'ask'");
  }

  @Test
  void unknownAndMissingTargets() {
    assertThat(messageAt(GOOD.replace("\"1\": a", "\"1\": biling"), "nodes.menu.options.1"))
        .isEqualTo("unknown node 'biling'");
    String noNext = "start: p\nnodes:\n  p: {type: play, prompts: [x]}\n";
    assertThat(messageAt(noNext, "nodes.p.next")).isEqualTo("is required");
  }

  @Test
  void missingOrUnknownStart() {
    assertThat(messageAt(GOOD.replace("start: menu\n", ""), "start")).isEqualTo("is required");
    assertThat(messageAt(GOOD.replace("start: menu", "start: begin"), "start"))
        .startsWith("unknown node 'begin'");
  }

  @Test
  void unreachableNodesAreWarningsOnly() {
    String yaml = GOOD + "  old: {type: hangup}\n";
    List<FlowProblem> problems = problems(yaml);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEqualTo("nodes.old");
    assertThat(problems.get(0).severity()).isEqualTo(FlowProblem.Severity.WARNING);
    assertThat(problems.get(0).message()).contains("unreachable").contains("warning");
    assertThat(compiler.compile(yaml, "t").ok()).isTrue();
  }

  @Test
  void duplicateOptionDigits() {
    String exact = GOOD.replace("\"2\": b", "\"1\": b");
    assertThat(messageAt(exact, "nodes.menu.options.1")).contains("duplicate key '1'");
    String chat = GOOD.replace("\"1\": a", "Yes: a").replace("\"2\": b", "\" yes\": b");
    assertThat(messageAt(chat, "nodes.menu.options. yes")).contains("duplicate option");
  }

  @Test
  void badRegex() {
    String yaml =
        """
        start: c
        nodes:
          c: {type: collect, prompts: [p], into: n, pattern: "[0-9", next: q}
          q: {type: queue, queue: support}
        """;
    assertThat(messageAt(yaml, "nodes.c.pattern")).startsWith("is not a valid regular expression");
  }

  @Test
  void badCalendarTimesAndTimezones() {
    String yaml =
        """
        start: b
        calendars:
          office:
            timezone: Mars/Base
            hours:
              mon: [25:00-18:00, 08:00-18:00]
              fri: 18:00-08:00
              funday: 08:00-10:00
            holidays: [2025-13-01]
        nodes:
          b:
            type: branch
            conditions:
              - open: office
                next: q
              - closed: shop
                next: q
            otherwise: q
          q: {type: queue, queue: support}
        """;
    assertThat(errorPaths(yaml))
        .contains(
            "calendars.office.timezone",
            "calendars.office.hours.mon.0",
            "calendars.office.hours.fri.0",
            "calendars.office.hours.funday",
            "calendars.office.holidays.0",
            "nodes.b.conditions.1.closed")
        .doesNotContain("calendars.office.hours.mon.1");
    assertThat(messageAt(yaml, "calendars.office.timezone"))
        .contains("unknown time zone 'Mars/Base'");
  }

  @Test
  void loopsWithoutInputAreRejected() {
    String yaml =
        """
        start: a
        nodes:
          a: {type: set, variables: {x: "1"}, next: b}
          b:
            type: branch
            conditions: [{variable: x, equals: "2", next: q}]
            otherwise: c
          c: {type: data, dip: crm, next: a, onError: q}
          q: {type: queue, queue: support}
        """;
    String message = messageAt(yaml, "nodes.a");
    assertThat(message).contains("loop without any input").contains("a -> b -> c -> a");
  }

  @Test
  void aSelfLoopIsRejectedButALoopThroughAMenuIsFine() {
    String self = "start: a\nnodes:\n  a: {type: set, variables: {x: y}, next: a}\n";
    assertThat(messageAt(self, "nodes.a")).contains("loop without any input");
    String retry =
        GOOD.replace("\"2\": b", "\"2\": again")
            + "  again: {type: set, variables: {x: y}, next: menu}\n";
    assertThat(errorPaths(retry)).isEmpty();
  }

  @Test
  void limits() {
    StringBuilder many = new StringBuilder("start: n0\nnodes:\n");
    for (int i = 0; i < 501; i++) {
      many.append("  n").append(i).append(": {type: hangup}\n");
    }
    assertThat(messageAt(many.toString(), "nodes")).contains("501 nodes; at most 500");
    String huge = GOOD + "description: \"" + "x".repeat(300_000) + "\"\n";
    assertThat(messageAt(huge, "document")).contains("at most 262144");
  }

  @Test
  void typosAndBadValuesAreReportedWhereTheyAre() {
    String yaml = GOOD.replace("prompts: [m]", "prompts: [m]\n    timout: 5\n    retries: lots");
    assertThat(messageAt(yaml, "nodes.menu.timout"))
        .startsWith("unknown field 'timout' in a menu node");
    assertThat(messageAt(yaml, "nodes.menu.retries")).contains("whole number from 0 to 10");
  }

  @Test
  void syntaxErrorsNameTheLine() {
    String message = messageAt("start: a\nnodes: [\n", "document");
    assertThat(message).startsWith("is not valid YAML at line");
  }

  @Test
  void theIdMustMatchTheFileName() {
    assertThat(compiler.compile(GOOD, "other").problems())
        .extracting(FlowProblem::path)
        .contains("id");
  }

  @Test
  void valuesAreReadAsWritten() {
    String yaml =
        """
        start: b
        nodes:
          b:
            type: branch
            conditions: [{attribute: account, equals: 007, next: q}]
            otherwise: q
          q: {type: queue, queue: support}
        """;
    Node.Branch b = (Node.Branch) compiler.compile(yaml, "x").flow().orElseThrow().nodes().get("b");
    assertThat(b.conditions().get(0).values()).containsExactly("007");
  }
}
