package org.switchboard.flow.impl.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a dip route's JSON reply into flat results: nested objects and lists are flattened with
 * dots ({@code {"order":{"status":"shipped"}}} becomes {@code order.status=shipped}, list items
 * {@code items.0}); nulls are left out. Also writes a dip's input as a JSON body.
 */
final class JsonReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReplies() {}

  static String body(Map<String, String> input) {
    try {
      return JSON.writeValueAsString(input);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the dip input as JSON", e);
    }
  }

  /**
   * Reads a reply.
   *
   * @param body the reply's text; blank gives no results
   * @throws IllegalArgumentException when it is not a JSON object
   */
  static Map<String, String> flatten(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isBlank()) {
      return out;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the reply is not JSON: " + e.getOriginalMessage());
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "the reply must be a JSON object, got " + root.getNodeType());
    }
    flatten("", root, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(key(prefix, e.getKey()), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(key(prefix, String.valueOf(i)), node.get(i), out);
      }
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }

  private static String key(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }
}
