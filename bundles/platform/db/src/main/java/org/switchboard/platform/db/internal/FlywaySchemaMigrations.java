package org.switchboard.platform.db.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.MigrationReport;
import org.switchboard.platform.db.SchemaMigrationException;
import org.switchboard.platform.db.SchemaMigrations;

/**
 * {@link SchemaMigrations} on Flyway. Flyway finds the scripts through the plan's class loader; in
 * OSGi that is the owning bundle's loader, whose {@code bundle:} URLs Flyway scans with its own
 * OSGi support. Stateless, so one instance serves every bundle.
 */
@Component(name = "org.switchboard.platform.db.migrations", service = SchemaMigrations.class)
public class FlywaySchemaMigrations implements SchemaMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(FlywaySchemaMigrations.class);

  @Override
  public MigrationReport migrate(DataSource dataSource, MigrationPlan plan) {
    if (dataSource == null) {
      throw new IllegalArgumentException("dataSource is required");
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(plan.classLoader());
    try {
      Flyway flyway = configure(dataSource, plan);
      if (flyway.info().all().length == 0) {
        throw new SchemaMigrationException(
            describe(plan)
                + " found no migration scripts: put V1__<description>.sql files under "
                + plan.location().substring("classpath:".length())
                + " inside the bundle",
            null);
      }
      MigrateResult result = flyway.migrate();
      MigrationInfo current = flyway.info().current();
      MigrationReport report =
          new MigrationReport(
              plan.owner(),
              result.migrationsExecuted,
              current == null || current.getVersion() == null
                  ? ""
                  : current.getVersion().getVersion());
      if (report.applied() > 0) {
        LOG.info(
            "Schema of '{}' migrated to version {} ({} migrations applied)",
            plan.owner(),
            report.schemaVersion(),
            report.applied());
      } else {
        LOG.debug("Schema of '{}' is current", plan.owner());
      }
      return report;
    } catch (FlywayException e) {
      throw new SchemaMigrationException(
          describe(plan)
              + " failed: "
              + e.getMessage()
              + " -- fix the script or the database, then restart the bundle",
          e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Flyway configure(DataSource dataSource, MigrationPlan plan) {
    return Flyway.configure(plan.classLoader())
        .dataSource(dataSource)
        .locations(plan.location())
        .table(plan.historyTable())
        // Other bundles' tables share the schema: start this owner's history at version 0.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .failOnMissingLocations(true)
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .load();
  }

  private static String describe(MigrationPlan plan) {
    return "Schema migration of '"
        + plan.owner()
        + "' (location "
        + plan.location()
        + ", history table "
        + plan.historyTable()
        + ")";
  }
}
