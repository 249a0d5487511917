package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * Calls through the B2BUA of the started appliance (demo mode), with SIPp as the customer and as
 * the agents' phones: the call to the demo number 100 is queued in {@code support}, the ACD offers
 * it to a ready agent, the agent's registered phone rings and answers, the legs are bridged, and
 * the core shows each step. Also: the customer giving up while the phone rings (abandoned), a busy
 * phone (no answer: the next agent gets the call), and drain mode.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class VoiceE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static RunningDistribution appliance;
  private static Desk desk;

  @BeforeClass
  public static void start() {
    appliance = Desk.demoAppliance("voice");
    desk = new Desk(appliance);
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
  }

  @After
  public void everyoneOff() throws Exception {
    for (String agent : new String[] {"agent1", "agent2", "agent3", "agent4"}) {
      desk.state(agent, "NOT_READY");
      // A failed test may leave its call in wrap-up, which would keep the agent busy.
      JsonNode left = desk.latestCall(agent);
      if (left != null && "WRAP_UP".equals(left.path("state").asText())) {
        desk.complete(left.path("id").asText());
      }
    }
  }

  @Test
  public void a_callIsQueuedOfferedToTheAgentsPhoneAndBridged() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "500")) {
      register("agent2", phone);
      desk.ready("agent2");
      Instant before = Instant.now();
      Sipp.Result call = Sipp.run("caller.xml", appliance.sipPort(), "-s", "100", "-d", "1000");
      assertEquals(call.output(), 0, call.exit());
      assertEquals(phone.tail(), 0, phone.await(30).exit());

      JsonNode i = latestCall("agent2");
      assertEquals(i.toString(), "WRAP_UP", i.path("state").asText());
      assertEquals("support", i.path("queue").asText());
      assertEquals("100", i.path("to").asText());
      assertTrue(i.toString(), i.path("from").asText().startsWith("+4930555"));
      assertEquals("customer", i.path("attributes").path("sip.hangupBy").asText());
      Instant queued = Instant.parse(i.path("queuedAt").asText());
      Instant answered = Instant.parse(i.path("answeredAt").asText());
      assertTrue(
          i.toString(), !queued.isBefore(before.minusSeconds(1)) && answered.isAfter(queued));
      String id = i.path("id").asText();
      JsonNode legs = desk.legs(id);
      assertEquals(legs.toString(), 2, legs.size());
      assertEquals("customer", legs.get(0).path("leg").asText());
      assertEquals("200 OK", legs.get(0).path("outcome").asText());
      assertEquals("customer", legs.get(0).path("endedBy").asText());
      assertEquals("agent2", legs.get(1).path("party").asText());
      assertEquals("200 OK", legs.get(1).path("outcome").asText());
      assertTrue(legs.toString(), legs.get(1).path("answeredAt").isTextual());
      assertEquals(
          java.util.List.of(
              "opened", "queued", "offered", "accepted", "conversation-ended", "legs-recorded"),
          desk.timeline(id));
      desk.complete(id);
    }
  }

  @Test
  public void b_customerHangsUpWhileThePhoneRings_abandoned() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-ring-cancelled.xml", 1)) {
      register("agent2", phone);
      desk.ready("agent2");
      Sipp.Result call =
          Sipp.run("caller-cancel.xml", appliance.sipPort(), "-s", "100", "-d", "2000");
      assertEquals(call.output(), 0, call.exit());
      assertEquals(phone.tail(), 0, phone.await(30).exit());
      JsonNode i = latestCall(null);
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "ABANDONED".equals(desk.interaction(i.path("id").asText()).path("state").asText()),
          "the call abandoned");
    }
  }

  @Test
  public void c_busyPhoneIsNoAnswer_theNextAgentGetsTheCall() throws Exception {
    try (Sipp.Phone busy = Sipp.phone("agent-busy.xml", 1);
        Sipp.Phone answering = Sipp.phone("agent-answer.xml", 1, "-d", "200")) {
      register("agent2", busy);
      register("agent3", answering);
      desk.ready("agent2"); // the longest idle of the two: offered first
      desk.ready("agent3");
      Sipp.Result call = Sipp.run("caller.xml", appliance.sipPort(), "-s", "100", "-d", "500");
      assertEquals(call.output(), 0, call.exit());
      assertEquals(busy.tail(), 0, busy.await(30).exit());
      assertEquals(answering.tail(), 0, answering.await(30).exit());

      JsonNode i = latestCall("agent3");
      assertEquals("WRAP_UP", i.path("state").asText());
      assertTrue(i.toString(), i.path("attributes").path("sip.lastCause").asText().contains("486"));
      JsonNode legs = desk.legs(i.path("id").asText());
      assertEquals(legs.toString(), 3, legs.size());
      assertEquals("agent2", legs.get(1).path("party").asText());
      assertEquals("486 Busy Here", legs.get(1).path("outcome").asText());
      assertEquals("agent3", legs.get(2).path("party").asText());
      assertEquals("200 OK", legs.get(2).path("outcome").asText());
      JsonNode agent2 =
          JSON.readTree(appliance.http().get("/api/v1/agents/agent2", SUPERVISOR).body());
      assertEquals(agent2.toString(), "NOT_READY", agent2.path("state").asText());
      assertEquals("no-answer", agent2.path("reason").asText());
      desk.complete(i.path("id").asText());
    }
  }

  @Test
  public void d_drainRefusesNewCallsWith503() throws Exception {
    String on = appliance.client("admin", "admin", "switchboard:sip-drain on");
    assertTrue(on, on.contains("drain: on"));
    String refused = appliance.client("supervisor", "supervisor", "switchboard:sip-drain off");
    assertTrue(refused, !refused.contains("drain: off"));
    Sipp.Result call = Sipp.run("caller-refused.xml", appliance.sipPort(), "-s", "100");
    assertEquals(call.output(), 0, call.exit());
    String off = appliance.client("admin", "admin", "switchboard:sip-drain off");
    assertTrue(off, off.contains("drain: off"));
  }

  /**
   * Agent2 transfers blind with REFER to number 101 (queue billing): the customer stays connected,
   * waits in billing, and when agent1 (billing) answers, agent1's phone is bridged to the
   * customer's media session at Switchboard (the customer's leg is not touched); the customer hangs
   * up with agent1.
   */
  @Test
  public void e_referTransfersTheCallToAnotherQueue() throws Exception {
    try (Sipp.Phone first = Sipp.phone("agent-transfer.xml", 1, "-key", "refer_to", "101");
        Sipp.Phone next = Sipp.phone("agent-answer.xml", 1, "-d", "200")) {
      register("agent2", first); // support and sales: not eligible for billing
      register("agent1", next);
      desk.ready("agent2");
      java.util.concurrent.CompletableFuture<Sipp.Result> customer =
          inBackground("caller.xml", "-s", "100", "-d", "8000");
      String[] id = new String[1];
      RunningDistribution.waitFor(
          Duration.ofSeconds(15),
          () -> {
            try {
              JsonNode i = latestCall(null);
              id[0] = i.path("id").asText();
              return "billing".equals(i.path("queue").asText())
                  && "QUEUED".equals(i.path("state").asText());
            } catch (Exception e) {
              return false;
            }
          },
          "the call waiting in billing after the REFER");
      assertEquals(first.tail(), 0, first.await(15).exit());
      desk.ready("agent1");
      Sipp.Result call = customer.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(call.output(), 0, call.exit());
      assertEquals(next.tail(), 0, next.await(15).exit());
      JsonNode i = desk.interaction(id[0]);
      assertEquals(i.toString(), "WRAP_UP", i.path("state").asText());
      assertEquals("agent1", i.path("agent").asText());
      assertEquals("agent2", i.path("attributes").path("sip.transferredBy").asText());
      assertEquals("customer", i.path("attributes").path("sip.hangupBy").asText());
      desk.complete(id[0]);
    }
  }

  /**
   * The agent's phone puts the customer on hold and back (re-INVITEs with sendonly, then sendrecv):
   * Switchboard's media session answers each (the customer's leg hears music and is not asked), and
   * the interaction is HELD, then CONNECTED.
   */
  @Test
  public void f_holdFromThePhoneHoldsTheInteraction() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-hold.xml", 1, "-d", "3000")) {
      register("agent2", phone);
      desk.ready("agent2");
      java.util.concurrent.CompletableFuture<Sipp.Result> customer =
          inBackground("caller.xml", "-s", "100", "-d", "6000");
      String[] id = new String[1];
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> {
            JsonNode i = desk.latestCall("agent2");
            id[0] = i == null ? null : i.path("id").asText();
            return i != null && "HELD".equals(i.path("state").asText());
          },
          "the interaction on hold");
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "CONNECTED".equals(desk.interaction(id[0]).path("state").asText()),
          "the interaction off hold");
      Sipp.Result call = customer.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(call.output(), 0, call.exit());
      assertEquals(phone.tail(), 0, phone.await(15).exit());
      assertEquals("WRAP_UP", desk.interaction(id[0]).path("state").asText());
      desk.complete(id[0]);
    }
  }

  /**
   * Drain before an upgrade: a call in progress goes on to its end while new calls get 503; with no
   * call left the SIP bundle is updated, and the new one takes calls again.
   */
  @Test
  public void g_drainLetsTheCallFinishThenTheBundleUpdates() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "200")) {
      register("agent2", phone);
      desk.ready("agent2");
      java.util.concurrent.CompletableFuture<Sipp.Result> customer =
          inBackground("caller.xml", "-s", "100", "-d", "4000");
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> {
            JsonNode i = desk.latestCall("agent2");
            return i != null && "CONNECTED".equals(i.path("state").asText());
          },
          "the call connected");
      String on = appliance.client("admin", "admin", "switchboard:sip-drain on");
      assertTrue(on, on.contains("drain: on, calls in progress: 1"));
      Sipp.Result refused = Sipp.run("caller-refused.xml", appliance.sipPort(), "-s", "100");
      assertEquals(refused.output(), 0, refused.exit());
      Sipp.Result call = customer.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals("the call in progress ends normally: " + call.output(), 0, call.exit());
      assertEquals(phone.tail(), 0, phone.await(15).exit());
      String idle = appliance.client("admin", "admin", "switchboard:sip-drain");
      assertTrue(idle, idle.contains("calls in progress: 0"));
      desk.complete(desk.latestCall("agent2").path("id").asText());
    }
    String update = appliance.client("admin", "admin", "bundle:update org.switchboard.channel.sip");
    assertTrue(update, !update.contains("Error"));
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> appliance.client("admin", "admin", "switchboard:sip-drain").contains("drain: off"),
        "the updated SIP bundle taking calls");
    try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "200")) {
      RunningDistribution.waitFor(
          Duration.ofSeconds(30),
          () -> {
            try {
              register("agent2", phone);
              return true;
            } catch (Exception | AssertionError e) {
              return false;
            }
          },
          "agent2's phone registered with the updated bundle");
      desk.ready("agent2");
      Sipp.Result call = Sipp.run("caller.xml", appliance.sipPort(), "-s", "100", "-d", "300");
      assertEquals(call.output(), 0, call.exit());
      assertEquals(phone.tail(), 0, phone.await(15).exit());
      desk.complete(desk.latestCall("agent2").path("id").asText());
    }
  }

  /**
   * The ACD's ring timeout (3 s here) ends an offer the phone never answers: Switchboard cancels
   * the ringing phone, the agent goes NOT_READY (no-answer), and the next agent's phone gets the
   * call.
   */
  @Test
  public void h_ringTimeoutCancelsTheRingingPhoneAndOffersTheNextAgent() throws Exception {
    String set = appliance.client("admin", "admin", "switchboard:acd-policy --ring 3 support");
    assertTrue(set, set.contains("ring 3s"));
    try (Sipp.Phone silent = Sipp.phone("agent-ring-cancelled.xml", 1);
        Sipp.Phone answering = Sipp.phone("agent-answer.xml", 1, "-d", "200")) {
      register("agent2", silent);
      register("agent3", answering);
      desk.ready("agent2"); // the longest idle of the two: offered first
      desk.ready("agent3");
      Sipp.Result call = Sipp.run("caller.xml", appliance.sipPort(), "-s", "100", "-d", "500");
      assertEquals(call.output(), 0, call.exit());
      assertEquals("the ringing phone was cancelled: " + silent.tail(), 0, silent.await(15).exit());
      assertEquals(answering.tail(), 0, answering.await(15).exit());
      JsonNode i = latestCall("agent3");
      assertEquals("WRAP_UP", i.path("state").asText());
      JsonNode agent2 =
          JSON.readTree(appliance.http().get("/api/v1/agents/agent2", SUPERVISOR).body());
      assertEquals(agent2.toString(), "no-answer", agent2.path("reason").asText());
      desk.complete(i.path("id").asText());
    } finally {
      appliance.client("admin", "admin", "switchboard:acd-policy --ring 20 support");
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** A SIPp customer running while the test watches the call. */
  private static java.util.concurrent.CompletableFuture<Sipp.Result> inBackground(
      String scenario, String... args) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            return Sipp.run(scenario, appliance.sipPort(), args);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  private static void register(String agent, Sipp.Phone phone) throws Exception {
    phone.registerAs(agent, appliance.sipPort());
  }

  /** The newest voice interaction (of the agent, when given). */
  private static JsonNode latestCall(String agent) {
    JsonNode i = desk.latestCall(agent);
    org.junit.Assert.assertNotNull("a voice interaction", i);
    return i;
  }
}
