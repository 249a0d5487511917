package org.switchboard.crm.rest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.switchboard.core.api.ConfigValues;
import org.switchboard.crm.api.CrmUnavailableException;
import org.switchboard.crm.api.ExternalCustomer;

/** How a CRM's JSON answer becomes an {@link ExternalCustomer}: JSON pointers from the config. */
final class CustomerMapping {
  private static final int MAX_TEXT = 500;

  private final String connector;
  private final JsonPointer result;
  private final JsonPointer id;
  private final JsonPointer name;
  private final JsonPointer tier;
  private final JsonPointer priority;
  private final Map<String, JsonPointer> fields = new LinkedHashMap<>();
  private final String linkTemplate;

  /**
   * @throws IllegalArgumentException naming the setting that is not a JSON pointer
   */
  CustomerMapping(RestCrmConfig c) {
    this.connector = c.name();
    this.result = pointer("resultPointer", c.resultPointer());
    this.id = pointer("idPointer", c.idPointer());
    this.name = pointer("namePointer", c.namePointer());
    this.tier = pointer("tierPointer", c.tierPointer());
    this.priority = pointer("priorityPointer", c.priorityPointer());
    for (String f : ConfigValues.list(c.fields())) {
      int eq = f.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("fields: write 'Label=/json/pointer', got '" + f + "'");
      }
      fields.put(f.substring(0, eq).strip(), pointer("fields", f.substring(eq + 1).strip()));
    }
    this.linkTemplate = c.linkTemplate() == null ? "" : c.linkTemplate().strip();
  }

  /** The customer in the answer; empty when it holds none (null, missing, empty array). */
  Optional<ExternalCustomer> read(JsonNode answer) throws CrmUnavailableException {
    JsonNode at = answer.at(result);
    JsonNode node = at.isArray() ? at.path(0) : at;
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw new CrmUnavailableException("the answer at resultPointer is not a JSON object");
    }
    String customerId = text(node, id);
    if (customerId == null) {
      throw new CrmUnavailableException("the customer in the answer has no id at idPointer");
    }
    Map<String, String> values = new LinkedHashMap<>();
    fields.forEach(
        (label, p) -> {
          String v = text(node, p);
          if (v != null) {
            values.put(label, v);
          }
        });
    return Optional.of(
        new ExternalCustomer(
            connector,
            customerId,
            text(node, name),
            text(node, tier),
            priorityOf(node),
            values,
            linkTemplate.isEmpty() ? null : linkTemplate.replace("{id}", customerId)));
  }

  private int priorityOf(JsonNode node) {
    if (priority == null) {
      return 0;
    }
    JsonNode p = node.at(priority);
    return p.isNumber() || p.isTextual() ? p.asInt(0) : 0;
  }

  private static String text(JsonNode node, JsonPointer p) {
    if (p == null) {
      return null;
    }
    JsonNode v = node.at(p);
    if (v.isMissingNode() || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      return null;
    }
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
  }

  private static JsonPointer pointer(String setting, String value) {
    if (value == null || value.isBlank()) {
      return setting.equals("resultPointer") ? JsonPointer.empty() : null;
    }
    try {
      return JsonPointer.compile(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          setting
              + ": '"
              + value
              + "' is not a JSON pointer (it starts with /): "
              + e.getMessage());
    }
  }
}
