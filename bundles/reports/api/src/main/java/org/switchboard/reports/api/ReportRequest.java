package org.switchboard.reports.api;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.switchboard.core.api.ValidationException;

/**
 * The parameter values of one run, checked against the report's definition: every value fits its
 * parameter, defaults are filled in, and unknown names are refused.
 */
public final class ReportRequest {
  private final Map<String, String> values;

  private ReportRequest(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Checks values against a definition.
   *
   * @throws ValidationException for an unknown parameter, a missing required one or a bad value
   */
  public static ReportRequest of(ReportDefinition definition, Map<String, String> given) {
    Map<String, String> out = new HashMap<>();
    for (String name : given.keySet()) {
      if (definition.parameter(name) == null) {
        throw new ValidationException(
            name,
            "unknown parameter of report "
                + definition.id()
                + "; it takes "
                + definition.parameters().stream().map(ReportParameter::name).toList());
      }
    }
    for (ReportParameter p : definition.parameters()) {
      String v = given.get(p.name());
      String checked = p.check(v == null || v.isBlank() ? p.defaultValue() : v);
      if (!checked.isEmpty()) {
        out.put(p.name(), checked);
      }
    }
    return new ReportRequest(out);
  }

  /** Every value given or defaulted. */
  public Map<String, String> values() {
    return values;
  }

  /** A text value, or {@code fallback} when none. */
  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** An instant value; required. */
  public Instant instant(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new ValidationException(name, "is required");
    }
    return Instant.parse(v);
  }

  /** A duration value, or {@code fallback} when none. */
  public Duration duration(String name, Duration fallback) {
    String v = values.get(name);
    return v == null ? fallback : ReportParameter.parseDuration(v);
  }

  /** A whole number, or {@code fallback} when none. */
  public long integer(String name, long fallback) {
    String v = values.get(name);
    return v == null ? fallback : Long.parseLong(v);
  }
}
