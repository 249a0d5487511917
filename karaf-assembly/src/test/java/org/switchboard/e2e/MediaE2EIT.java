package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * The B2BUA anchors a call's audio (the media engine): two baresip user agents, a customer and
 * agent4's desk phone, each playing its own sine tone and recording what it hears (sndfile). The
 * customer calls the demo number 100 while no agent is ready and hears the queue's greeting and
 * then its music as early media, with their place in line spoken between; an agent becomes ready,
 * the phone auto-answers, and each side hears the other's tone through Switchboard. The prompts are
 * WAV files an admin put into the prompt directory, each a tone of its own, so the test can tell by
 * frequency what was heard when.
 */
public class MediaE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Duration EVENT = Duration.ofSeconds(30);
  private static final int GREETING = 660;
  private static final int MUSIC = 520;
  private static final int CUSTOMER = 1000;
  private static final int AGENT = 440;

  private static RunningDistribution appliance;
  private static Desk desk;

  @BeforeClass
  public static void start() {
    appliance =
        Desk.demoAppliance(
            "media",
            Map.of(
                "queueGreetings", "support=test-greeting",
                "musicOnHold", "test-music",
                "positionAnnouncementSeconds", "4",
                "positionAnnouncement", "You are number {position} in line."),
            home -> {
              Ports.set(home, "org.switchboard.recording.cfg", Map.of("recordQueues", "support"));
              Path prompts = home.resolve("data").resolve("prompts");
              tone(prompts.resolve("test-greeting.wav"), GREETING, 2);
              tone(prompts.resolve("test-music.wav"), MUSIC, 4);
            });
    desk = new Desk(appliance);
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
  }

  @Test
  public void theCallerHearsGreetingThenMusicThenTheAgent_andTheAgentHearsTheCaller()
      throws Exception {
    desk.state("agent4", "NOT_READY");
    try (Baresip phone = Baresip.start(120, AGENT, true);
        Baresip customer = Baresip.start(120, CUSTOMER, true)) {
      phone.addAccount(
          "<sip:agent4@127.0.0.1:"
              + appliance.sipPort()
              + ">;auth_pass=agent4;answermode=auto;regint=300");
      phone.awaitEvent("REGISTER_OK", EVENT);
      customer.addAccount("<sip:customer@127.0.0.1>;regint=0");

      JsonNode dial = customer.command("dial", "sip:100@127.0.0.1:" + appliance.sipPort(), EVENT);
      assertTrue(dial.toString() + customer.tail(), dial.path("ok").asBoolean());
      JsonNode queued = awaitQueued();
      // The caller waits seven seconds in the queue: two of greeting, music, at four seconds the
      // spoken place in line (espeak-ng), music again.
      Instant since = Instant.parse(queued.path("createdAt").asText());
      RunningDistribution.waitFor(
          Duration.ofSeconds(20),
          () -> Duration.between(since, Instant.now()).toMillis() > 7_000,
          "seven seconds of waiting");
      desk.ready("agent4");
      phone.awaitEvent("CALL_ESTABLISHED", EVENT);
      customer.awaitEvent("CALL_ESTABLISHED", EVENT);
      // They talk; after a second the agent pauses the recording for a second and a half (the
      // customer reads out a card number), then they talk two seconds more and the customer
      // hangs up.
      String id = desk.latestCall("agent4").path("id").asText();
      Baresip.talkFor(1_000);
      assertEquals(
          403,
          appliance
              .http()
              .post(paused(id, "pause"), new Login("agent3", "agent3"), "{}")
              .statusCode());
      java.net.http.HttpResponse<String> pause =
          appliance.http().post(paused(id, "pause"), new Login("agent4", "agent4"), "{}");
      assertEquals(pause.body(), 200, pause.statusCode());
      Baresip.talkFor(1_500);
      assertEquals(
          200,
          appliance
              .http()
              .post(paused(id, "resume"), new Login("agent4", "agent4"), "{}")
              .statusCode());
      Baresip.talkFor(2_000);
      customer.command("hangup", "", EVENT);
      customer.awaitEvent("CALL_CLOSED", EVENT);
      phone.awaitEvent("CALL_CLOSED", EVENT);

      int[] heardByCustomer = labels(customer.recordings("dec.wav"), customer);
      List<Integer> sequence = Tones.sequence(heardByCustomer, 3);
      assertEquals(
          "what the customer heard, 100 ms windows: " + Arrays.toString(heardByCustomer),
          List.of(GREETING, MUSIC, Tones.OTHER, MUSIC, AGENT),
          sequence);
      assertTrue(Tones.count(heardByCustomer, Tones.OTHER) >= 8); // "You are number 1 in line."
      assertTrue(Tones.count(heardByCustomer, GREETING) >= 12); // about 2 s of greeting
      assertTrue(Tones.count(heardByCustomer, AGENT) >= 15); // most of the 3 s of talk

      int[] heardByAgent = labels(phone.recordings("dec.wav"), phone);
      assertEquals(
          "what the agent heard: " + Arrays.toString(heardByAgent),
          List.of(CUSTOMER),
          Tones.sequence(heardByAgent, 3));
      assertTrue(Tones.count(heardByAgent, CUSTOMER) >= 15);

      JsonNode call = desk.latestCall("agent4");
      assertEquals(call.toString(), "WRAP_UP", call.path("state").asText());
      recordedInStereo(call.path("id").asText());
      playedAndDownloadedInTheConsole(call.path("id").asText());
      desk.complete(call.path("id").asText());
    }
    awaitNoMediaSessions();
  }

  /**
   * The media engine restarted under a waiting call (an update without drain): the call lost its
   * audio, so Switchboard hangs it up and the core has it abandoned, not left waiting in silence;
   * the next call is anchored in the new engine and hears the queue's music.
   */
  @Test
  public void aRestartedMediaEngineEndsTheCallsItCarriedAndTheNextCallIsAnchoredAgain()
      throws Exception {
    desk.state("agent4", "NOT_READY");
    try (Baresip customer = Baresip.start(120, CUSTOMER, true)) {
      customer.addAccount("<sip:customer@127.0.0.1>;regint=0");
      customer.command("dial", "sip:100@127.0.0.1:" + appliance.sipPort(), EVENT);
      String id = awaitQueued().path("id").asText();
      String restart =
          appliance.client("admin", "admin", "bundle:restart org.switchboard.media.impl");
      assertTrue(restart, !restart.contains("Error"));
      customer.awaitEvent("CALL_CLOSED", EVENT);
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "ABANDONED".equals(desk.interaction(id).path("state").asText()),
          "the call abandoned when its audio went away");

      awaitNoMediaSessions();
      customer.command("dial", "sip:100@127.0.0.1:" + appliance.sipPort(), EVENT);
      String next = awaitQueued().path("id").asText();
      Instant since = Instant.now();
      RunningDistribution.waitFor(
          Duration.ofSeconds(20),
          () -> Duration.between(since, Instant.now()).toMillis() > 3_000,
          "three seconds of waiting");
      customer.command("hangup", "", EVENT);
      customer.awaitEvent("CALL_CLOSED", EVENT);
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "ABANDONED".equals(desk.interaction(next).path("state").asText()),
          "the second call abandoned when the caller hung up");
      List<Path> heard = customer.recordings("dec.wav");
      assertEquals(heard.toString(), 2, heard.size());
      int[] second = labels(List.of(heard.get(1)), customer);
      assertTrue(
          "the second call heard the queue: " + Arrays.toString(second),
          Tones.count(second, GREETING) + Tones.count(second, MUSIC) >= 15);
    }
    awaitNoMediaSessions();
  }

  /**
   * The call was recorded (queue support's policy): a stereo WAV with the customer's tone on the
   * left and the agent's on the right, downloadable whole or by range by a supervisor (logged with
   * the purpose), not by an agent.
   */
  /**
   * The admin finds the recording on the console's Recordings page (Chromium), plays it in the
   * browser and downloads it for a stated purpose; the access log shows each, and so does the audit
   * log.
   */
  private static void playedAndDownloadedInTheConsole(String interaction) throws Exception {
    try (Browser browser = Browser.shop()) {
      browser.pointAt("http://127.0.0.1:" + appliance.httpPort());
      JsonNode seen =
          browser.run("console.e2e.mjs", "recordings", Map.of("INTERACTION", interaction));
      assertTrue(seen.toString(), seen.path("seconds").asDouble() > 3);
      assertTrue(seen.toString(), seen.path("bytes").asInt() > 8_000 * 2 * 2 * 3);
      assertTrue(seen.toString(), seen.path("accesses").asInt() >= 2);
    }
    String log = Files.readString(appliance.home().resolve("data/log/karaf.log"));
    assertTrue(log.contains("user=admin action=recording.play recording="));
    assertTrue(log.contains("user=admin action=recording.download recording="));
  }

  private static void recordedInStereo(String interaction) throws Exception {
    JsonNode[] found = new JsonNode[1];
    RunningDistribution.waitFor(
        Duration.ofSeconds(20),
        () -> {
          found[0] = read("/api/v1/recordings?interaction=" + interaction);
          return found[0].size() == 1;
        },
        "the recording of " + interaction);
    JsonNode rec = found[0].get(0);
    String id = rec.path("id").asText();
    assertEquals(rec.toString(), "agent4", rec.path("agentId").asText());
    assertEquals(rec.toString(), "support", rec.path("queue").asText());
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () ->
            id.equals(
                desk.interaction(interaction).path("attributes").path("recording.1").asText()),
        "the interaction naming its recording");

    String audio = "/api/v1/recordings/" + id + "/audio?purpose=e2e%20test";
    java.net.http.HttpResponse<byte[]> whole = appliance.http().getBytes(audio, SUPERVISOR);
    assertEquals(200, whole.statusCode());
    assertEquals("audio/wav", whole.headers().firstValue("Content-Type").orElse(""));
    Path wav = Files.createTempFile("recording-", ".wav");
    try {
      Files.write(wav, whole.body());
      List<Tones.Channel> channels = Tones.read(wav);
      assertEquals(2, channels.size());
      int[] left = Tones.labels(channels.get(0), GREETING, MUSIC, CUSTOMER, AGENT);
      int[] right = Tones.labels(channels.get(1), GREETING, MUSIC, CUSTOMER, AGENT);
      assertEquals("left: " + Arrays.toString(left), List.of(CUSTOMER), Tones.sequence(left, 3));
      assertEquals("right: " + Arrays.toString(right), List.of(AGENT), Tones.sequence(right, 3));
      assertTrue(Arrays.toString(left), Tones.count(left, CUSTOMER) >= 15);
      assertTrue(Arrays.toString(right), Tones.count(right, AGENT) >= 15);
      // The paused stretch is silence on both channels, and counted as paused.
      assertTrue(Arrays.toString(left), Tones.longestRun(left, 0) >= 10);
      assertTrue(Arrays.toString(right), Tones.longestRun(right, 0) >= 10);
      assertTrue(
          rec.toString(),
          java.time.Duration.parse(rec.path("paused").asText()).toMillis() >= 1_000);
    } finally {
      Files.deleteIfExists(wav);
    }

    java.net.http.HttpResponse<byte[]> part =
        appliance.http().getBytes(audio, SUPERVISOR, "Range", "bytes=0-43");
    assertEquals(206, part.statusCode());
    assertEquals(44, part.body().length);
    assertEquals("RIFF", new String(part.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(
        "bytes 0-43/" + whole.body().length, part.headers().firstValue("Content-Range").orElse(""));

    Login agent = new Login("agent4", "agent4");
    assertEquals(403, appliance.http().getBytes(audio, agent).statusCode());
    assertEquals(403, appliance.http().get("/api/v1/recordings", agent).statusCode());
    assertEquals(
        400,
        appliance.http().getBytes("/api/v1/recordings/" + id + "/audio", SUPERVISOR).statusCode());
    JsonNode log =
        JSON.readTree(
            appliance
                .http()
                .get("/api/v1/recordings/" + id + "/accesses", new Login("admin", "admin"))
                .body());
    assertEquals(log.toString(), 2, log.size());
    assertEquals("supervisor", log.get(0).path("user").asText());
    assertEquals("e2e test", log.get(0).path("purpose").asText());
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static String paused(String interaction, String action) {
    return "/api/v1/interactions/" + interaction + "/recording/" + action;
  }

  /** A sine prompt, 8 kHz mono 16-bit, as an admin would upload it. */
  private static void tone(Path wav, int hz, int seconds) {
    try {
      Tones.writeWav(wav, Tones.sine(seconds, hz));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] labels(List<Path> files, Baresip who) throws IOException {
    assertEquals("one call recorded: " + files + "\n" + who.tail(), 1, files.size());
    return Tones.labels(Tones.read(files.get(0)).get(0), GREETING, MUSIC, CUSTOMER, AGENT);
  }

  private static JsonNode awaitQueued() {
    JsonNode[] found = new JsonNode[1];
    RunningDistribution.waitFor(
        EVENT,
        () -> {
          JsonNode list = read("/api/v1/interactions?state=QUEUED&channel=voice");
          found[0] = list.size() == 1 ? list.get(0) : null;
          return found[0] != null;
        },
        "the customer's call queued");
    return found[0];
  }

  /** Every media session of the call is closed once it is over (health counts them). */
  private static void awaitNoMediaSessions() {
    String[] detail = new String[1];
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () -> {
          for (JsonNode c : read("/api/health").path("components")) {
            if ("media".equals(c.path("component").asText())) {
              detail[0] = c.path("detail").asText();
              return "UP".equals(c.path("status").asText()) && detail[0].startsWith("0 sessions;");
            }
          }
          return false;
        },
        "the media engine up with no session open");
  }

  private static JsonNode read(String path) {
    try {
      return JSON.readTree(appliance.http().get(path, SUPERVISOR).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
