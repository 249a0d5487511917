package org.switchboard.reports.api;

import java.util.List;
import java.util.regex.Pattern;
import org.switchboard.core.api.ValidationException;

/**
 * What a report is.
 *
 * @param id stable id used in URLs and commands: lower-case letters, digits and dashes
 * @param title the report's name as users see it
 * @param description what it shows and for whom
 * @param parameters the parameters it takes, in the order a form shows them
 */
public record ReportDefinition(
    String id, String title, String description, List<ReportParameter> parameters) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,47}");

  public ReportDefinition {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ValidationException("id", "1-48 lower-case letters, digits or dashes, got " + id);
    }
    if (title == null || title.isBlank()) {
      throw new ValidationException("title", "is required");
    }
    description = description == null ? "" : description;
    parameters = List.copyOf(parameters);
  }

  /** The parameter of that name, or null. */
  public ReportParameter parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }
}
