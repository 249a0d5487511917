/**
 * Database platform services: per-bundle schema migrations over the shared {@code switchboard}
 * DataSource.
 *
 * <p>Each bundle that stores data owns its tables, its migration scripts (inside the bundle) and
 * its own migration history table, so bundles can be added, updated and removed independently. A
 * bundle asks the {@link org.switchboard.platform.db.SchemaMigrations} service to bring its schema
 * up to date when it activates.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.platform.db;
