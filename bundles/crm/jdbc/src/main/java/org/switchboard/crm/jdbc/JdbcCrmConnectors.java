package org.switchboard.crm.jdbc;

import java.time.Clock;
import java.util.Hashtable;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.crm.api.CrmConnector;

/**
 * One configured JDBC CRM ({@code etc/org.switchboard.crm.jdbc-<name>.cfg}), published as a {@link
 * CrmConnector} while the DataSource service it names is there. A configuration with a mistake is
 * logged with the setting at fault and publishes nothing.
 */
@Component(
    service = {},
    configurationPid = "org.switchboard.crm.jdbc",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JdbcCrmConfig.class, factory = true)
public class JdbcCrmConnectors {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcCrmConnectors.class);

  private ServiceTracker<DataSource, ServiceRegistration<CrmConnector>> tracker;

  @Activate
  void activate(BundleContext context, JdbcCrmConfig config) {
    String source = config.dataSourceName() == null ? "" : config.dataSourceName().strip();
    if (!source.matches("[A-Za-z0-9._-]{1,64}")) {
      LOG.error(
          "JDBC CRM connector '{}' not started: dataSourceName: '{}' is no DataSource name",
          config.name(),
          config.dataSourceName());
      return;
    }
    try {
      new JdbcCrmConnector(config, null, Clock.systemUTC()); // checks the settings now
      tracker =
          new ServiceTracker<>(
              context,
              FrameworkUtil.createFilter(
                  "(&(objectClass=javax.sql.DataSource)(dataSourceName=" + source + "))"),
              null) {
            @Override
            public ServiceRegistration<CrmConnector> addingService(
                ServiceReference<DataSource> ref) {
              return publish(context, config, context.getService(ref));
            }

            @Override
            public void removedService(
                ServiceReference<DataSource> ref, ServiceRegistration<CrmConnector> reg) {
              reg.unregister();
              context.ungetService(ref);
            }
          };
      tracker.open();
    } catch (IllegalArgumentException | InvalidSyntaxException e) {
      LOG.error("JDBC CRM connector '{}' not started: {}", config.name(), e.getMessage());
    }
  }

  private static ServiceRegistration<CrmConnector> publish(
      BundleContext context, JdbcCrmConfig config, DataSource dataSource) {
    JdbcCrmConnector connector = new JdbcCrmConnector(config, dataSource, Clock.systemUTC());
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(CrmConnector.NAME, connector.name());
    properties.put(Constants.SERVICE_RANKING, config.ranking());
    LOG.info("JDBC CRM connector '{}' started on {}", connector.name(), config.dataSourceName());
    return context.registerService(CrmConnector.class, connector, properties);
  }

  @Deactivate
  void deactivate() {
    if (tracker != null) {
      tracker.close();
    }
  }
}
