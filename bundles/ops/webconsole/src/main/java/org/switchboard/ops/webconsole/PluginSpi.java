package org.switchboard.ops.webconsole;

import java.util.Optional;
import org.switchboard.channel.spi.ChannelPlugin;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.core.api.interaction.CustomerResolver;
import org.switchboard.reports.api.Report;

/**
 * The service interfaces a plugin implements, matched by name in a service's {@code objectClass},
 * so a partner bundle is recognised even when it is wired to another version of the package.
 *
 * <p>The CRM and flow interfaces are named by string: this bundle does not import their packages.
 */
enum PluginSpi {
  CHANNEL(ChannelPlugin.class.getName(), "channel", null),
  CRM("org.switchboard.crm.api.CrmConnector", "crm", "switchboard.crm.connector"),
  REPORT(Report.class.getName(), "report", null),
  DATA_DIP("org.switchboard.flow.api.DataDip", "data-dip", "dip.name"),
  CUSTOMER_RESOLVER(CustomerResolver.class.getName(), "customer-resolver", null),
  HEALTH(HealthIndicator.class.getName(), "health", null);

  private final String type;
  private final String kind;
  private final String nameProperty;

  /**
   * @param type the interface's fully qualified name
   * @param kind what the page calls it
   * @param nameProperty the service property that names the service, if the SPI defines one
   */
  PluginSpi(String type, String kind, String nameProperty) {
    this.type = type;
    this.kind = kind;
    this.nameProperty = nameProperty;
  }

  String type() {
    return type;
  }

  String kind() {
    return kind;
  }

  /** The interface's simple name, what the page shows when the service has no name. */
  String simpleName() {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /** The service property naming a service of this SPI, empty when the SPI has none. */
  Optional<String> nameProperty() {
    return Optional.ofNullable(nameProperty);
  }

  /** The SPI with this interface name. */
  static Optional<PluginSpi> of(String type) {
    for (PluginSpi spi : values()) {
      if (spi.type.equals(type)) {
        return Optional.of(spi);
      }
    }
    return Optional.empty();
  }
}
