package org.switchboard.platform.db;

import javax.sql.DataSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Brings one bundle's part of the database schema up to date (Flyway).
 *
 * <p>Migrations are SQL scripts named {@code V<n>__<description>.sql} inside the calling bundle,
 * under the plan's location. They run in the calling bundle's class loader, so a bundle needs no
 * package imports for its own scripts. Every bundle records what ran in its own history table, so
 * several bundles share one schema without seeing each other's migrations; a schema that already
 * holds other bundles' tables is accepted.
 *
 * <p>Thread-safe. {@link #migrate} blocks while the scripts run (usually milliseconds; longer for
 * data migrations) and is meant to be called from a component's activation.
 */
@ProviderType
public interface SchemaMigrations {

  /**
   * Applies the pending migrations of one plan.
   *
   * @param dataSource the database to migrate
   * @param plan whose migrations, from where, recorded in which history table
   * @return what was applied
   * @throws SchemaMigrationException when a script fails, a script was changed after it ran, or the
   *     location holds no scripts; the message names the owner and the failing script
   */
  MigrationReport migrate(DataSource dataSource, MigrationPlan plan);
}
