package org.switchboard.flow.impl.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the text of a flow document (YAML or JSON, told apart by the first character) into a tree
 * whose scalars are all text, exactly as written ({@code 007} stays {@code 007}; the parser decides
 * what is a number). Records the line where every key and list item starts into the {@link
 * Problems}, so that each problem found later can name its line. Duplicate keys, which YAML and
 * JSON parsers silently collapse, are reported with their path and line; syntax errors with the
 * line where the text stopped being readable.
 */
public final class DocumentReader {
  /** The largest document accepted, in UTF-8 bytes. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final int MAX_DEPTH = 32;
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DocumentReader() {}

  /** Whether a document's text is JSON (starts with a brace) rather than YAML. */
  public static boolean isJson(String text) {
    return text.stripLeading().startsWith("{");
  }

  /**
   * Reads a document.
   *
   * @param text the document's text
   * @param problems receives size, syntax and duplicate-key problems, and the line of every path
   * @return the root object, or empty when the text is not a readable mapping
   */
  public static Optional<ObjectNode> read(String text, Problems problems) {
    if (text == null || text.isBlank()) {
      problems.error("document", "is empty; a flow needs at least id, start and nodes");
      return Optional.empty();
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      problems.error(
          "document",
          "is "
              + bytes
              + " bytes; at most "
              + MAX_BYTES
              + " (256 KB) are accepted: split the flow");
      return Optional.empty();
    }
    boolean json = isJson(text);
    try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        problems.error("document", "must be a mapping of keys (id, start, nodes, ...) at the top");
        return Optional.empty();
      }
      return Optional.of((ObjectNode) readValue(parser, "", 0, problems));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : at.getLineNr();
      String where =
          line <= 0 ? "" : " at line " + line + ", column " + Math.max(at.getColumnNr(), 1);
      problems.error(
          "document",
          line,
          "is not valid " + (json ? "JSON" : "YAML") + where + ": " + e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException e) {
      problems.error("document", "could not be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static JsonNode readValue(JsonParser p, String path, int depth, Problems problems)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new JsonProcessingException(
          "nested deeper than " + MAX_DEPTH + " levels", p.currentLocation()) {
        private static final long serialVersionUID = 1L;
      };
    }
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int line = p.currentTokenLocation().getLineNr();
          String child = Problems.join(path, key);
          boolean duplicate = object.has(key);
          int first = duplicate ? problems.lineOf(child) : 0;
          problems.line(child, line);
          p.nextToken();
          JsonNode value = readValue(p, child, depth + 1, problems);
          if (duplicate) {
            problems.error(
                child,
                line,
                "duplicate key '"
                    + key
                    + "' (line "
                    + line
                    + (first > 0 && first != line ? ", first on line " + first : "")
                    + "): keep only one");
          } else {
            object.set(key, value);
          }
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String item = Problems.join(path, index++);
          problems.line(item, p.currentTokenLocation().getLineNr());
          array.add(readValue(p, item, depth + 1, problems));
        }
        return array;
      case VALUE_NULL:
        return NullNode.getInstance();
      default:
        return TextNode.valueOf(p.getText());
    }
  }
}
