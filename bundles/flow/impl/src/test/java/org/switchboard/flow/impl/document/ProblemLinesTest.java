package org.switchboard.flow.impl.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.flow.api.FlowProblem;

/** Every problem names the line of the document it is on, in YAML and in JSON. */
class ProblemLinesTest {
  private final FlowCompiler compiler = new FlowCompiler();

  private static final String YAML =
      String.join(
          "\n",
          "id: lines", // 1
          "start: menu", // 2
          "calendars:", // 3
          "  office:", // 4
          "    timezone: UTC", // 5
          "    hours:", // 6
          "      mon: [08:00-18:00, 25:00-26:00]", // 7
          "    holidays:", // 8
          "      - 2025-12-25", // 9
          "      - 2025-13-01", // 10
          "nodes:", // 11
          "  menu:", // 12
          "    type: menu", // 13
          "    prompts: [m]", // 14
          "    options:", // 15
          "      \"1\": sales", // 16
          "      \"2\": nowhere", // 17
          "      \"1\": billing", // 18
          "  sales: {type: queue, queue: sales}", // 19
          "  billing:", // 20
          "    type: branch", // 21
          "    conditions:", // 22
          "      - variable: vip", // 23
          "        equals: \"yes\"", // 24
          "        next: sales", // 25
          "      - attribute: tier", // 26
          "        next: sales", // 27
          "    otherwise: sales", // 28
          "  ask:", // 29
          "    type: ask", // 30
          "  play:", // 31
          "    type: play", // 32
          "    prompts: [p]", // 33
          "");

  private static final String JSON =
      String.join(
          "\n",
          "{", // 1
          "  \"id\": \"lines\",", // 2
          "  \"start\": \"menu\",", // 3
          "  \"nodes\": {", // 4
          "    \"menu\": {", // 5
          "      \"type\": \"menu\",", // 6
          "      \"prompts\": [\"m\"],", // 7
          "      \"options\": {\"1\": \"q\", \"2\": \"nowhere\"},", // 8
          "      \"timout\": 5", // 9
          "    },", // 10
          "    \"q\": {\"type\": \"queue\", \"queue\": \"support\", \"queue\": \"sales\"},", // 11
          "    \"x\": {", // 12
          "      \"type\": \"ask\"", // 13
          "    },", // 14
          "    \"p\": {\"type\": \"play\",", // 15
          "      \"prompts\": [\"a\", {\"b\": 1}]}", // 16
          "  }", // 17
          "}", // 18
          "");

  private List<FlowProblem> problems(String text) {
    return compiler.validate(text);
  }

  /** The problem at a path, as "line severity path". */
  private static String at(List<FlowProblem> problems, String path) {
    return problems.stream()
        .filter(p -> p.path().equals(path))
        .map(p -> p.line() + " " + p.severity() + " " + p.path())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + path + ": " + problems));
  }

  @Test
  void yamlProblemsNameTheLineOfTheirKeyOrListItem() {
    List<FlowProblem> found = problems(YAML);

    assertThat(at(found, "nodes.ask.type")).isEqualTo("30 ERROR nodes.ask.type");
    assertThat(at(found, "nodes.menu.options.2")).isEqualTo("17 ERROR nodes.menu.options.2");
    assertThat(at(found, "calendars.office.hours.mon.1"))
        .isEqualTo("7 ERROR calendars.office.hours.mon.1");
    assertThat(at(found, "calendars.office.holidays.1"))
        .isEqualTo("10 ERROR calendars.office.holidays.1");
    assertThat(at(found, "nodes.billing.conditions.1"))
        .isEqualTo("26 ERROR nodes.billing.conditions.1");
    assertThat(at(found, "nodes.billing")).isEqualTo("20 WARNING nodes.billing");
    assertThat(found).allSatisfy(p -> assertThat(p.line()).isPositive());
  }

  @Test
  void aMissingKeyHasTheLineOfTheMappingItBelongsIn() {
    List<FlowProblem> found = problems(YAML);

    FlowProblem next =
        found.stream().filter(p -> p.path().equals("nodes.play.next")).findFirst().orElseThrow();
    assertThat(next.message()).isEqualTo("is required");
    assertThat(next.line()).isEqualTo(31);
    assertThat(next).hasToString("line 31: nodes.play.next: is required");

    List<FlowProblem> noStart = problems("id: x\nnodes:\n  a: {type: hangup}\n");
    assertThat(noStart)
        .singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("start"))
        .satisfies(p -> assertThat(p.line()).as("a top-level key: the whole document").isZero())
        .hasToString("start: is required");
  }

  @Test
  void aDuplicateKeyHasTheLineOfTheDuplicateAndNamesTheFirst() {
    FlowProblem duplicate =
        problems(YAML).stream()
            .filter(p -> p.path().equals("nodes.menu.options.1"))
            .findFirst()
            .orElseThrow();

    assertThat(duplicate.line()).isEqualTo(18);
    assertThat(duplicate.message()).contains("duplicate key '1'").contains("first on line 16");
  }

  @Test
  void warningsSayTheirLineToo() {
    List<FlowProblem> found = problems(YAML);

    assertThat(found.stream().filter(p -> !p.isError()).map(FlowProblem::toString))
        .containsExactly(
            "warning: line 20: nodes.billing: unreachable from start 'menu': it never runs"
                + " (warning, the flow can be deployed)",
            "warning: line 31: nodes.play: unreachable from start 'menu': it never runs"
                + " (warning, the flow can be deployed)");
  }

  @Test
  void jsonProblemsNameTheirLines() {
    List<FlowProblem> found = problems(JSON);

    assertThat(at(found, "nodes.x.type")).isEqualTo("13 ERROR nodes.x.type");
    assertThat(at(found, "nodes.menu.options.2")).isEqualTo("8 ERROR nodes.menu.options.2");
    assertThat(at(found, "nodes.menu.timout")).isEqualTo("9 ERROR nodes.menu.timout");
    assertThat(at(found, "nodes.q.queue")).isEqualTo("11 ERROR nodes.q.queue");
    assertThat(at(found, "nodes.p.prompts.1")).isEqualTo("16 ERROR nodes.p.prompts.1");
    assertThat(at(found, "nodes.p.next")).isEqualTo("15 ERROR nodes.p.next");
  }

  @Test
  void syntaxErrorsHaveTheLineWhereReadingStopped() {
    String yaml =
        String.join(
            "\n",
            "id: x", // 1
            "start: a", // 2
            "nodes:", // 3
            "  a:", // 4
            "    type: hangup", // 5
            "   b: c", // 6: indented neither as a node nor as a field
            "");
    FlowProblem error = problems(yaml).get(0);
    assertThat(error.path()).isEqualTo("document");
    assertThat(error.line()).isEqualTo(6);
    assertThat(error.message()).startsWith("is not valid YAML at line 6, column");
    assertThat(error).hasToString("line 6: document: " + error.message());

    String json = String.join("\n", "{", "  \"id\": \"x\",", "  \"start\": ,", "}");
    FlowProblem jsonError = problems(json).get(0);
    assertThat(jsonError.path()).isEqualTo("document");
    assertThat(jsonError.line()).isEqualTo(3);
    assertThat(jsonError.message()).startsWith("is not valid JSON at line 3, column");
  }

  @Test
  void problemsAboutTheWholeDocumentHaveNoLine() {
    assertThat(problems("")).singleElement().satisfies(p -> assertThat(p.line()).isZero());
    assertThat(problems("- a\n- b\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("document"))
        .satisfies(p -> assertThat(p.line()).isZero());
  }

  @Test
  void theIdOfAnotherFlowIsOnTheIdsLine() {
    assertThat(
            compiler.compile("start: a\nid: other\nnodes:\n  a: {type: hangup}\n", "t").problems())
        .singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo("id"))
        .satisfies(p -> assertThat(p.line()).isEqualTo(2));
  }
}
