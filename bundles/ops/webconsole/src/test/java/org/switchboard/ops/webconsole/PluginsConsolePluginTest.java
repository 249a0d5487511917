package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.kar.KarService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.switchboard.channel.spi.ChannelPlugin;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.ops.webconsole.PluginFakes.FakeBundle;

class PluginsConsolePluginTest {
  @TempDir Path data;

  private final FakeBundle console = new FakeBundle(140, "org.switchboard.ops.webconsole", 32);
  private final FakeBundle framework = new FakeBundle(0, "org.apache.felix.framework", 32);
  private final FakeBundle jackson = new FakeBundle(20, "com.fasterxml.jackson.core", 32);
  private final FakeBundle sip = new FakeBundle(90, "org.switchboard.channel.sip", Bundle.ACTIVE);
  private final FakeBundle whatsapp = new FakeBundle(95, "com.acme.whatsapp", Bundle.ACTIVE);
  private final List<String> karCalls = new ArrayList<>();
  private final List<String> installed = new ArrayList<>();
  private String karFailure;
  private PluginsConsolePlugin page;

  @BeforeEach
  void setUp() {
    page =
        new PluginsConsolePlugin(
            PluginFakes.context(data, console, framework, jackson, sip, whatsapp), 64 * 1024);
    page.karService = karService();
  }

  /** A KAR service that records what it is asked; {@code install} sees the uploaded file. */
  private KarService karService() {
    return (KarService)
        Proxy.newProxyInstance(
            KarService.class.getClassLoader(),
            new Class<?>[] {KarService.class},
            (p, m, args) -> {
              switch (m.getName()) {
                case "install" -> {
                  Path file = Path.of((URI) args[0]);
                  karCalls.add("install " + file.getFileName() + " exists=" + Files.exists(file));
                  if (karFailure != null) {
                    throw new IllegalStateException(karFailure);
                  }
                  installed.add(file.getFileName().toString().replace(".kar", ""));
                  return null;
                }
                case "list" -> {
                  return List.copyOf(installed);
                }
                case "uninstall" -> {
                  karCalls.add("uninstall " + args[0]);
                  installed.remove((String) args[0]);
                  return null;
                }
                default -> throw new UnsupportedOperationException(m.getName());
              }
            });
  }

  private JsonNode get(String name) throws IOException {
    ConsoleExchange answered =
        ConsoleExchange.get("/" + PluginsConsolePlugin.LABEL + "/" + name).getFrom(page);
    assertThat(answered.status).isEqualTo(200);
    return answered.json();
  }

  /** A POST with the console's header unless {@code headers} say otherwise. */
  private ConsoleExchange post(String action, Map<String, String> headers, byte[] body)
      throws IOException {
    ConsoleExchange posted =
        ConsoleExchange.upload("/" + PluginsConsolePlugin.LABEL + "/" + action, body);
    headers.forEach(posted::header);
    return posted.postTo(page);
  }

  private ConsoleExchange upload(String name, byte[] body) throws IOException {
    return post(
        "install.json",
        name == null ? Map.of() : Map.of(PluginsConsolePlugin.FILE_NAME_HEADER, name),
        body);
  }

  private ConsoleExchange bundleAction(String action, long id) throws IOException {
    return post(
        action + ".json", Map.of(), ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUploadWithABadNameIs400WithTheReason() throws IOException {
    ConsoleExchange a = upload("acme.zip", KarUploadTest.kar());
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json().path("error").asText()).isEqualTo("validation");
    assertThat(a.json().path("message").asText()).contains("'acme.zip' is not a KAR");
    assertThat(upload(null, KarUploadTest.kar()).json().path("message").asText())
        .contains("no file name");
    assertThat(karCalls).isEmpty();
  }

  @Test
  void anUploadThatIsNotAZipIs400() throws IOException {
    ConsoleExchange a = upload("acme.kar", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json().path("message").asText()).contains("a KAR is a zip archive");
    assertThat(karCalls).isEmpty();
  }

  @Test
  void anUploadAboveTheLimitIs400() throws IOException {
    ConsoleExchange a = upload("acme.kar", new byte[65 * 1024]);
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json().path("message").asText())
        .isEqualTo(
            "file: acme.kar is 65 KiB: the limit is 64 KiB (copy larger KARs to deploy/ instead)");
  }

  @Test
  void aGoodKarIsInstalledFromATemporaryFileThatIsThenDeleted() throws IOException {
    ConsoleExchange a = upload("acme-whatsapp-1.2.0.kar", KarUploadTest.kar());
    assertThat(a.status).isEqualTo(201);
    assertThat(a.json().path("kar").asText()).isEqualTo("acme-whatsapp-1.2.0");
    assertThat(a.json().path("listed").asBoolean()).isTrue();
    assertThat(karCalls).containsExactly("install acme-whatsapp-1.2.0.kar exists=true");
    try (var left = Files.walk(data.resolve("tmp"))) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }

    ConsoleExchange uninstalled =
        post(
            "uninstall.json",
            Map.of(),
            "{\"name\":\"acme-whatsapp-1.2.0\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(uninstalled.status).isEqualTo(200);
    assertThat(karCalls).endsWith("uninstall acme-whatsapp-1.2.0");
  }

  @Test
  void karafsFailureIs409WithKarafsReason() throws IOException {
    karFailure = "Feature acme-whatsapp requires org.switchboard.channel.spi [2.0,3)";
    ConsoleExchange a = upload("acme.kar", KarUploadTest.kar());
    assertThat(a.status).isEqualTo(409);
    assertThat(a.json().path("message").asText())
        .isEqualTo("Karaf could not install acme.kar: " + karFailure);
  }

  @Test
  void withoutKarSupportAnUploadIs409SayingHowToFixIt() throws IOException {
    page.karService = null;
    ConsoleExchange a = upload("acme.kar", KarUploadTest.kar());
    assertThat(a.status).isEqualTo(409);
    assertThat(a.json().path("message").asText()).contains("feature:install kar");
  }

  @Test
  void uninstallingAnUnknownKarIs404() throws IOException {
    ConsoleExchange a =
        post("uninstall.json", Map.of(), "{\"name\":\"nope\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(a.status).isEqualTo(404);
  }

  @Test
  void theFrameworkTheConsoleAndOtherBundlesAreRefusedWith409() throws IOException {
    ConsoleExchange f = bundleAction("stop", 0);
    assertThat(f.status).isEqualTo(409);
    assertThat(f.json().path("message").asText()).contains("OSGi framework");

    ConsoleExchange c = bundleAction("update", 140);
    assertThat(c.status).isEqualTo(409);
    assertThat(c.json().path("message").asText()).contains("serves this page");

    ConsoleExchange j = bundleAction("stop", 20);
    assertThat(j.status).isEqualTo(409);
    assertThat(j.json().path("message").asText()).contains("manages plugins only");

    assertThat(framework.calls).isEmpty();
    assertThat(console.calls).isEmpty();
    assertThat(jackson.calls).isEmpty();
  }

  @Test
  void anUnknownBundleIs404AndABadIdIs400() throws IOException {
    assertThat(bundleAction("start", 999).status).isEqualTo(404);
    assertThat(
            post("start.json", Map.of(), "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)).status)
        .isEqualTo(400);
  }

  @Test
  void updateIsTheHotSwapAndAnswersTheNewState() throws IOException {
    ConsoleExchange a = bundleAction("update", 90);
    assertThat(a.status).isEqualTo(200);
    JsonNode row = a.json();
    assertThat(row.path("symbolicName").asText()).isEqualTo("org.switchboard.channel.sip");
    assertThat(row.path("version").asText()).isEqualTo("1.0.1");
    assertThat(row.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(sip.calls).containsExactly("update");
  }

  @Test
  void restartStopsThenStarts() throws IOException {
    assertThat(bundleAction("restart", 90).json().path("state").asText()).isEqualTo("ACTIVE");
    assertThat(sip.calls).containsExactly("stop", "start");
    assertThat(bundleAction("stop", 90).json().path("state").asText()).isEqualTo("RESOLVED");
  }

  @Test
  void aBundleExceptionIs409WithItsMessage() throws IOException {
    sip.failWith = "Activator start error in bundle org.switchboard.channel.sip [90]";
    ConsoleExchange a = bundleAction("start", 90);
    assertThat(a.status).isEqualTo(409);
    assertThat(a.json().path("message").asText())
        .isEqualTo("could not start org.switchboard.channel.sip: " + sip.failWith);
  }

  @Test
  void aChangeWithoutTheConsoleHeaderIs403() throws IOException {
    ConsoleExchange a =
        post(
            "stop.json",
            Map.of(SwitchboardPage.CSRF_HEADER, "0"),
            "{\"id\":90}".getBytes(StandardCharsets.UTF_8));
    assertThat(a.status).isEqualTo(403);
    assertThat(sip.calls).isEmpty();
  }

  @Test
  void pluginsShowWhatEachProvidesAndHealthShowsChannelsAndComponents() throws IOException {
    whatsapp.register(
        PluginFakes.service(ChannelPlugin.class, Map.of("channelType", ChannelType.of("whatsapp"))),
        Map.of(),
        ChannelPlugin.class.getName());
    whatsapp.register(
        PluginFakes.service(
            HealthIndicator.class,
            Map.of("component", "whatsapp", "check", Health.up("webhook registered"))),
        Map.of(),
        HealthIndicator.class.getName());
    whatsapp.register(
        new Object(), Map.of("dip.name", "order-status"), "org.switchboard.flow.api.DataDip");
    sip.register(
        PluginFakes.service(
            HealthIndicator.class,
            Map.of(
                "component",
                "core",
                "check",
                new Health(Health.Status.UP, "", Map.of("channel.whatsapp", "DEGRADED")))),
        Map.of(),
        HealthIndicator.class.getName());

    JsonNode plugins = get("plugins.json");
    assertThat(plugins.findValuesAsText("symbolicName"))
        .containsExactly(
            "com.acme.whatsapp", "org.switchboard.channel.sip", "org.switchboard.ops.webconsole");
    JsonNode partner = plugins.get(0);
    assertThat(partner.path("origin").asText()).isEqualTo("partner");
    assertThat(partner.path("provides").findValuesAsText("label"))
        .containsExactly("channel: whatsapp", "data-dip: order-status", "health: whatsapp");
    assertThat(partner.path("lastModified").asText()).isEqualTo("2026-01-01T00:00:00Z");

    JsonNode health = get("health.json");
    assertThat(health.path("channels").get(0).path("channel").asText()).isEqualTo("whatsapp");
    assertThat(health.path("channels").get(0).path("state").asText()).isEqualTo("DEGRADED");
    assertThat(health.path("components").findValuesAsText("component"))
        .containsExactlyInAnyOrder("whatsapp", "core");
  }

  @Test
  void karsListsTheInstalledKarsAndTheLimit() throws IOException {
    installed.add("acme-whatsapp-1.2.0");
    JsonNode kars = get("kars.json");
    assertThat(kars.path("available").asBoolean()).isTrue();
    assertThat(kars.path("kars").get(0).asText()).isEqualTo("acme-whatsapp-1.2.0");
    assertThat(kars.path("limitText").asText()).isEqualTo("64 KiB");
  }
}
