package org.switchboard.ops.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the order system said, as the agent desktop shows it: the dip's flat results regrouped, so
 * that {@code orders.0.number=1001, orders.0.status=shipped} becomes the first of {@code orders}
 * and every other key is a field.
 *
 * @param dip the data dip that was asked
 * @param state {@code ok}, {@code none} (no such dip is installed) or {@code failed}
 * @param error why it failed, when it did
 * @param orders the orders of the reply's {@code orders} list, in its order
 * @param fields the reply's other values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
    String dip,
    String state,
    String error,
    List<Map<String, String>> orders,
    Map<String, String> fields) {
  private static final Pattern ORDER_KEY = Pattern.compile("orders\\.(\\d{1,4})\\.(.+)");

  /** A reply regrouped. */
  static OrderView of(String dip, Map<String, String> results) {
    TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
    Map<String, String> fields = new LinkedHashMap<>();
    results.forEach(
        (key, value) -> {
          Matcher m = ORDER_KEY.matcher(key);
          if (m.matches()) {
            byIndex
                .computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>())
                .put(m.group(2), value);
          } else {
            fields.put(key, value);
          }
        });
    return new OrderView(dip, "ok", null, new ArrayList<>(byIndex.values()), fields);
  }

  static OrderView none(String dip) {
    return new OrderView(
        dip, "none", "no data dip named '" + dip + "' is installed", List.of(), Map.of());
  }

  static OrderView failed(String dip, String why) {
    return new OrderView(dip, "failed", why, List.of(), Map.of());
  }
}
