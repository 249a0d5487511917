package org.switchboard.platform.db.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;

/**
 * Health of the {@code switchboard} DataSource: a connection is taken and validated within one
 * second. Reports the URL (credentials removed) and the database product; DOWN when the DataSource
 * is missing or does not answer.
 */
@Component(
    name = "org.switchboard.platform.db.health",
    configurationPid = "org.switchboard.platform.db.health",
    service = HealthIndicator.class)
@Designate(ocd = DatabaseHealthIndicator.Config.class)
public class DatabaseHealthIndicator implements HealthIndicator {

  /** Which DataSource to watch. */
  @ObjectClassDefinition(
      name = "Switchboard database health",
      description = "Checks the DataSource the core stores its data in.")
  public @interface Config {
    @AttributeDefinition(
        name = "DataSource filter",
        description = "OSGi filter selecting the DataSource service to check.")
    String dataSource_target() default "(dataSourceName=switchboard)";
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile DataSource dataSource;

  private volatile String target = "(dataSourceName=switchboard)";

  /** For tests and non-OSGi use. */
  public DatabaseHealthIndicator() {}

  DatabaseHealthIndicator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Activate
  @Modified
  void configure(Config config) {
    target = config.dataSource_target();
  }

  @Override
  public String component() {
    return "db";
  }

  @Override
  public Health check() {
    DataSource current = dataSource;
    if (current == null) {
      return Health.down(
          "no DataSource matching " + target + " is registered; check the pax-jdbc configuration");
    }
    long start = System.nanoTime();
    try (Connection connection = current.getConnection()) {
      boolean valid = connection.isValid(1);
      DatabaseMetaData meta = connection.getMetaData();
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("url", JdbcUrls.redact(meta.getURL()));
      metrics.put(
          "product", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
      metrics.put("checkMillis", (System.nanoTime() - start) / 1_000_000);
      if (!valid) {
        return new Health(
            Health.Status.DOWN, "connection did not validate within 1 second", metrics);
      }
      return new Health(Health.Status.UP, "connection valid", metrics);
    } catch (SQLException | RuntimeException e) {
      return Health.down("cannot use the database: " + JdbcUrls.redact(e.getMessage()));
    }
  }
}
