package org.switchboard.crm.rest;

import java.time.Clock;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.crm.api.CrmConnector;

/**
 * One configured REST CRM ({@code etc/org.switchboard.crm.rest-<name>.cfg}), published as a {@link
 * CrmConnector} under its name. A configuration with a mistake is reported in the log with the
 * setting at fault and publishes nothing; fixing the file brings the connector up.
 */
@Component(
    service = {},
    configurationPid = "org.switchboard.crm.rest",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RestCrmConfig.class, factory = true)
public class RestCrmConnectors {
  private static final Logger LOG = LoggerFactory.getLogger(RestCrmConnectors.class);

  private ServiceRegistration<CrmConnector> registration;

  @Activate
  void activate(BundleContext context, RestCrmConfig config) {
    RestCrmConnector connector;
    try {
      connector = new RestCrmConnector(config, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      LOG.error("REST CRM connector '{}' not started: {}", config.name(), e.getMessage());
      return;
    }
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(CrmConnector.NAME, connector.name());
    properties.put(Constants.SERVICE_RANKING, config.ranking());
    registration = context.registerService(CrmConnector.class, connector, properties);
    LOG.info("REST CRM connector '{}' started", connector.name());
  }

  @Deactivate
  void deactivate() {
    if (registration != null) {
      registration.unregister();
      registration = null;
    }
  }
}
