package org.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

/** The distribution boots completely and its platform services work, seen from inside Karaf. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionBootIT extends SwitchboardTestSupport {

  @Test
  public void everyBundleIsActiveOrAResolvedFragment() {
    try {
      waitFor(TIMEOUT, () -> notStarted().isEmpty(), "every bundle Active");
    } catch (AssertionError e) {
      throw new AssertionError("not started: " + notStarted(), e);
    }
    assertTrue(
        "expected the whole appliance, got " + bundleContext.getBundles().length + " bundles",
        bundleContext.getBundles().length > 150);
  }

  @Test
  public void camelContextStartsAndRoutesMessages() throws Exception {
    DefaultCamelContext camel = new DefaultCamelContext();
    // stack.md pitfall 6: Camel must load its own classes and META-INF/services with the
    // wrapper bundle's class loader, not the thread's context class loader.
    camel.setApplicationContextClassLoader(DefaultCamelContext.class.getClassLoader());
    camel.getCamelContextExtension().setName("distribution-boot-it");
    try {
      camel.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              from("timer:boot?period=50")
                  .routeId("java-route")
                  .setBody(constant("tick"))
                  .to("log:org.switchboard.itest?level=DEBUG")
                  .to("seda:ticks");
            }
          });
      // A YAML DSL route too: admins drop such routes into the appliance.
      String yaml =
          "- from:\n"
              + "    uri: \"direct:yaml\"\n"
              + "    steps:\n"
              + "      - setBody:\n"
              + "          simple: \"yaml ${body}\"\n";
      Resource resource = ResourceHelper.fromString("memory:boot.yaml", yaml);
      PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
      camel.start();

      ConsumerTemplate consumer = camel.createConsumerTemplate();
      assertEquals("tick", consumer.receiveBody("seda:ticks", TIMEOUT.toMillis(), String.class));
      assertEquals(
          "yaml ok", camel.createProducerTemplate().requestBody("direct:yaml", "ok", String.class));
      assertEquals(2, camel.getRoutes().size());
    } finally {
      camel.stop();
    }
  }

  @Test
  public void camelReachesTheBrokerOverAmqp() throws Exception {
    String url = "amqp://127.0.0.1:" + port(ARTEMIS_AMQP_PORT);
    DefaultCamelContext camel = new DefaultCamelContext();
    camel.setApplicationContextClassLoader(DefaultCamelContext.class.getClassLoader());
    camel.getCamelContextExtension().setName("distribution-boot-amqp-it");
    // camel-amqp with Qpid JMS 2 (jakarta.jms): the path Camel routes take to Switchboard's events.
    camel.addComponent("amqp", AMQPComponent.amqpComponent(url));
    try {
      camel.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              from("amqp:queue:switchboard.itest.amqp").routeId("amqp-in").to("seda:received");
            }
          });
      camel.start();
      camel.createProducerTemplate().sendBody("amqp:queue:switchboard.itest.amqp", "hello");
      assertEquals(
          "hello",
          camel
              .createConsumerTemplate()
              .receiveBody("seda:received", TIMEOUT.toMillis(), String.class));
    } finally {
      camel.stop();
    }
  }

  @Test
  public void switchboardDataSourceAnswers() throws Exception {
    DataSource dataSource = getService(DataSource.class, "(dataSourceName=switchboard)");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT 1")) {
      assertTrue(result.next());
      assertEquals(1, result.getInt(1));
      assertEquals("H2", connection.getMetaData().getDatabaseProductName());
    }
  }

  @Test
  public void artemisAcceptsCoreConnections() throws Exception {
    String url = "tcp://127.0.0.1:" + port(ARTEMIS_CORE_PORT);
    // The broker starts asynchronously (it waits for its protocol plugins): retry until it listens.
    waitFor(TIMEOUT, () -> canOpenSession(url), "an Artemis CORE session at " + url);
  }

  private static boolean canOpenSession(String url) {
    try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
        ClientSessionFactory factory = locator.createSessionFactory();
        ClientSession session = factory.createSession()) {
      session.start();
      return true;
    } catch (Exception notYet) {
      return false;
    }
  }

  private List<String> notStarted() {
    return Arrays.stream(bundleContext.getBundles())
        .filter(b -> b.getState() != Bundle.ACTIVE && !isResolvedFragment(b))
        .map(b -> b.getSymbolicName() + "/" + b.getVersion() + " " + stateName(b.getState()))
        .collect(Collectors.toList());
  }

  private static boolean isResolvedFragment(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    return revision != null
        && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0
        && bundle.getState() == Bundle.RESOLVED;
  }

  private static String stateName(int state) {
    switch (state) {
      case Bundle.INSTALLED:
        return "Installed";
      case Bundle.RESOLVED:
        return "Resolved";
      case Bundle.STARTING:
        return "Starting";
      case Bundle.STOPPING:
        return "Stopping";
      case Bundle.UNINSTALLED:
        return "Uninstalled";
      default:
        return "Active";
    }
  }
}
