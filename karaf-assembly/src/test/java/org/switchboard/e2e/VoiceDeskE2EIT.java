package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * Calls between real SIP phones, worked from the REST API and from the agent desktop in Chromium:
 * baresip user agents (the customer, agent4's desk phone, the supervisor's phone), each sending its
 * own sine tone and recording what it hears, so that frequency analysis tells who heard whom when.
 * A supervisor listens in, whispers to the agent, barges in and stops (REST, then the desktop); an
 * agent holds, resumes and hangs up a call from the desktop and wraps it up there.
 */
public class VoiceDeskE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Login AGENT4 = new Login("agent4", "agent4");
  private static final Duration EVENT = Duration.ofSeconds(30);
  private static final int CUSTOMER = 1000;
  private static final int AGENT = 440;
  private static final int BOSS = 700;
  private static final int MUSIC = 520;

  /** Masks of {@link Tones#mixLabels} with the candidates CUSTOMER, AGENT, BOSS in this order. */
  private static final int C = 1;

  private static final int A = 2;
  private static final int S = 4;

  private static RunningDistribution appliance;
  private static Desk desk;
  private static Browser browser;

  @BeforeClass
  public static void start() throws IOException {
    browser = Browser.shop();
    appliance =
        Desk.demoAppliance(
            "voice-desk",
            java.util.Map.of("musicOnHold", "test-music"),
            home -> {
              try {
                Tones.writeWav(
                    home.resolve("data").resolve("prompts").resolve("test-music.wav"),
                    Tones.sine(4, MUSIC));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    browser.pointAt("http://127.0.0.1:" + appliance.httpPort());
    desk = new Desk(appliance);
    // Demo mode gave the supervisor a phone profile; the admin sets its SIP password anew.
    HttpResponse<String> password =
        appliance
            .http()
            .put("/api/v1/sip/credentials/supervisor", ADMIN, "{\"password\":\"boss-phone-42\"}");
    assertEquals(password.body(), 204, password.statusCode());
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  /** agent4 takes each test's call; nobody else is ready. */
  @org.junit.Before
  public void onlyAgent4() throws IOException {
    desk.closeOpen("voice");
    for (String agent : List.of("agent1", "agent2", "agent3", "agent4")) {
      desk.state(agent, "LOGGED_OUT");
    }
  }

  @Test
  public void listenThenWhisperThenBargeThenStop_eachHeardByWhomItShouldBe() throws Exception {
    try (Baresip phone = Baresip.start(150, AGENT, true);
        Baresip customer = Baresip.start(150, CUSTOMER, true);
        Baresip boss = Baresip.start(150, BOSS, true)) {
      register(phone, "agent4", "agent4");
      desk.ready("agent4");
      dialSupport(customer);
      phone.awaitEvent("CALL_ESTABLISHED", EVENT);
      customer.awaitEvent("CALL_ESTABLISHED", EVENT);
      String id = awaitConnected();
      String monitor = "/api/v1/interactions/" + id + "/monitor";

      // Refused, each with its reason: an agent may not; a mode that does not exist; no phone yet.
      assertEquals(
          403, appliance.http().post(monitor, AGENT4, "{\"mode\":\"listen\"}").statusCode());
      HttpResponse<String> bad = appliance.http().post(monitor, SUPERVISOR, "{\"mode\":\"shout\"}");
      assertEquals(bad.body(), 400, bad.statusCode());
      HttpResponse<String> noPhone =
          appliance.http().post(monitor, SUPERVISOR, "{\"mode\":\"listen\"}");
      assertEquals(noPhone.body(), 409, noPhone.statusCode());
      assertTrue(noPhone.body(), noPhone.body().contains("no registered phone"));
      assertEquals(404, appliance.http().get(monitor, SUPERVISOR).statusCode());

      register(boss, "supervisor", "boss-phone-42");
      Baresip.talkFor(1_500);
      HttpResponse<String> started =
          appliance.http().post(monitor, SUPERVISOR, "{\"mode\":\"listen\"}");
      assertEquals(started.body(), 201, started.statusCode());
      assertEquals("listen", JSON.readTree(started.body()).path("mode").asText());
      boss.awaitEvent("CALL_ESTABLISHED", EVENT);
      awaitState(monitor, "connected");
      HttpResponse<String> second = appliance.http().post(monitor, ADMIN, "{\"mode\":\"barge\"}");
      assertEquals(second.body(), 409, second.statusCode());

      Baresip.talkFor(2_500);
      change(monitor, "whisper");
      Baresip.talkFor(2_500);
      change(monitor, "barge");
      Baresip.talkFor(2_500);
      HttpResponse<String> stopped = appliance.http().delete(monitor, SUPERVISOR);
      assertEquals(stopped.body(), 204, stopped.statusCode());
      boss.awaitEvent("CALL_CLOSED", EVENT);
      assertEquals(404, appliance.http().get(monitor, SUPERVISOR).statusCode());
      Baresip.talkFor(2_000);

      // Once more, and this time the supervisor hangs up their phone: the call goes on.
      HttpResponse<String> again =
          appliance.http().post(monitor, SUPERVISOR, "{\"mode\":\"listen\"}");
      assertEquals(again.body(), 201, again.statusCode());
      awaitState(monitor, "connected");
      Baresip.talkFor(1_000);
      boss.command("hangup", "", EVENT);
      RunningDistribution.waitFor(
          EVENT, () -> status(monitor) == 404, "the supervisor off the call after hanging up");
      assertEquals("CONNECTED", desk.interaction(id).path("state").asText());
      Baresip.talkFor(1_000);
      int[] agentHeard = hangUpAndHearWhatTheAgentHeard(customer, phone);
      assertTrue(
          Arrays.toString(agentHeard), Tones.count(agentHeard, C | S) >= 35); // whisper+barge
      assertTrue(Arrays.toString(agentHeard), Tones.count(agentHeard, C) >= 30); // listen, before

      int[] customerHeard = heard(customer);
      assertEquals(
          "what the customer heard: " + Arrays.toString(customerHeard),
          List.of(A, A | S, A),
          Tones.sequence(customerHeard, 3));
      assertTrue(Arrays.toString(customerHeard), Tones.count(customerHeard, A | S) >= 15); // barge
      assertTrue(Arrays.toString(customerHeard), Tones.count(customerHeard, A | S) <= 35);

      List<Path> bossCalls = boss.recordings("dec.wav");
      assertEquals(boss.tail(), 2, bossCalls.size());
      int[] bossHeard = mixOf(bossCalls.get(0));
      int[] bossHeardLater = mixOf(bossCalls.get(1));
      assertEquals(
          "what the supervisor heard: " + Arrays.toString(bossHeard),
          List.of(C | A),
          Tones.sequence(bossHeard, 3));
      assertTrue(Arrays.toString(bossHeard), Tones.count(bossHeard, C | A) >= 60);
      assertTrue(Arrays.toString(bossHeardLater), Tones.count(bossHeardLater, C | A) >= 3);

      JsonNode call = desk.interaction(id);
      assertEquals(
          call.toString(),
          "supervisor",
          call.path("attributes").path("monitor.supervisor").asText());
      assertEquals(call.toString(), "ended", call.path("attributes").path("monitor.mode").asText());
      JsonNode supervisorLeg = null;
      int supervisorLegs = 0;
      for (JsonNode leg : desk.legs(id)) {
        if ("supervisor".equals(leg.path("leg").asText())) {
          supervisorLegs++;
          supervisorLeg = supervisorLeg == null ? leg : supervisorLeg;
        }
      }
      assertEquals(2, supervisorLegs);
      assertNotNull(supervisorLeg);
      assertEquals(supervisorLeg.toString(), "supervisor", supervisorLeg.path("party").asText());
      assertEquals(
          supervisorLeg.toString(), "supervisor: stopped", supervisorLeg.path("endedBy").asText());
      desk.complete(id);
    }
  }

  @Test
  public void theAgentHoldsResumesAndHangsUpFromTheDesktop_andWrapsUpThere() throws Exception {
    try (Baresip phone = Baresip.start(150, AGENT, true);
        Baresip customer = Baresip.start(150, CUSTOMER, true)) {
      register(phone, "agent4", "agent4");
      java.util.concurrent.CompletableFuture<JsonNode> scenario = inBrowser("voice-agent");
      RunningDistribution.waitFor(
          Duration.ofSeconds(60),
          () -> "READY".equals(agentState("agent4")) || scenario.isDone(),
          "agent4 ready on the desktop");
      dialSupport(customer);
      phone.awaitEvent("CALL_ESTABLISHED", EVENT);
      String id = scenario.get(4, java.util.concurrent.TimeUnit.MINUTES).path("call").asText();
      customer.awaitEvent("CALL_CLOSED", EVENT); // the agent hung up on the desktop
      phone.awaitEvent("CALL_CLOSED", EVENT);

      List<Integer> heard =
          Tones.sequence(Tones.labels(only(customer).get(0), CUSTOMER, AGENT, BOSS, MUSIC), 3);
      assertTrue("what the customer heard: " + heard, heard.contains(AGENT));
      assertEquals(
          "what the customer heard from the agent's answer on: " + heard,
          List.of(AGENT, MUSIC, AGENT),
          heard.subList(heard.indexOf(AGENT), heard.size()));
      int[] agentHeard = Tones.labels(only(phone).get(0), CUSTOMER, AGENT, BOSS, MUSIC);
      assertEquals( // no music for the agent: on hold they hear nothing
          Arrays.toString(agentHeard), List.of(CUSTOMER), Tones.sequence(agentHeard, 3));

      JsonNode call = desk.interaction(id);
      assertEquals(call.toString(), "CLOSED", call.path("state").asText());
      assertEquals(call.toString(), "resolved", call.path("disposition").path("code").asText());
      List<String> timeline = desk.timeline(id);
      assertTrue(timeline.toString(), timeline.contains("held"));
      assertTrue(timeline.toString(), timeline.contains("resumed"));
      assertTrue(
          timeline.toString(),
          timeline.indexOf("held") < timeline.indexOf("resumed")
              && timeline.indexOf("resumed") < timeline.indexOf("conversation-ended"));
    }
  }

  @Test
  public void theSupervisorListensAndWhispersFromTheDesktopWithTheirPhone() throws Exception {
    try (Baresip phone = Baresip.start(150, AGENT, true);
        Baresip customer = Baresip.start(150, CUSTOMER, true);
        Baresip boss = Baresip.start(150, BOSS, true)) {
      register(phone, "agent4", "agent4");
      register(boss, "supervisor", "boss-phone-42");
      desk.ready("agent4");
      dialSupport(customer);
      phone.awaitEvent("CALL_ESTABLISHED", EVENT);
      String id = awaitConnected();

      JsonNode result = browser.run("voice-supervisor");
      assertEquals(id, result.path("call").asText());
      boss.awaitEvent("CALL_ESTABLISHED", EVENT);
      boss.awaitEvent("CALL_CLOSED", EVENT);
      Baresip.talkFor(1_000);
      int[] agentHeard = hangUpAndHearWhatTheAgentHeard(customer, phone);
      assertTrue(Arrays.toString(agentHeard), Tones.count(agentHeard, C | S) >= 15);
      int[] customerHeard = heard(customer);
      assertEquals(
          "the customer never heard the supervisor: "
              + Arrays.toString(customerHeard)
              + "; by tone: "
              + Arrays.toString(Tones.labels(only(customer).get(0), CUSTOMER, AGENT, BOSS, MUSIC)),
          List.of(A),
          Tones.sequence(customerHeard, 3));
      int[] bossHeard = Tones.mixLabels(only(boss).get(0), CUSTOMER, AGENT, BOSS);
      assertTrue(Arrays.toString(bossHeard), Tones.count(bossHeard, C | A) >= 30);
      desk.complete(id);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /**
   * The customer hangs up; what the agent heard was the customer alone, then the customer with the
   * supervisor (whispering or barging), then the customer alone again.
   */
  private static int[] hangUpAndHearWhatTheAgentHeard(Baresip customer, Baresip phone)
      throws IOException {
    customer.command("hangup", "", EVENT);
    customer.awaitEvent("CALL_CLOSED", EVENT);
    phone.awaitEvent("CALL_CLOSED", EVENT);
    int[] agentHeard = heard(phone);
    assertEquals(
        "what the agent heard, 100 ms windows: " + Arrays.toString(agentHeard),
        List.of(C, C | S, C),
        Tones.sequence(agentHeard, 3));
    return agentHeard;
  }

  private static void register(Baresip phone, String user, String password) {
    phone.addAccount(Baresip.account(appliance.sipPort(), user, password));
    phone.awaitEvent("REGISTER_OK", EVENT);
  }

  /** The customer calls the demo queue support's number. */
  private static void dialSupport(Baresip customer) {
    customer.addAccount("<sip:customer@127.0.0.1>;regint=0");
    JsonNode dial = customer.command("dial", "sip:100@127.0.0.1:" + appliance.sipPort(), EVENT);
    assertTrue(dial.toString() + customer.tail(), dial.path("ok").asBoolean());
  }

  /** Runs a browser scenario while the test goes on driving the phones. */
  private static java.util.concurrent.CompletableFuture<JsonNode> inBrowser(String scenario) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            return browser.run(scenario);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  private static String agentState(String agent) {
    try {
      return JSON.readTree(appliance.http().get("/api/v1/agents/" + agent, SUPERVISOR).body())
          .path("state")
          .asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one call a phone recorded: what it heard, as channels. */
  private static List<Tones.Channel> only(Baresip who) throws IOException {
    List<Path> files = who.recordings("dec.wav");
    assertEquals("one call recorded: " + files + "\n" + who.tail(), 1, files.size());
    return Tones.read(files.get(0));
  }

  private static void change(String monitor, String mode) throws IOException {
    HttpResponse<String> r =
        appliance.http().put(monitor, SUPERVISOR, "{\"mode\":\"" + mode + "\"}");
    assertEquals(r.body(), 200, r.statusCode());
    assertEquals(r.body(), mode, JSON.readTree(r.body()).path("mode").asText());
  }

  private static void awaitState(String monitor, String state) {
    RunningDistribution.waitFor(
        EVENT,
        () -> {
          try {
            HttpResponse<String> r = appliance.http().get(monitor, SUPERVISOR);
            return r.statusCode() == 200
                && state.equals(JSON.readTree(r.body()).path("state").asText());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        "the supervisor " + state);
  }

  private static int status(String path) {
    try {
      return appliance.http().get(path, SUPERVISOR).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String awaitConnected() {
    String[] id = new String[1];
    RunningDistribution.waitFor(
        EVENT,
        () -> {
          JsonNode call = desk.latestCall("agent4");
          id[0] = call == null ? null : call.path("id").asText();
          return call != null && "CONNECTED".equals(call.path("state").asText());
        },
        "the call connected to agent4");
    return id[0];
  }

  private static int[] heard(Baresip who) throws IOException {
    List<Path> files = who.recordings("dec.wav");
    assertEquals("one call recorded: " + files + "\n" + who.tail(), 1, files.size());
    return mixOf(files.get(0));
  }

  private static int[] mixOf(Path wav) throws IOException {
    return Tones.mixLabels(Tones.read(wav).get(0), CUSTOMER, AGENT, BOSS);
  }
}
