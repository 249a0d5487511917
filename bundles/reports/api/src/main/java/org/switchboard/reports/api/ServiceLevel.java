package org.switchboard.reports.api;

/**
 * The three classic ways to count abandons in the service level. In all three, short abandons
 * (customers who hung up before the short-abandon threshold) and callback requests are left out.
 */
public enum ServiceLevel {
  /** Answered within the threshold / answered. Abandons do not count at all. */
  ABANDONS_IGNORED("answered within T / answered"),
  /** Answered within the threshold / (answered + abandoned). Every abandon counts as a failure. */
  ABANDONS_AGAINST("answered within T / (answered + abandoned)"),
  /**
   * (Answered within the threshold + abandoned within the threshold) / (answered + abandoned).
   * Customers who gave up before the threshold do not count against the target.
   */
  ABANDONS_FOR("(answered within T + abandoned within T) / (answered + abandoned)");

  private final String formula;

  ServiceLevel(String formula) {
    this.formula = formula;
  }

  /** The formula, as reports show it. */
  public String formula() {
    return formula;
  }
}
