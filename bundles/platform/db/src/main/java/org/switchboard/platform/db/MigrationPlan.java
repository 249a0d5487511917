package org.switchboard.platform.db;

import java.util.regex.Pattern;

/**
 * Which migrations to run for one owner (usually one bundle).
 *
 * @param owner short name used in logs and errors, e.g. {@code core}
 * @param classLoader the class loader that sees the scripts: the owning bundle's (e.g. {@code
 *     getClass().getClassLoader()} of a class in that bundle)
 * @param location Flyway location, e.g. {@code classpath:db/migration/core}; use a folder no other
 *     bundle uses
 * @param historyTable the owner's own history table, e.g. {@code schema_history_core}
 */
public record MigrationPlan(
    String owner, ClassLoader classLoader, String location, String historyTable) {
  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public MigrationPlan {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner is required");
    }
    if (classLoader == null) {
      throw new IllegalArgumentException("classLoader is required");
    }
    if (location == null || !location.startsWith("classpath:") || location.length() <= 10) {
      throw new IllegalArgumentException(
          "location must look like classpath:db/migration/<owner>, got '" + location + "'");
    }
    if (historyTable == null || !TABLE.matcher(historyTable).matches()) {
      throw new IllegalArgumentException(
          "historyTable must be 1-63 lower-case letters, digits or '_', got '"
              + historyTable
              + "'");
    }
  }

  /**
   * The usual plan for a bundle: scripts under {@code db/migration/<owner>} in the bundle of the
   * given class, history in {@code schema_history_<owner>}.
   */
  public static MigrationPlan forOwner(String owner, Class<?> classInOwningBundle) {
    return new MigrationPlan(
        owner,
        classInOwningBundle.getClassLoader(),
        "classpath:db/migration/" + owner,
        "schema_history_" + owner.replace('-', '_'));
  }
}
