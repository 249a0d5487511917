package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.ops.webconsole.PluginFakes.bundle;
import static org.switchboard.ops.webconsole.PluginFakes.service;
import static org.switchboard.ops.webconsole.PluginFakes.told;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.ops.webconsole.PluginCatalog.Origin;

class PluginCatalogTest {
  private static final String CHANNEL = PluginSpi.CHANNEL.type();
  private static final String REPORT = PluginSpi.REPORT.type();
  private static final String CRM = "org.switchboard.crm.api.CrmConnector";
  private static final String DIP = "org.switchboard.flow.api.DataDip";
  private static final String RESOLVER = "org.switchboard.core.api.interaction.CustomerResolver";
  private static final String HEALTH = "org.switchboard.core.api.health.HealthIndicator";

  private final PluginCatalog catalog = new PluginCatalog();

  @Test
  void switchboardBundlesArePluginsEvenWithoutServices() {
    assertThat(catalog.origin(bundle(12, "org.switchboard.core.api", "ACTIVE")))
        .contains(Origin.SWITCHBOARD);
    assertThat(catalog.origin(bundle(13, "org.switchboard.reports.standard", "RESOLVED")))
        .contains(Origin.SWITCHBOARD);
  }

  @Test
  void aBundleRegisteringAnSpiServiceIsAPartnerPlugin() {
    for (String type : List.of(CHANNEL, REPORT, CRM, DIP, RESOLVER, HEALTH)) {
      assertThat(catalog.origin(bundle(50, "com.acme.x", "ACTIVE", service(type, Map.of()))))
          .as(type)
          .contains(Origin.PARTNER);
    }
  }

  @Test
  void otherBundlesAndTheFrameworkAreNotPlugins() {
    assertThat(catalog.origin(bundle(0, "org.apache.felix.framework", "ACTIVE"))).isEmpty();
    assertThat(catalog.origin(bundle(0, "org.switchboard.fake-framework", "ACTIVE"))).isEmpty();
    assertThat(catalog.origin(bundle(7, "com.fasterxml.jackson.core.jackson-databind", "ACTIVE")))
        .isEmpty();
    assertThat(
            catalog.origin(
                bundle(8, "org.apache.karaf.shell.core", "ACTIVE", service("x.Other", Map.of()))))
        .isEmpty();
    assertThat(catalog.origin(bundle(9, null, "INSTALLED"))).isEmpty();
    // "org.switchboard" without the dot is somebody else's name
    assertThat(catalog.origin(bundle(10, "org.switchboardx.tool", "ACTIVE"))).isEmpty();
  }

  @Test
  void aStoppedPartnerPluginIsRecognisedByWhatItDeclares() {
    PluginBundle stopped =
        new PluginBundle(
            60,
            "com.acme.whatsapp",
            null,
            "2.0.0",
            "RESOLVED",
            "mvn:x",
            Instant.EPOCH,
            false,
            List.of(),
            List.of(CHANNEL, "com.acme.whatsapp.Internal"));
    assertThat(catalog.origin(stopped)).contains(Origin.PARTNER);
    assertThat(catalog.row(stopped, Origin.PARTNER, 1).provides())
        .extracting(PluginCatalog.Provided::label)
        .containsExactly("ChannelPlugin");
  }

  @Test
  void aPartnerPluginSeenOnceStaysListedWhenStopped() {
    catalog.origin(bundle(70, "com.acme.crm", "ACTIVE", service(CRM, Map.of())));
    assertThat(catalog.origin(bundle(70, "com.acme.crm", "RESOLVED"))).contains(Origin.PARTNER);
    assertThat(catalog.origin(bundle(71, "com.acme.other", "RESOLVED"))).isEmpty();
  }

  @Test
  void providesNamesEachServiceByItsPropertyOrWhatItTold() {
    PluginBundle b =
        bundle(
            80,
            "com.acme.suite",
            "ACTIVE",
            told(CHANNEL, "voice"),
            told(REPORT, "queue-interval"),
            service(CRM, Map.of("switchboard.crm.connector", "acme")),
            service(DIP, Map.of("dip.name", "order-status")),
            service(RESOLVER, Map.of()),
            told(HEALTH, "acme-link"),
            service(CHANNEL, Map.of()));
    assertThat(PluginCatalog.provides(b))
        .extracting(PluginCatalog.Provided::label)
        .containsExactly(
            "channel: voice",
            "ChannelPlugin",
            "crm: acme",
            "report: queue-interval",
            "data-dip: order-status",
            "CustomerResolver",
            "health: acme-link");
    assertThat(PluginCatalog.provides(b).get(0))
        .isEqualTo(new PluginCatalog.Provided("channel", "voice", "channel: voice"));
  }

  @Test
  void oneServiceUnderTwoSpisProvidesBoth() {
    PluginBundle.Service sip =
        new PluginBundle.Service(
            List.of(HEALTH, CHANNEL, "org.switchboard.channel.sip.internal.SipEndpoint"),
            Map.of(),
            Map.of(CHANNEL, "voice", HEALTH, "sip"));
    assertThat(PluginCatalog.provides(bundle(81, "org.switchboard.channel.sip", "ACTIVE", sip)))
        .extracting(PluginCatalog.Provided::label)
        .containsExactly("channel: voice", "health: sip");
  }

  @Test
  void rowsListPluginsOnlyPartnersFirst() {
    List<PluginCatalog.Row> rows =
        catalog.rows(
            List.of(
                bundle(0, "org.apache.felix.framework", "ACTIVE"),
                bundle(5, "org.switchboard.core.impl", "ACTIVE"),
                bundle(6, "org.apache.aries.spifly", "ACTIVE"),
                bundle(90, "com.acme.whatsapp", "ACTIVE", told(CHANNEL, "whatsapp")),
                bundle(4, "org.switchboard.core.api", "ACTIVE")),
            5);
    assertThat(rows)
        .extracting(PluginCatalog.Row::symbolicName)
        .containsExactly(
            "com.acme.whatsapp", "org.switchboard.core.api", "org.switchboard.core.impl");
    PluginCatalog.Row partner = rows.get(0);
    assertThat(partner.origin()).isEqualTo("partner");
    assertThat(partner.actions()).containsExactly("stop", "update", "restart");
    assertThat(partner.console()).isFalse();
    assertThat(partner.note()).isNull();
    PluginCatalog.Row console = rows.get(2);
    assertThat(console.console()).isTrue();
    assertThat(console.actions()).isEmpty();
    assertThat(console.note()).contains("serves this page");
  }

  @Test
  void channelsCarryTheCoreStateOfEachChannel() {
    List<PluginBundle> bundles =
        List.of(
            bundle(20, "org.switchboard.channel.sip", "ACTIVE", told(CHANNEL, "voice")),
            bundle(21, "com.acme.whatsapp", "ACTIVE", told(CHANNEL, "whatsapp")),
            bundle(22, "org.switchboard.channel.webchat", "ACTIVE", told(CHANNEL, "chat")));
    assertThat(PluginCatalog.channels(bundles, Map.of("voice", "ONLINE", "chat", "DRAINING")))
        .containsExactly(
            new PluginCatalog.Channel("chat", "DRAINING", 22, "org.switchboard.channel.webchat"),
            new PluginCatalog.Channel("voice", "ONLINE", 20, "org.switchboard.channel.sip"),
            new PluginCatalog.Channel("whatsapp", "UNKNOWN", 21, "com.acme.whatsapp"));
  }
}
