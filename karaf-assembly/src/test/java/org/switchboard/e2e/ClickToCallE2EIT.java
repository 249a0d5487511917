package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * Agents' dials through the started appliance (demo mode): the agent asks over REST to call a
 * customer; Switchboard rings the agent's SIPp phone first, then calls the customer through the
 * outbound trunk, a second SIPp standing in for the carrier on a port fixed in the SIP config.
 */
public class ClickToCallE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login AGENT1 = new Login("agent1", "agent1");
  private static final String NUMBER = "+49 30 1234567";
  private static RunningDistribution appliance;
  private static Desk desk;
  private static int trunkPort;

  @BeforeClass
  public static void start() {
    trunkPort = RunningDistribution.freePort();
    appliance =
        Desk.demoAppliance(
            "dial",
            Map.of(
                "outboundTrunk", "sip:127.0.0.1:" + trunkPort,
                "outboundCallerId", "+4930999000",
                "outboundPrefixes", "+49",
                "outboundTrunkUser", "switchboard",
                // As on the appliance: the secret comes from the environment, resolved by
                // ConfigAdmin's interpolation when delivered, so it is never written to etc/.
                "outboundTrunkPassword", "$[env:SWITCHBOARD_TRUNK_PASSWORD]"),
            home -> {},
            Map.of("SWITCHBOARD_TRUNK_PASSWORD", "trunk-secret"));
    desk = new Desk(appliance);
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
  }

  @Before
  public void agentOn() throws Exception {
    desk.state("agent1", "NOT_READY"); // logged in, and not taking queued calls meanwhile
  }

  @After
  public void agentOff() throws Exception {
    JsonNode left = desk.latestCall("agent1");
    if (left != null && !left.path("state").asText().matches("CLOSED|ABANDONED")) {
      desk.complete(left.path("id").asText()); // a failed test may leave its dial or call behind
    }
    desk.state("agent1", "NOT_READY");
  }

  @Test
  public void theAgentsPhoneRingsFirstThenTheCustomerAnswersAndHangsUp() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "300");
        Sipp.Phone trunk = Sipp.phoneOn(trunkPort, "trunk-answer.xml", 1, "-d", "1000")) {
      phone.registerAs("agent1", appliance.sipPort());
      JsonNode placed = dial("{\"to\":\"" + NUMBER + "\",\"requestId\":\"c1\"}");
      assertEquals(placed.toString(), "OFFERED", placed.path("state").asText());
      assertEquals("OUTBOUND", placed.path("direction").asText());

      assertEquals(trunk.tail(), 0, trunk.await(30).exit());
      assertEquals(phone.tail(), 0, phone.await(30).exit());
      String id = placed.path("id").asText();
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "WRAP_UP".equals(desk.interaction(id).path("state").asText()),
          "the dial in wrap-up after the customer hung up");
      JsonNode i = desk.interaction(id);
      assertEquals(i.toString(), "agent1", i.path("agent").asText());
      assertTrue(i.toString(), i.path("answeredAt").isTextual());
      assertEquals("+49301234567", i.path("attributes").path("sip.dialled").asText());
      assertEquals("+4930999000", i.path("attributes").path("sip.callerId").asText());
      assertEquals("customer", i.path("attributes").path("sip.hangupBy").asText());

      JsonNode again = dial("{\"to\":\"" + NUMBER + "\",\"requestId\":\"c1\"}");
      assertEquals("a repeated request dials once", id, again.path("id").asText());
    }
  }

  @Test
  public void aCarrierThatChallengesGetsTheTrunkCredentials() throws Exception {
    java.nio.file.Path trace = java.nio.file.Files.createTempFile("trunk-auth-", ".log");
    try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "200");
        Sipp.Phone trunk =
            Sipp.phoneOn(
                trunkPort,
                "trunk-auth.xml",
                1,
                "-d",
                "500",
                "-trace_msg",
                "-message_file",
                trace.toString())) {
      phone.registerAs("agent1", appliance.sipPort());
      String id = dial("{\"to\":\"" + NUMBER + "\"}").path("id").asText();
      assertEquals(trunk.tail(), 0, trunk.await(30).exit());
      assertEquals(phone.tail(), 0, phone.await(30).exit());
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> "WRAP_UP".equals(desk.interaction(id).path("state").asText()),
          "the authenticated dial connected and ended");
      assertEquals("200 OK", desk.legs(id).get(0).path("outcome").asText());
      assertDigest(java.nio.file.Files.readString(trace), "switchboard", "trunk-secret");
    } finally {
      java.nio.file.Files.deleteIfExists(trace);
    }
  }

  /** Checks the RFC 2617 response in the Proxy-Authorization SIPp received (qop=auth). */
  private static void assertDigest(String messages, String user, String password) throws Exception {
    java.util.regex.Matcher header =
        java.util.regex.Pattern.compile("Proxy-Authorization: Digest (.*)").matcher(messages);
    assertTrue(messages, header.find());
    Map<String, String> p = new java.util.HashMap<>();
    java.util.regex.Matcher param =
        java.util.regex.Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))")
            .matcher(header.group(1));
    while (param.find()) {
      p.put(param.group(1), param.group(2) != null ? param.group(2) : param.group(3));
    }
    assertEquals(header.group(), user, p.get("username"));
    String ha1 = md5(user + ":" + p.get("realm") + ":" + password);
    String ha2 = md5("INVITE:" + p.get("uri"));
    String expected =
        md5(
            ha1
                + ":"
                + p.get("nonce")
                + ":"
                + p.get("nc")
                + ":"
                + p.get("cnonce")
                + ":"
                + p.get("qop")
                + ":"
                + ha2);
    assertEquals(header.group(), expected, p.get("response"));
  }

  private static String md5(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Demo mode added its routes through ConfigAdmin, so Karaf wrote the SIP config back to its file
   * (as it does for every change from the console or the shell): the secret's reference is still
   * there, the secret itself is not.
   */
  @Test
  public void theTrunkSecretStaysOutOfTheConfigFileWhenTheConfigIsWrittenBack() throws Exception {
    String cfg =
        java.nio.file.Files.readString(
            appliance.home().resolve("etc/org.switchboard.channel.sip.cfg"));
    assertTrue(cfg, cfg.contains("100=queue:support"));
    assertTrue(cfg, cfg.contains("$[env:SWITCHBOARD_TRUNK_PASSWORD]"));
    assertTrue(cfg, !cfg.contains("trunk-secret"));
  }

  @Test
  public void aBusyCustomerClosesTheDialAndReleasesTheAgentsPhone() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "200");
        Sipp.Phone trunk = Sipp.phoneOn(trunkPort, "trunk-busy.xml", 1)) {
      phone.registerAs("agent1", appliance.sipPort());
      String id = dial("{\"to\":\"" + NUMBER + "\"}").path("id").asText();
      assertEquals(trunk.tail(), 0, trunk.await(30).exit());
      assertEquals("the phone gets BYE: " + phone.tail(), 0, phone.await(30).exit());
      JsonNode i = closed(id);
      assertEquals(i.toString(), "busy", i.path("disposition").path("code").asText());
      assertTrue(i.toString(), i.path("disposition").path("note").asText().startsWith("486"));
      JsonNode legs = desk.legs(id);
      assertEquals(legs.toString(), "486 Busy Here", legs.get(0).path("outcome").asText());
      assertEquals("+49301234567", legs.get(0).path("party").asText());
      assertEquals("agent1", legs.get(1).path("party").asText());
      assertEquals("200 OK", legs.get(1).path("outcome").asText());
    }
  }

  @Test
  public void anAgentWhoDoesNotPickUpIsNeverConnectedToTheCustomer() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-busy.xml", 1)) {
      phone.registerAs("agent1", appliance.sipPort());
      String id = dial("{\"to\":\"" + NUMBER + "\"}").path("id").asText();
      assertEquals(phone.tail(), 0, phone.await(30).exit());
      JsonNode i = closed(id);
      assertEquals(i.toString(), "agent-no-answer", i.path("disposition").path("code").asText());
    }
  }

  @Test
  public void closingADialFromTheDesktopStopsThePhoneRinging() throws Exception {
    try (Sipp.Phone phone = Sipp.phone("agent-ring-cancelled.xml", 1)) {
      phone.registerAs("agent1", appliance.sipPort());
      String id = dial("{\"to\":\"" + NUMBER + "\"}").path("id").asText();
      RunningDistribution.waitFor(
          Duration.ofSeconds(10),
          () -> desk.interaction(id).path("attributes").has("sip.callId"),
          "the dial under way");
      desk.complete(id);
      assertEquals("the phone gets CANCEL: " + phone.tail(), 0, phone.await(30).exit());
      JsonNode legs = desk.legs(id);
      assertEquals(legs.toString(), "agent1", legs.get(1).path("party").asText());
      assertTrue(legs.toString(), legs.get(1).path("endedBy").asText().contains("cancelled"));
    }
  }

  @Test
  public void numbersOutsideTheAllowedPrefixesAreNotDialled() throws Exception {
    String id = dial("{\"to\":\"+1 212 555 0100\"}").path("id").asText();
    JsonNode i = closed(id);
    assertEquals(i.toString(), "number-not-allowed", i.path("disposition").path("code").asText());
    HttpResponse<String> noNumber =
        appliance.http().post("/api/v1/agents/agent1/calls", AGENT1, "{}");
    assertEquals(noNumber.body(), 400, noNumber.statusCode());
    HttpResponse<String> other =
        appliance.http().post("/api/v1/agents/agent2/calls", AGENT1, "{\"to\":\"+4930111\"}");
    assertEquals(other.body(), 403, other.statusCode());
  }

  private static JsonNode dial(String body) throws Exception {
    HttpResponse<String> r = appliance.http().post("/api/v1/agents/agent1/calls", AGENT1, body);
    assertTrue(r.body(), r.statusCode() == 201);
    return JSON.readTree(r.body());
  }

  private static JsonNode closed(String id) {
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> "CLOSED".equals(desk.interaction(id).path("state").asText()),
        "the dial closed");
    return desk.interaction(id);
  }
}
