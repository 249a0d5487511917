package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Queue callback through the started appliance (demo mode, media engine on): a caller (baresip,
 * calling from +49 30 1234567) waits in support, where the announcement offers a callback, and
 * presses 1 as a tone in the audio. They hear the confirmation and Switchboard hangs up; the
 * interaction keeps its place in line with the caller's number. When agent1 becomes ready, their
 * phone (SIPp) rings first, then the caller's number is called through the outbound trunk (a SIPp
 * carrier), each leg with Switchboard's own media (anchored), and the customer hangs up after
 * talking: the callback is a normal call in the agent's wrap-up.
 */
public class CallbackE2EIT {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final Duration EVENT = Duration.ofSeconds(30);
  private static final String CALLER = "+49301234567";

  private static RunningDistribution appliance;
  private static Desk desk;
  private static int trunkPort;

  @BeforeClass
  public static void start() {
    trunkPort = RunningDistribution.freePort();
    appliance =
        Desk.demoAppliance(
            "callback",
            Map.of(
                "outboundTrunk", "sip:127.0.0.1:" + trunkPort,
                "outboundCallerId", "+4930999000",
                "outboundPrefixes", "+49",
                "queueMedia", "answer",
                "callbackQueues", "support",
                "callbackAttempts", "2",
                "callbackRetrySeconds", "3",
                "positionAnnouncementSeconds", "2"));
    desk = new Desk(appliance);
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
  }

  @Test
  public void theCallerPressesOneHangsUpKeepingTheirPlaceAndIsCalledBackByTheAgent()
      throws Exception {
    Path trace = Files.createTempFile("callback-trunk-", ".log");
    try {
      String id = callbackRequested();
      try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "300");
          Sipp.Phone trunk =
              Sipp.phoneOn(
                  trunkPort,
                  "trunk-answer.xml",
                  1,
                  "-d",
                  "1500",
                  "-trace_msg",
                  "-message_file",
                  trace.toString())) {
        phone.registerAs("agent1", appliance.sipPort());
        desk.ready("agent1");
        assertEquals(trunk.tail(), 0, trunk.await(40).exit());
        assertEquals(phone.tail(), 0, phone.await(40).exit());
      }
      awaitState(id, "WRAP_UP", "the callback in wrap-up after the customer hung up");
      JsonNode done = desk.interaction(id);
      assertEquals(done.toString(), "agent1", done.path("agent").asText());
      assertEquals(CALLER, done.path("attributes").path("sip.dialled").asText());
      assertEquals("customer", done.path("attributes").path("sip.hangupBy").asText());
      assertAnchored(Files.readString(trace));
      desk.complete(id);
    } finally {
      Files.deleteIfExists(trace);
      desk.state("agent1", "NOT_READY");
    }
  }

  /**
   * The agent's phone is busy: the callback returns to the head of the queue (RONA), the agent is
   * not ready. Then agent1 answers but the customer's line is busy: the callback goes back to the
   * queue for a second attempt three seconds later (agent1 is free meanwhile), which agent2 takes;
   * the line is busy again, and after this last attempt agent2 is left in wrap-up with the outcome.
   */
  @Test
  public void aBusyAgentSendsTheCallbackBackAndABusyCustomerIsTriedAgainThenEndsInWrapUp()
      throws Exception {
    try {
      String id = callbackRequested();
      try (Sipp.Phone busy = Sipp.phone("agent-busy.xml", 1)) {
        busy.registerAs("agent1", appliance.sipPort());
        desk.ready("agent1");
        assertEquals(busy.tail(), 0, busy.await(40).exit());
      }
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "NOT_READY".equals(agentState("agent1")),
          "agent1 not ready after their phone refused the callback");
      JsonNode back = desk.interaction(id);
      assertEquals(back.toString(), "QUEUED", back.path("state").asText());
      assertEquals(CALLER, back.path("attributes").path("callback.address").asText());

      try (Sipp.Phone phone1 = Sipp.phone("agent-answer.xml", 1, "-d", "300");
          Sipp.Phone phone2 = Sipp.phone("agent-answer.xml", 1, "-d", "300");
          Sipp.Phone trunk = Sipp.phoneOn(trunkPort, "trunk-busy.xml", 2)) {
        phone1.registerAs("agent1", appliance.sipPort());
        phone2.registerAs("agent2", appliance.sipPort());
        desk.ready("agent1");
        assertEquals(phone1.tail(), 0, phone1.await(40).exit());
        RunningDistribution.waitFor(
            Duration.ofSeconds(10),
            () -> {
              JsonNode i = desk.interaction(id);
              return "QUEUED".equals(i.path("state").asText())
                  && "1".equals(i.path("attributes").path("callback.attempts").asText())
                  && i.path("attributes").has("callback.notBefore");
            },
            "the callback queued again for its second attempt");
        desk.ready("agent2");
        assertEquals(trunk.tail(), 0, trunk.await(40).exit());
        assertEquals(phone2.tail(), 0, phone2.await(40).exit());
      }
      awaitState(id, "WRAP_UP", "the failed callback in the agent's wrap-up after two attempts");
      JsonNode failed = desk.interaction(id);
      assertEquals(failed.toString(), "agent2", failed.path("agent").asText());
      assertEquals("busy", failed.path("attributes").path("callback.outcome").asText());
      assertEquals("2", failed.path("attributes").path("callback.attempts").asText());
      desk.complete(id);
    } finally {
      desk.state("agent1", "NOT_READY");
      desk.state("agent2", "NOT_READY");
    }
  }

  /**
   * A caller waits in support while nobody is ready and presses 1: the confirmation is said and
   * Switchboard hangs up; the interaction stays queued, in its place, with the caller's number.
   */
  private static String callbackRequested() throws Exception {
    for (String agent : new String[] {"agent1", "agent2", "agent3", "agent4"}) {
      desk.state(agent, "NOT_READY");
    }
    try (Baresip customer = Baresip.start(120, wav -> Tones.silenceThenKeyOne(wav, 4), false)) {
      customer.addAccount("<sip:" + CALLER + "@127.0.0.1>;regint=0");
      JsonNode dial = customer.command("dial", "sip:100@127.0.0.1:" + appliance.sipPort(), EVENT);
      assertTrue(dial.toString() + customer.tail(), dial.path("ok").asBoolean());
      customer.awaitEvent("CALL_ESTABLISHED", EVENT);
      // The tone "1" comes four seconds into the call; the confirmation is spoken, then we hang up.
      customer.awaitEvent("CALL_CLOSED", EVENT);
    }
    JsonNode waiting = desk.latestCall(null);
    String id = waiting.path("id").asText();
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () -> desk.interaction(id).path("attributes").has("callback.address"),
        "the callback requested");
    JsonNode queued = desk.interaction(id);
    assertEquals(queued.toString(), "QUEUED", queued.path("state").asText());
    assertEquals(CALLER, queued.path("attributes").path("callback.address").asText());
    assertEquals(waiting.path("queuedAt").asText(), queued.path("queuedAt").asText());
    return id;
  }

  private static void awaitState(String id, String state, String what) {
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () -> state.equals(desk.interaction(id).path("state").asText()),
        what);
  }

  private static String agentState(String agent) {
    try {
      return JSON.readTree(
              appliance
                  .http()
                  .get("/api/v1/agents/" + agent, new HttpProbe.Login("admin", "admin"))
                  .body())
          .path("state")
          .asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Our INVITE to the trunk asks for the caller's number and offers our media engine's port. */
  private static void assertAnchored(String messages) {
    Matcher invite =
        Pattern.compile("INVITE sip:(\\+[0-9]+)@[^ ]+ SIP/2.0[\\s\\S]*?m=audio ([0-9]+) RTP/AVP")
            .matcher(messages);
    assertTrue(messages, invite.find());
    assertEquals(CALLER, invite.group(1));
    int port = Integer.parseInt(invite.group(2));
    assertTrue("an RTP port of the media engine: " + port, port >= 10000 && port <= 20000);
  }
}
