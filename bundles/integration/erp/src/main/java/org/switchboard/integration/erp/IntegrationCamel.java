package org.switchboard.integration.erp;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel context of the outbound integrations, with the {@code amqp} component pointed at the
 * broker that carries the core's events. Each integration (a webhook, the tickets) adds its routes
 * here when its configuration appears and removes them when it goes; the context itself lives as
 * long as the bundle.
 */
@Component(service = IntegrationCamel.class, configurationPid = "org.switchboard.integration")
@Designate(ocd = IntegrationConfig.class)
public class IntegrationCamel {
  private static final Logger LOG = LoggerFactory.getLogger(IntegrationCamel.class);

  private final String brokerUrl;
  private final CamelContext camel;
  private final ProducerTemplate producer;
  private final ConsumerTemplate consumer;

  @Activate
  public IntegrationCamel(IntegrationConfig config) {
    this(brokerUrl(config.brokerUrl()));
  }

  /** A context whose {@code amqp} component connects to {@code brokerUrl}. */
  public IntegrationCamel(String brokerUrl) {
    this.brokerUrl = brokerUrl;
    this.camel = newContext("switchboard-integration", brokerUrl);
    this.producer = camel.createProducerTemplate();
    this.consumer = camel.createConsumerTemplate();
    LOG.info("integration routes use the broker at {}", brokerUrl);
  }

  /**
   * A started context whose {@code amqp} component reaches the broker: topics and queues by their
   * plain address names ({@code amqp:topic:switchboard.events}).
   */
  static CamelContext newContext(String name, String brokerUrl) {
    DefaultCamelContext context = new DefaultCamelContext();
    // In OSGi the Camel wrapper bundle's class loader sees META-INF/services of every component.
    context.setApplicationContextClassLoader(DefaultCamelContext.class.getClassLoader());
    context.getCamelContextExtension().setName(name);
    // Topics by their plain name: the core publishes to the address switchboard.events, and the
    // topic:// prefix AMQPComponent.amqpComponent(url) sets would subscribe to another address
    // that never gets an event.
    context.addComponent("amqp", new AMQPComponent(new JmsConnectionFactory(brokerUrl)));
    context.getShutdownStrategy().setTimeout(10);
    context.getShutdownStrategy().setShutdownNowOnTimeout(true);
    context.start();
    return context;
  }

  @Deactivate
  public void close() {
    camel.stop();
  }

  /** Adds and starts routes. */
  void add(RouteBuilder routes) throws Exception {
    camel.addRoutes(routes);
  }

  /** Stops and removes routes; ones that do not exist are skipped. */
  void remove(List<String> routeIds) {
    for (String id : routeIds) {
      try {
        if (camel.getRoute(id) != null) {
          camel.getRouteController().stopRoute(id);
          camel.removeRoute(id);
        }
      } catch (Exception e) {
        LOG.warn("route {} not removed: {}", id, e.toString());
      }
    }
  }

  String brokerUrl() {
    return brokerUrl;
  }

  ProducerTemplate producer() {
    return producer;
  }

  ConsumerTemplate consumer() {
    return consumer;
  }

  private static String brokerUrl(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    String host = System.getProperty("switchboard.artemis.host", "127.0.0.1");
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    return "amqp://" + host + ":" + System.getProperty("switchboard.artemis.amqp.port", "5672");
  }
}
