package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * The built distribution, started the way the README starts it (demo mode from the environment),
 * checked through its real surfaces: HTTP, the web console, {@code bin/client} over SSH, and a full
 * stop/start of the container.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ApplianceE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Login AGENT = new Login("agent1", "agent1");
  private static RunningDistribution appliance;

  @BeforeClass
  public static void start() {
    appliance =
        RunningDistribution.prepare("appliance", Map.of("SWITCHBOARD_DEMO", "true")).start();
    // Demo users and the REST resources come up just after the core reports healthy.
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(60),
        () -> appliance.http().status("/api/v1/queues/support", ADMIN) == 200,
        "demo users and the REST API");
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
  }

  @Test
  public void a_healthReportsDatabaseBrokerAndCoreUp() throws Exception {
    HttpResponse<String> r = appliance.http().get("/api/health", null);
    assertEquals(r.body(), 200, r.statusCode());
    JsonNode health = JSON.readTree(r.body());
    assertEquals("UP", health.path("status").asText());
    for (String component : List.of("db", "broker", "core")) {
      assertEquals(r.body(), "UP", statusOf(health, component));
    }
  }

  @Test
  public void b_everyBundleIsActive() throws Exception {
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(60), () -> notActive().isEmpty(), "every bundle Active");
    String listing = appliance.client("admin", "admin", "bundle:list -t 0");
    assertTrue(listing, listing.contains("Switchboard :: Core :: API"));
    assertTrue(listing, listing.contains("Active"));
    for (String bad : List.of("Failure", "Installed ", "GracePeriod")) {
      assertTrue("bin/client listing has no " + bad + ":\n" + listing, !listing.contains(bad));
    }
  }

  @Test
  public void c_webConsoleAnswersForAdminOnly() {
    HttpProbe http = appliance.http();
    assertEquals(401, http.status("/system/console/bundles", null));
    assertEquals(200, http.status("/system/console/bundles", ADMIN));
    assertEquals(200, http.status("/system/console/switchboard", ADMIN));
    int agentStatus = http.status("/system/console/bundles", AGENT);
    assertTrue(
        "agent1 must not reach the console, got " + agentStatus,
        agentStatus == 401 || agentStatus == 403);
  }

  @Test
  public void d_restApiChecksRoles() {
    HttpProbe http = appliance.http();
    assertEquals(401, http.status("/api/v1/queues", null));
    assertEquals(401, http.status("/api/v1/queues", new Login("admin", "wrong")));
    assertEquals(200, http.status("/api/v1/queues", AGENT));
    assertEquals(200, http.status("/api/openapi.json", null));
  }

  @Test
  public void e_queuedInteractionSurvivesAContainerRestart() throws Exception {
    HttpProbe http = appliance.http();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String body =
          "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"visitor-"
              + UUID.randomUUID()
              + "\",\"to\":\"web\",\"queue\":\"support\"}";
      HttpResponse<String> r = http.post("/api/v1/interactions", SUPERVISOR, body);
      assertEquals(r.body(), 201, r.statusCode());
      JsonNode created = JSON.readTree(r.body());
      assertEquals("QUEUED", created.path("state").asText());
      ids.add(created.path("id").asText());
    }
    Map<String, String> queuedAt = new java.util.HashMap<>();
    for (String id : ids) {
      queuedAt.put(
          id,
          JSON.readTree(http.get("/api/v1/interactions/" + id, SUPERVISOR).body())
              .path("queuedAt")
              .asText());
    }

    appliance.stop();
    appliance.start();
    // Health covers db, broker and core; the REST resources register a moment later.
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(60),
        () -> appliance.http().status("/api/v1/interactions/" + ids.get(0), SUPERVISOR) == 200,
        "the interactions API after the restart");

    for (String id : ids) {
      // While the rest of the bundles start, the JAX-RS whiteboard may rebuild the application
      // and answer 404 for a moment: read each interaction once the API answers it.
      RunningDistribution.waitFor(
          java.time.Duration.ofSeconds(30),
          () -> appliance.http().status("/api/v1/interactions/" + id, SUPERVISOR) == 200,
          "interaction " + id + " readable after the restart");
      HttpResponse<String> r = appliance.http().get("/api/v1/interactions/" + id, SUPERVISOR);
      assertEquals(r.body(), 200, r.statusCode());
      JsonNode after = JSON.readTree(r.body());
      assertEquals("QUEUED", after.path("state").asText());
      assertEquals(queuedAt.get(id), after.path("queuedAt").asText());
    }
  }

  /**
   * An agent goes READY over REST; the ACD offers them waiting chats (the oldest first) up to their
   * capacity, explains the decision, and the agent accepts. A what-if simulation runs over REST.
   */
  @Test
  public void f_readyAgentIsOfferedWorkAndTheDecisionIsExplained() throws Exception {
    HttpProbe http = appliance.http();
    String body =
        "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"visitor-acd\",\"to\":\"web\","
            + "\"queue\":\"support\"}";
    HttpResponse<String> created = http.post("/api/v1/interactions", SUPERVISOR, body);
    assertEquals(created.body(), 201, created.statusCode());
    HttpResponse<String> ready =
        http.put("/api/v1/agents/agent1/state", AGENT, "{\"state\":\"READY\",\"reason\":\"\"}");
    assertEquals(ready.body(), 200, ready.statusCode());
    assertEquals(204, http.post("/api/v1/acd/agents/agent1/heartbeat", AGENT, "{}").statusCode());

    String[] offered = new String[1];
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(30),
        () -> {
          try {
            JsonNode list =
                JSON.readTree(
                    http.get("/api/v1/interactions?state=OFFERED&agent=agent1", SUPERVISOR).body());
            if (list.size() > 0) {
              offered[0] = list.get(0).path("id").asText();
            }
            return offered[0] != null;
          } catch (java.io.IOException e) {
            return false;
          }
        },
        "an offer to agent1");
    JsonNode story =
        JSON.readTree(http.get("/api/v1/acd/interactions/" + offered[0], SUPERVISOR).body());
    JsonNode decision = story.path("decisions").get(0);
    assertEquals("OFFER", decision.path("kind").asText());
    assertEquals("agent1", decision.path("agentId").asText());
    assertTrue(
        decision.path("rule").asText(), decision.path("rule").asText().contains("longest-idle"));
    assertEquals(403, http.status("/api/v1/acd/interactions/" + offered[0], AGENT));

    HttpResponse<String> accepted =
        http.post("/api/v1/interactions/" + offered[0] + "/accept", AGENT, "{}");
    assertEquals(accepted.body(), 200, accepted.statusCode());
    assertEquals("CONNECTED", JSON.readTree(accepted.body()).path("state").asText());

    String scenario =
        "{\"seed\":3,\"length\":\"PT8H\",\"queues\":[{\"queue\":\"q\",\"arrivalsPerHour\":600,"
            + "\"handleTime\":{\"kind\":\"EXPONENTIAL\",\"mean\":\"PT3M\"},\"priority\":50}],"
            + "\"agentGroups\":[{\"count\":40}]}";
    HttpResponse<String> sim = http.post("/api/v1/acd/simulations", SUPERVISOR, scenario);
    assertEquals(sim.body(), 200, sim.statusCode());
    assertTrue(
        sim.body(), JSON.readTree(sim.body()).path("total").path("answered").asLong() > 4000);

    String why = appliance.client("supervisor", "supervisor", "switchboard:acd-why " + offered[0]);
    assertTrue(why, why.contains("OFFER") && why.contains("agent=agent1"));
    String simulated =
        appliance.client(
            "supervisor",
            "supervisor",
            "switchboard:acd-simulate --agents 40 --calls-per-hour 600 --aht 180 --hours 8");
    assertTrue(simulated, simulated.contains("P(wait)") && simulated.contains("occupancy"));
    String refused =
        appliance.client("supervisor", "supervisor", "switchboard:acd-policy --ring 5 support");
    assertTrue(refused, !refused.contains("ring 5s"));
    String set = appliance.client("admin", "admin", "switchboard:acd-policy --ring 25 support");
    assertTrue(set, set.contains("ring 25s"));
    String bad = appliance.client("admin", "admin", "switchboard:acd-policy --step x support");
    assertTrue(bad, bad.contains("Error:") && bad.contains("must look like"));
  }

  /**
   * Demo agents' phones register over SIP with their demo passwords (SIPp as the phone); a wrong
   * password registers nothing; the registration shows in the shell.
   */
  @Test
  public void g_demoAgentsPhonesRegisterWithDigestAuthentication() throws Exception {
    int sip = appliance.sipPort();
    Sipp.Result ok =
        Sipp.run("register.xml", sip, "-s", "agent2", "-au", "agent2", "-ap", "agent2");
    assertEquals(ok.output(), 0, ok.exit());
    Sipp.Result wrong =
        Sipp.run("register-wrong.xml", sip, "-s", "agent3", "-au", "agent3", "-ap", "nope-nope");
    assertEquals(wrong.output(), 0, wrong.exit());
    String listing = appliance.client("supervisor", "supervisor", "switchboard:sip-registrations");
    assertTrue(listing, listing.contains("agent2") && listing.contains("SIPp"));
    assertTrue(listing, !listing.contains("agent3"));

    // The SIP bundle restarts (a new stack on the same port); registrations survive it, and the
    // REST API keeps answering meanwhile: SIP's own paths 503 at worst, the others as usual.
    ApiWatch watch =
        ApiWatch.start(appliance.http(), ADMIN, "/api/v1/queues", "/api/v1/sip/registrations");
    String restart =
        appliance.client("admin", "admin", "bundle:restart org.switchboard.channel.sip");
    assertTrue(restart, !restart.contains("Error"));
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(30),
        () -> {
          try {
            return Sipp.run("register.xml", sip, "-s", "agent1", "-au", "agent1", "-ap", "agent1")
                    .exit()
                == 0;
          } catch (java.io.IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        },
        "a registration after the SIP bundle restarted");
    watch.close();
    Map<Integer, Integer> queues = watch.answers("/api/v1/queues");
    Map<Integer, Integer> sipPaths = watch.answers("/api/v1/sip/registrations");
    assertEquals(queues.toString(), Set.of(200), queues.keySet());
    assertTrue(sipPaths.toString(), Set.of(200, 503).containsAll(sipPaths.keySet()));
    assertTrue(sipPaths.toString(), sipPaths.getOrDefault(200, 0) > 0);
    String after = appliance.client("supervisor", "supervisor", "switchboard:sip-registrations");
    assertTrue(after, after.contains("agent2") && after.contains("agent1"));
  }

  private static String statusOf(JsonNode health, String component) {
    for (JsonNode c : health.path("components")) {
      if (component.equals(c.path("component").asText())) {
        return c.path("status").asText();
      }
    }
    return "missing";
  }

  /** Bundles that are neither Active nor fragments, from the web console's bundle list. */
  private static List<String> notActive() {
    try {
      HttpResponse<String> r = appliance.http().get("/system/console/bundles.json", ADMIN);
      List<String> bad = new ArrayList<>();
      for (JsonNode b : JSON.readTree(r.body()).path("data")) {
        String state = b.path("state").asText();
        if (!state.equals("Active") && !state.equals("Fragment")) {
          bad.add(b.path("symbolicName").asText() + "=" + state);
        }
      }
      return bad;
    } catch (java.io.IOException e) {
      return List.of("console unreachable: " + e);
    }
  }

  /**
   * The wallboard follows the queue within seconds: as JSON, as Prometheus text, as server-sent
   * events read by curl (an independent client), and on the web console's Switchboard page.
   */
  @Test
  public void h_theWallboardShowsANewQueuesWaitingContactsEverywhere() throws Exception {
    HttpProbe http = appliance.http();
    String queue = "wb-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        http.post(
            "/api/v1/queues",
            ADMIN,
            "{\"id\":\""
                + queue
                + "\",\"name\":\"Wallboard\",\"channels\":[\"chat\"],"
                + "\"priority\":10,\"serviceLevelThreshold\":\"PT20S\",\"serviceLevelTarget\":80}");
    assertEquals(created.body(), 201, created.statusCode());
    for (int n = 0; n < 2; n++) {
      HttpResponse<String> r =
          http.post(
              "/api/v1/interactions",
              SUPERVISOR,
              "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"wb-"
                  + n
                  + "\",\"to\":\"web\",\"queue\":\""
                  + queue
                  + "\"}");
      assertEquals(r.body(), 201, r.statusCode());
    }
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(30),
        () -> {
          try {
            for (JsonNode q :
                JSON.readTree(http.get("/api/v1/wallboard", SUPERVISOR).body()).path("queues")) {
              if (q.path("id").asText().equals(queue)) {
                return q.path("waiting").asInt() == 2 && q.at("/today/offered").asInt() == 2;
              }
            }
            return false;
          } catch (IOException e) {
            return false;
          }
        },
        "the wallboard showing 2 waiting and 2 offered today in " + queue);
    assertEquals(403, http.status("/api/v1/wallboard", AGENT));
    String metrics = http.get("/api/v1/metrics", ADMIN).body();
    assertTrue(metrics, metrics.contains("switchboard_queue_waiting{queue=\"" + queue + "\"} 2"));

    Process curl =
        new ProcessBuilder(
                "curl",
                "-sN",
                "--max-time",
                "4",
                "-u",
                "supervisor:supervisor",
                "-H",
                "Accept: text/event-stream",
                "http://127.0.0.1:" + appliance.httpPort() + "/api/v1/wallboard/events")
            .redirectErrorStream(true)
            .start();
    try {
      String stream =
          new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(
          "curl ended by its --max-time", curl.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(stream, stream.contains("event: wallboard"));
      assertTrue(stream, stream.contains("\"id\":\"" + queue + "\""));
      assertTrue(
          "a second event after a second: " + stream,
          stream.indexOf("event: wallboard") != stream.lastIndexOf("event: wallboard"));
    } finally {
      curl.destroyForcibly();
    }

    String console = http.get("/system/console/switchboard/status.json", ADMIN).body();
    assertTrue(
        console, console.contains("\"id\":\"" + queue + "\"") && console.contains("\"today\""));
  }

  /**
   * Karaf's security audit records shell commands with their user and failed logins; a password
   * left out of {@code switchboard:sip-password} is asked for, never taken from nowhere.
   */
  @Test
  public void i_shellCommandsAndFailedLoginsAreInTheSecurityAudit() throws Exception {
    String marker = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    String echoed = appliance.client("admin", "admin", "echo " + marker);
    assertTrue(echoed, echoed.contains(marker));
    String noPassword = appliance.client("admin", "admin", "switchboard:sip-password agent3");
    assertTrue(
        noPassword,
        noPassword.contains("Error:") && !noPassword.contains("password of agent3 set"));
    assertEquals(401, appliance.http().status("/api/v1/queues", new Login(marker, "wrong")));

    Path audit = appliance.home().resolve("data/log/audit.txt");
    RunningDistribution.waitFor(
        Duration.ofSeconds(20),
        () ->
            auditLines(audit).stream()
                .anyMatch(l -> l.endsWith("login failure username=\"" + marker + "\"")),
        "the failed login in " + audit);
    List<String> lines = auditLines(audit);
    assertTrue(
        String.join("\n", lines),
        lines.stream()
            .anyMatch(
                l ->
                    l.contains(" admin@ssh(")
                        && l.endsWith("shell executed command=\"echo " + marker + "\"")));
  }

  private static List<String> auditLines(Path audit) {
    try {
      return Files.exists(audit) ? Files.readAllLines(audit) : List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
