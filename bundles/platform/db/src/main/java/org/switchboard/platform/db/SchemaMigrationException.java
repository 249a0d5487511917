package org.switchboard.platform.db;

/**
 * Migrating a bundle's schema failed. The message names the owner and what to fix (the failing
 * script, a changed checksum, a wrong location); the cause carries the database's own error.
 */
public class SchemaMigrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaMigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
