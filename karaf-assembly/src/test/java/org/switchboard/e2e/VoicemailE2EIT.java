package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * Voicemail through the started appliance (demo mode, media engine, recordings kept as FLAC): a
 * baresip caller whose microphone is silent during the greeting and then "speaks" a 700 Hz tone.
 * Through a flow's voicemail node the message ends with "#", and the interaction waits in support
 * with its recording, whose left channel carries the tone; an agent accepts it on the desk (no
 * phone rings). Through the maximum wait of support, which overflows to the voicemail queue {@code
 * messages}, the caller leaves a message and hangs up: it waits in {@code messages}.
 */
public class VoicemailE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Duration EVENT = Duration.ofSeconds(40);
  private static final int VOICE = 700;

  private static RunningDistribution appliance;
  private static Desk desk;

  @BeforeClass
  public static void start() {
    appliance =
        Desk.demoAppliance(
            "voicemail",
            Map.of(
                "routes", "100=queue:support,300=flow:vm-test",
                "voicemailQueues", "messages",
                "positionAnnouncementSeconds", "0",
                "voicemailGreeting", "Please leave a message.",
                "voicemailThanks", "Thank you."),
            home -> {
              write(home.resolve("etc/flows/vm-test.yaml"), flow());
              Ports.set(home, "org.switchboard.recording.cfg", Map.of("format", "flac"));
            });
    desk = new Desk(appliance);
    desk.awaitFlowEngine();
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
  }

  @Before
  public void nobodyReady() throws IOException {
    for (String agent : new String[] {"agent1", "agent2", "agent3", "agent4"}) {
      desk.state(agent, "NOT_READY");
    }
  }

  @Test
  public void aFlowsVoicemailNodeRecordsTheMessageUntilHashAndQueuesIt() throws Exception {
    String id = leaveMessage("300", wav -> Tones.voicemail(wav, 5, VOICE, 3, true, 60));
    JsonNode waiting = awaitVoicemail(id, "support");
    assertEquals(waiting.toString(), "QUEUED", waiting.path("state").asText());
    assertVoice(waiting.path("attributes").path("voicemail.recording").asText());

    // An agent who becomes ready is offered the voicemail and accepts it on the desk.
    desk.ready("agent1");
    try {
      RunningDistribution.waitFor(
          Duration.ofSeconds(15),
          () -> "OFFERED".equals(desk.interaction(id).path("state").asText()),
          "the voicemail offered to agent1");
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + ": "
              + appliance.http().get("/api/v1/acd/interactions/" + id, SUPERVISOR).body()
              + " "
              + appliance.http().get("/api/v1/agents/agent1", SUPERVISOR).body(),
          e);
    }
    HttpResponse<String> accepted =
        appliance
            .http()
            .post(
                "/api/v1/interactions/" + id + "/accept",
                new Login("agent1", "agent1"),
                "{\"agent\":\"agent1\"}");
    assertEquals(accepted.body(), 200, accepted.statusCode());
    assertEquals("CONNECTED", desk.interaction(id).path("state").asText());
    appliance.http().post("/api/v1/interactions/" + id + "/end", SUPERVISOR, "{}");
    desk.complete(id);
    desk.state("agent1", "NOT_READY");
  }

  @Test
  public void aCallerWhoWaitedTooLongLeavesAMessageInTheOverflowVoicemailQueue() throws Exception {
    String messages =
        "{\"id\":\"messages\",\"name\":\"Messages\",\"channels\":[\"voice\"],"
            + "\"requiredSkills\":[],\"priority\":50,\"serviceLevelThreshold\":\"PT20S\","
            + "\"serviceLevelTarget\":80,\"maxWait\":null,\"overflowQueue\":null}";
    HttpResponse<String> created = appliance.http().post("/api/v1/queues", ADMIN, messages);
    assertEquals(created.body(), 201, created.statusCode());
    com.fasterxml.jackson.databind.node.ObjectNode support =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            JSON.readTree(appliance.http().get("/api/v1/queues/support", ADMIN).body());
    support.put("version", 0);
    putSupport(support.deepCopy().put("maxWait", "PT3S").put("overflowQueue", "messages"));
    try {
      // Three seconds in support, then the greeting; the caller talks and hangs up.
      String id = leaveMessage("100", wav -> Tones.voicemail(wav, 9, VOICE, 5, false, 0));
      JsonNode waiting = awaitVoicemail(id, "messages");
      assertEquals(waiting.toString(), "QUEUED", waiting.path("state").asText());
      assertVoice(waiting.path("attributes").path("voicemail.recording").asText());
      assertTrue(desk.timeline(id).toString(), desk.timeline(id).contains("transferred"));
      // Taken off the queue, so no agent of a later test is offered it first.
      HttpResponse<String> removed =
          appliance
              .http()
              .post(
                  "/api/v1/interactions/" + id + "/abandon",
                  SUPERVISOR,
                  "{\"reason\":\"test-cleanup\"}");
      assertEquals(removed.body(), 200, removed.statusCode());
    } finally {
      putSupport(support);
    }
  }

  /** Calls {@code number} from baresip with that microphone and waits until the call is over. */
  private static String leaveMessage(String number, Baresip.Microphone microphone)
      throws Exception {
    try (Baresip customer = Baresip.start(120, microphone, false)) {
      customer.addAccount("<sip:+49301234567@127.0.0.1>;regint=0");
      JsonNode dial =
          customer.command("dial", "sip:" + number + "@127.0.0.1:" + appliance.sipPort(), EVENT);
      assertTrue(dial.toString() + customer.tail(), dial.path("ok").asBoolean());
      customer.awaitEvent("CALL_CLOSED", Duration.ofSeconds(60));
    }
    return desk.latestCall(null).path("id").asText();
  }

  private static JsonNode awaitVoicemail(String id, String queue) {
    RunningDistribution.waitFor(
        Duration.ofSeconds(15),
        () -> {
          JsonNode i = desk.interaction(id);
          return queue.equals(i.path("queue").asText())
              && i.path("attributes").has("voicemail.recording");
        },
        "the voicemail waiting in " + queue);
    return desk.interaction(id);
  }

  /** The message's left channel is the caller's tone; the right one (no agent) is silent. */
  private static void assertVoice(String recording) throws Exception {
    HttpResponse<byte[]> audio =
        appliance
            .http()
            .getBytes(
                "/api/v1/recordings/" + recording + "/audio?purpose=e2e%20voicemail", SUPERVISOR);
    assertEquals(200, audio.statusCode());
    assertEquals("audio/flac", audio.headers().firstValue("Content-Type").orElse(""));
    Path flac = Files.createTempFile("voicemail-", ".flac");
    Path wav = Files.createTempFile("voicemail-", ".wav");
    try {
      Files.write(flac, audio.body());
      Process sox = new ProcessBuilder("sox", "-q", flac.toString(), wav.toString()).start();
      assertTrue("sox decodes the FLAC", sox.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(0, sox.exitValue());
      List<Tones.Channel> channels = Tones.read(wav);
      int[] left = Tones.labels(channels.get(0), VOICE);
      int[] right = Tones.labels(channels.get(1), VOICE);
      assertEquals("left: " + Arrays.toString(left), List.of(VOICE), Tones.sequence(left, 3));
      assertTrue(Arrays.toString(left), Tones.count(left, VOICE) >= 10);
      assertEquals("right: " + Arrays.toString(right), 0, Tones.count(right, VOICE));
    } finally {
      Files.deleteIfExists(wav);
      Files.deleteIfExists(flac);
    }
  }

  private static void putSupport(JsonNode queue) throws IOException {
    HttpResponse<String> r =
        appliance.http().put("/api/v1/queues/support", ADMIN, queue.toString());
    assertEquals(r.body(), 200, r.statusCode());
  }

  private static String flow() {
    return String.join(
        "\n",
        "id: vm-test",
        "name: E2E voicemail",
        "start: message",
        "fallback: support",
        "nodes:",
        "  message:",
        "    type: voicemail",
        "    queue: support",
        "    maxSeconds: 30",
        "");
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
