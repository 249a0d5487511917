package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * IVR flows in the started appliance (demo mode): number 200 leads to the flow {@code ivr-test} (an
 * admin's file in {@code etc/flows/}), whose menu prompt is an 880 Hz tone. Pressing 2 looks the
 * caller up in a CRM, here a real HTTP server started by the test, through a Camel route in {@code
 * etc/dips/}: a gold customer goes to {@code billing} with priority 90 and the attribute {@code
 * tier=gold}. Pressing 1 goes to {@code support}. The keys come as RFC 4733 events from the pcap
 * Debian's sip-tester ships (SIPp) and as tones in the audio itself (baresip playing a generated
 * dual-tone file), and the baresip caller is checked by frequency to have heard the menu and then
 * the queue's music.
 */
public class IvrE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final int MENU = 880;
  private static final int MUSIC = 520;

  private static HttpServer crm;
  private static final List<String> crmRequests = new CopyOnWriteArrayList<>();
  private static RunningDistribution appliance;
  private static Desk desk;

  @BeforeClass
  public static void start() throws IOException {
    crm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    crm.createContext(
        "/customers/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          crmRequests.add(path);
          byte[] body =
              (path.endsWith("/tier") ? "{\"tier\":\"gold\",\"name\":{\"last\":\"Li\"}}" : "{}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    crm.start();
    String routes =
        "100=queue:support,101=queue:billing,102=queue:sales,200=flow:ivr-test,"
            + "201=flow:demo-ivr";
    appliance =
        Desk.demoAppliance(
            "ivr",
            Map.of("routes", routes, "musicOnHold", "test-music"),
            home -> {
              write(home.resolve("etc/flows/ivr-test.yaml"), flow());
              write(home.resolve("etc/dips/crm.camel.yaml"), dipRoute(crm.getAddress().getPort()));
              Path prompts = home.resolve("data").resolve("prompts");
              sine(prompts.resolve("test-menu.wav"), 3.0, MENU);
              sine(prompts.resolve("test-music.wav"), 4.0, MUSIC);
            });
    desk = new Desk(appliance);
    desk.awaitFlowEngine("customer-tier");
  }

  @AfterClass
  public static void stop() {
    try {
      if (appliance != null) {
        appliance.close();
      }
    } finally {
      crm.stop(0);
    }
  }

  @After
  public void nothingLeftWaiting() throws IOException {
    for (JsonNode i : read("/api/v1/interactions?channel=voice&limit=20")) {
      if (!i.path("state").asText().matches("CLOSED|ABANDONED")) {
        appliance
            .http()
            .post(
                "/api/v1/interactions/" + i.path("id").asText() + "/abandon",
                SUPERVISOR,
                "{\"reason\":\"left over by a test\"}");
      }
    }
  }

  /** RFC 4733 "2" from the sip-tester pcap: the CRM dip makes the caller a gold billing call. */
  @Test
  public void pressingTwoLooksTheCallerUpAndQueuesAGoldCustomerInBilling() throws Exception {
    CompletableFuture<Sipp.Result> caller =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Sipp.run(
                    "caller-presses-2.xml", appliance.sipPort(), "-s", "200", "-d", "6000");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    JsonNode call = awaitCall(i -> "billing".equals(i.path("queue").asText()), "a call in billing");
    assertEquals(call.toString(), "gold", call.path("attributes").path("tier").asText());
    assertEquals(call.toString(), 90, call.path("priority").asInt());
    assertEquals(call.toString(), "+49305551", call.path("from").asText());
    assertEquals(List.of("/customers/+49305551/tier"), crmRequests.stream().distinct().toList());
    List<String> timeline = desk.timeline(call.path("id").asText());
    assertTrue(timeline.toString(), timeline.indexOf("flow-started") >= 0);
    assertTrue(timeline.toString(), timeline.indexOf("flow-started") < timeline.indexOf("queued"));

    Sipp.Result result = caller.get(60, TimeUnit.SECONDS);
    assertEquals(result.output(), 0, result.exit());
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () -> "ABANDONED".equals(desk.interaction(call.path("id").asText()).path("state").asText()),
        "the call abandoned when the caller hung up");
  }

  /**
   * "1" as tones in the audio (no RFC 4733): the engine's in-band detector hears it, the caller
   * goes to support and hears the menu, then the music.
   */
  @Test
  public void aKeyPressedAsToneInTheAudioIsHeardToo() throws Exception {
    try (Baresip customer = Baresip.start(120, wav -> Tones.silenceThenKeyOne(wav, 2.5), true)) {
      customer.addAccount("<sip:customer@127.0.0.1>;regint=0");
      JsonNode dial =
          customer.command(
              "dial", "sip:200@127.0.0.1:" + appliance.sipPort(), Duration.ofSeconds(20));
      assertTrue(dial.toString(), dial.path("ok").asBoolean());
      customer.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(20));
      JsonNode call =
          awaitCall(i -> "support".equals(i.path("queue").asText()), "the call queued in support");
      String id = call.path("id").asText();
      // The caller listens to the music for three seconds before hanging up.
      java.time.Instant queued = java.time.Instant.now();
      RunningDistribution.waitFor(
          Duration.ofSeconds(20),
          () -> Duration.between(queued, java.time.Instant.now()).toMillis() > 3_000,
          "three seconds of music");
      customer.command("hangup", "", Duration.ofSeconds(20));
      customer.awaitEvent("CALL_CLOSED", Duration.ofSeconds(20));

      List<Path> heard = customer.recordings("dec.wav");
      assertEquals(heard.toString() + customer.tail(), 1, heard.size());
      int[] labels = Tones.labels(Tones.read(heard.get(0)).get(0), MENU, MUSIC);
      assertEquals(
          "what the caller heard: " + Arrays.toString(labels),
          List.of(MENU, MUSIC),
          Tones.sequence(labels, 3));
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "ABANDONED".equals(desk.interaction(id).path("state").asText()),
          "the call abandoned when the caller hung up");
    }
  }

  /**
   * The demo IVR (deployed by demo mode, spoken by espeak-ng, no recorded prompts): 2 leads to
   * billing, and the spoken menu is in the speech cache.
   */
  @Test
  public void theDemoIvrSpeaksItsMenuAndRoutesByKey() throws Exception {
    java.time.Instant started = java.time.Instant.now();
    Sipp.Result result =
        Sipp.run("caller-presses-2.xml", appliance.sipPort(), "-s", "201", "-d", "3000");
    assertEquals(result.output(), 0, result.exit());
    JsonNode[] found = new JsonNode[1];
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () -> {
          found[0] = read("/api/v1/interactions?channel=voice&limit=1").path(0);
          return java.time.Instant.parse(found[0].path("createdAt").asText()).isAfter(started)
              && "ABANDONED".equals(found[0].path("state").asText());
        },
        "the demo IVR's call abandoned after the caller hung up");
    JsonNode call = found[0];
    assertEquals(call.toString(), "billing", call.path("queue").asText());
    assertTrue(desk.timeline(call.path("id").asText()).contains("flow-started"));
    try (java.util.stream.Stream<Path> spoken =
        Files.list(appliance.home().resolve("data/tts-cache"))) {
      assertTrue("the menu was rendered", spoken.anyMatch(p -> p.toString().endsWith(".wav")));
    }
  }

  /**
   * Hot swap: the flow engine bundle is updated while five callers are in the menu. Its runs end by
   * sending every caller to the flow's fallback queue: none is dropped or abandoned by the update,
   * and the updated engine runs the next call's menu again.
   */
  @Test
  public void updatingTheFlowEngineUnderCallsLosesNoCaller() throws Exception {
    java.time.Instant started = java.time.Instant.now();
    CompletableFuture<Sipp.Result> callers =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Sipp.run(
                    "caller.xml",
                    appliance.sipPort(),
                    5,
                    "-s",
                    "200",
                    "-l",
                    "5",
                    "-r",
                    "5",
                    "-d",
                    "12000");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    RunningDistribution.waitFor(
        Duration.ofSeconds(20),
        () ->
            callsSince(started).stream()
                    .filter(i -> "IN_FLOW".equals(i.path("state").asText()))
                    .count()
                == 5,
        "five callers in the menu");
    String update = appliance.client("admin", "admin", "bundle:update org.switchboard.flow.impl");
    assertTrue(update, !update.contains("Error"));
    RunningDistribution.waitFor(
        Duration.ofSeconds(20),
        () ->
            callsSince(started).stream()
                    .filter(
                        i ->
                            "QUEUED".equals(i.path("state").asText())
                                && "support".equals(i.path("queue").asText()))
                    .count()
                == 5,
        "the five callers in the fallback queue");
    Sipp.Result result = callers.get(60, TimeUnit.SECONDS);
    assertEquals(result.output(), 0, result.exit());
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () ->
            callsSince(started).stream()
                .allMatch(i -> "ABANDONED".equals(i.path("state").asText())),
        "the five calls abandoned when their callers hung up");
    assertEquals(5, callsSince(started).size());

    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () ->
            appliance
                .client("admin", "admin", "service:list org.switchboard.flow.api.FlowService")
                .contains("org.switchboard.flow.impl"),
        "the updated flow engine");
    pressingTwoLooksTheCallerUpAndQueuesAGoldCustomerInBilling();
  }

  private static List<JsonNode> callsSince(java.time.Instant since) {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode i : read("/api/v1/interactions?channel=voice&limit=20")) {
      if (java.time.Instant.parse(i.path("createdAt").asText()).isAfter(since)) {
        out.add(i);
      }
    }
    return out;
  }

  // ---- the admin's files -----------------------------------------------------------------

  private static String flow() {
    return String.join(
        "\n",
        "id: ivr-test",
        "name: E2E menu",
        "start: menu",
        "fallback: support",
        "nodes:",
        "  menu:",
        "    type: menu",
        "    prompts: [test-menu]",
        "    options:",
        "      \"1\": support",
        "      \"2\": lookup",
        "    timeoutSeconds: 10",
        "    retries: 1",
        "    onFailure: sales",
        "  lookup:",
        "    type: data",
        "    dip: customer-tier",
        "    input:",
        "      caller: ${caller}",
        "    timeoutMillis: 5000",
        "    into: crm",
        "    next: tier",
        "    onError: support",
        "  tier:",
        "    type: branch",
        "    conditions:",
        "      - variable: crm.tier",
        "        equals: gold",
        "        next: markGold",
        "    otherwise: support",
        "  markGold:",
        "    type: set",
        "    attributes:",
        "      tier: gold",
        "    next: billing",
        "  billing:",
        "    type: queue",
        "    queue: billing",
        "    priority: 90",
        "  support:",
        "    type: queue",
        "    queue: support",
        "  sales:",
        "    type: queue",
        "    queue: sales",
        "");
  }

  /** A Camel route an admin drops in etc/dips: the CRM's REST API by the caller's number. */
  private static String dipRoute(int port) {
    return String.join(
        "\n",
        "- route:",
        "    id: customer-tier",
        "    from:",
        "      uri: direct:dip-customer-tier",
        "      steps:",
        "        - toD:",
        "            uri: \"http://127.0.0.1:"
            + port
            + "/customers/${header.caller}/tier?httpMethod=GET\"",
        "");
  }

  // ---- audio files -----------------------------------------------------------------------

  private static void sine(Path wav, double seconds, int hz) {
    try {
      Tones.writeWav(wav, Tones.sine(seconds, hz));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the core --------------------------------------------------------------------------

  private static JsonNode awaitCall(java.util.function.Predicate<JsonNode> match, String what) {
    JsonNode[] found = new JsonNode[1];
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> {
          for (JsonNode i : read("/api/v1/interactions?channel=voice&limit=5")) {
            if (!i.path("state").asText().matches("CLOSED|ABANDONED") && match.test(i)) {
              found[0] = i;
              return true;
            }
          }
          return false;
        },
        what);
    return found[0];
  }

  private static JsonNode read(String path) {
    try {
      return JSON.readTree(appliance.http().get(path, SUPERVISOR).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
