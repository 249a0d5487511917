package org.switchboard.platform.db;

/**
 * The outcome of {@link SchemaMigrations#migrate}.
 *
 * @param owner the plan's owner
 * @param applied how many migrations ran now (0 when the schema was already current)
 * @param schemaVersion the owner's schema version afterwards, e.g. {@code 3}; empty if none
 */
public record MigrationReport(String owner, int applied, String schemaVersion) {
  public MigrationReport {
    schemaVersion = schemaVersion == null ? "" : schemaVersion;
  }
}
