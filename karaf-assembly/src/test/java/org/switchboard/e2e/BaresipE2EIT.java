package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * baresip, a real SIP user agent independent of our stack, as agent4's desk phone against the
 * started appliance (demo mode): it registers with digest authentication, auto-answers the call the
 * B2BUA brings it from a SIPp customer dialling 100, and sees the call end when the customer hangs
 * up; when the agent hangs up on the phone the customer gets the BYE; a wrong password registers
 * nothing. The appliance runs with its default digest settings (MD5 challenges only: baresip 1.0.0
 * rejects a 401 that also offers SHA-256).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BaresipE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Duration EVENT = Duration.ofSeconds(20);
  private static RunningDistribution appliance;
  private static Desk desk;
  private static Baresip phone;

  @BeforeClass
  public static void start() throws Exception {
    appliance = Desk.demoAppliance("baresip");
    desk = new Desk(appliance);
    phone = Baresip.start(300);
  }

  @AfterClass
  public static void stop() {
    try {
      if (phone != null) {
        phone.close();
      }
    } finally {
      if (appliance != null) {
        appliance.close();
      }
    }
  }

  @After
  public void agentOffAndNoCallLeftWaiting() throws Exception {
    desk.state("agent4", "NOT_READY");
    JsonNode waiting =
        JSON.readTree(
            appliance
                .http()
                .get("/api/v1/interactions?state=QUEUED&channel=voice", SUPERVISOR)
                .body());
    for (JsonNode i : waiting) {
      appliance
          .http()
          .post(
              "/api/v1/interactions/" + i.path("id").asText() + "/abandon",
              SUPERVISOR,
              "{\"reason\":\"left over by a failed test\"}");
    }
  }

  @Test
  public void a_baresipRegistersWithDigestAuthentication() throws Exception {
    phone.addAccount(Baresip.account(appliance.sipPort(), "agent4", "agent4"));
    JsonNode ok = phone.awaitEvent("REGISTER_OK", EVENT);
    assertEquals(ok.toString(), "sip:agent4@127.0.0.1:" + appliance.sipPort(), aor(ok));

    String listed = appliance.client("admin", "admin", "switchboard:sip-registrations agent4");
    List<String> rows =
        listed
            .lines()
            .filter(l -> l.startsWith("agent4") && l.contains("127.0.0.1:" + phone.sipPort))
            .collect(Collectors.toList());
    assertEquals(listed, 1, rows.size());
    assertTrue(listed, rows.get(0).contains("baresip"));

    JsonNode regs =
        JSON.readTree(
            appliance.http().get("/api/v1/sip/registrations?agent=agent4", SUPERVISOR).body());
    assertEquals(regs.toString(), 1, regs.size());
    assertTrue(regs.toString(), regs.get(0).path("userAgent").asText().startsWith("baresip v"));
    assertTrue(
        regs.toString(),
        regs.get(0).path("contact").asText().endsWith("@127.0.0.1:" + phone.sipPort));
  }

  @Test
  public void b_baresipAnswersTheQueuedCall_theCustomerHangsUp() throws Exception {
    desk.ready("agent4");
    Sipp.Result call = Sipp.run("caller.xml", appliance.sipPort(), "-s", "100", "-d", "3000");
    assertEquals(call.output() + "\n" + phone.tail(), 0, call.exit());

    JsonNode established = phone.awaitEvent("CALL_ESTABLISHED", EVENT);
    assertEquals(established.toString(), "incoming", established.path("direction").asText());
    assertTrue(established.toString(), established.path("peeruri").asText().contains("+4930555"));
    JsonNode closed = phone.awaitEvent("CALL_CLOSED", EVENT);
    assertEquals(closed.toString(), established.path("id").asText(), closed.path("id").asText());

    JsonNode i = endedCall("agent4");
    assertEquals(i.toString(), "customer", i.path("attributes").path("sip.hangupBy").asText());
    assertEquals("support", i.path("queue").asText());
    assertTrue(
        i.toString(),
        i.path("attributes").path("sip.agentContact").asText().endsWith(":" + phone.sipPort));
    desk.complete(i.path("id").asText());
  }

  @Test
  public void c_theAgentHangsUpOnBaresip_theCustomerGetsTheBye() throws Exception {
    desk.ready("agent4");
    ExecutorService customer = Executors.newSingleThreadExecutor();
    try {
      Future<Sipp.Result> call =
          customer.submit(() -> Sipp.run("caller-wait-bye.xml", appliance.sipPort(), "-s", "100"));
      JsonNode established = phone.awaitEvent("CALL_ESTABLISHED", EVENT);
      JsonNode hangup = phone.command("hangup", "", EVENT);
      assertTrue(hangup.toString(), hangup.path("ok").asBoolean());
      JsonNode closed = phone.awaitEvent("CALL_CLOSED", EVENT);
      assertEquals(closed.toString(), established.path("id").asText(), closed.path("id").asText());

      Sipp.Result result = call.get(60, TimeUnit.SECONDS);
      assertEquals(result.output() + "\n" + phone.tail(), 0, result.exit());
    } finally {
      customer.shutdownNow();
    }

    JsonNode i = endedCall("agent4");
    assertEquals(i.toString(), "agent", i.path("attributes").path("sip.hangupBy").asText());
    desk.complete(i.path("id").asText());
  }

  @Test
  public void d_aWrongPasswordRegistersNothing() throws Exception {
    try (Baresip wrong = Baresip.start(60)) {
      wrong.addAccount(Baresip.account(appliance.sipPort(), "agent3", "not-agent3"));
      JsonNode fail = wrong.awaitEvent("REGISTER_FAIL", EVENT);
      assertEquals(fail.toString(), "sip:agent3@127.0.0.1:" + appliance.sipPort(), aor(fail));
      assertFalse(
          wrong.events().toString(),
          wrong.events().stream().anyMatch(e -> "REGISTER_OK".equals(e.path("type").asText())));
    }
    String listed = appliance.client("admin", "admin", "switchboard:sip-registrations agent3");
    assertFalse(listed, listed.lines().anyMatch(l -> l.startsWith("agent3")));
    JsonNode regs =
        JSON.readTree(
            appliance.http().get("/api/v1/sip/registrations?agent=agent3", SUPERVISOR).body());
    assertEquals(regs.toString(), 0, regs.size());
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static String aor(JsonNode event) {
    return event.path("accountaor").asText();
  }

  /**
   * The agent's newest voice interaction once the call has ended: in {@code WRAP_UP} with {@code
   * sip.hangupBy} (earlier calls of this test are completed, so they do not match).
   */
  private static JsonNode endedCall(String agent) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    try {
      RunningDistribution.waitFor(
          Duration.ofSeconds(15),
          () -> {
            JsonNode i = desk.latestCall(agent);
            last.set(i);
            return i != null
                && "WRAP_UP".equals(i.path("state").asText())
                && !i.path("attributes").path("sip.hangupBy").asText().isEmpty();
          },
          "the call of " + agent + " in WRAP_UP with sip.hangupBy");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + last.get() + "\n" + phone.tail(), e);
    }
    return last.get();
  }
}
