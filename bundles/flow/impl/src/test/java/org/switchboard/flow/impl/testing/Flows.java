package org.switchboard.flow.impl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.flow.impl.document.FlowCompiler;
import org.switchboard.flow.impl.model.FlowDefinition;

/** Compiles flows for tests, and reads the examples of docs/flows.md. */
public final class Flows {
  private static final Pattern YAML_EXAMPLE =
      Pattern.compile("```yaml\\n# example: (\\S+)\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern JSON_EXAMPLE =
      Pattern.compile("<!-- example: (\\S+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern DIP_EXAMPLE =
      Pattern.compile("```yaml\\n# dips: (\\S+)\\n(.*?)```", Pattern.DOTALL);

  private Flows() {}

  /** Compiles a valid flow, failing the test with its problems otherwise. */
  public static FlowDefinition compile(String yaml) {
    FlowCompiler.Result result = new FlowCompiler().compile(yaml, null);
    if (!result.ok()) {
      throw new AssertionError("flow does not compile: " + result.problems());
    }
    return result.flow().get();
  }

  /** docs/flows.md, found from the module directory. */
  public static String doc() throws IOException {
    Path doc = Path.of("../../../docs/flows.md");
    return Files.readString(doc);
  }

  /**
   * The flow examples of docs/flows.md by id: YAML blocks starting {@code # example: <id>} and JSON
   * blocks after {@code <!-- example: <id> -->}.
   */
  public static Map<String, String> docExamples() throws IOException {
    Map<String, String> examples = new LinkedHashMap<>();
    String doc = doc();
    for (Pattern p : new Pattern[] {YAML_EXAMPLE, JSON_EXAMPLE}) {
      Matcher m = p.matcher(doc);
      while (m.find()) {
        examples.put(m.group(1), m.group(2));
      }
    }
    return examples;
  }

  /** The Camel dip route examples of docs/flows.md. */
  public static Map<String, String> docDipExamples() throws IOException {
    Map<String, String> examples = new LinkedHashMap<>();
    Matcher m = DIP_EXAMPLE.matcher(doc());
    while (m.find()) {
      examples.put(m.group(1), m.group(2));
    }
    return examples;
  }
}
