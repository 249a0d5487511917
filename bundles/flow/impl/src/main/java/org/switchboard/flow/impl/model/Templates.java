package org.switchboard.flow.impl.model;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} substitution in texts, inputs and set values: a placeholder becomes the value of
 * the variable {@code name}, else of the attribute {@code name}, else the empty string.
 */
public final class Templates {
  /** A well-formed placeholder; names are variable or attribute names. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9._-]*)}");

  private Templates() {}

  /**
   * Whether a template only contains well-formed placeholders.
   *
   * @param template the text
   * @return false when a {@code ${} is left that is not a complete placeholder
   */
  public static boolean isWellFormed(String template) {
    return !PLACEHOLDER.matcher(template).replaceAll("").contains("${");
  }

  /**
   * Substitutes the placeholders of a template.
   *
   * @param template the text, may be null
   * @param lookup the value of a name, or null when unknown
   * @return the text with every placeholder replaced; null for a null template
   */
  public static String render(String template, Function<String, String> lookup) {
    if (template == null || !template.contains("${")) {
      return template;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = lookup.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
