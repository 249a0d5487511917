package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * What the voice tests do over REST as a supervisor: agents ready or not, interactions read and
 * completed.
 */
final class Desk {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private final RunningDistribution appliance;

  /**
   * A started demo appliance whose REST API answers and whose demo numbers (100 -> support ...) are
   * routed: what the voice tests start from.
   */
  static RunningDistribution demoAppliance(String name) {
    return demoAppliance(name, java.util.Map.of());
  }

  /**
   * The same, with these settings of the SIP channel ({@code etc/org.switchboard.channel.sip.cfg}).
   */
  static RunningDistribution demoAppliance(String name, java.util.Map<String, String> sip) {
    return demoAppliance(name, sip, home -> {});
  }

  /** The same, after {@code prepare} has changed the copied distribution (e.g. added prompts). */
  static RunningDistribution demoAppliance(
      String name,
      java.util.Map<String, String> sip,
      java.util.function.Consumer<java.nio.file.Path> prepare) {
    return demoAppliance(name, sip, prepare, java.util.Map.of());
  }

  /** The same, with these variables in the Karaf process's environment besides demo mode. */
  static RunningDistribution demoAppliance(
      String name,
      java.util.Map<String, String> sip,
      java.util.function.Consumer<java.nio.file.Path> prepare,
      java.util.Map<String, String> env) {
    java.util.Map<String, String> demo = new java.util.HashMap<>(env);
    demo.put("SWITCHBOARD_DEMO", "true");
    RunningDistribution prepared = RunningDistribution.prepare(name, demo);
    Ports.set(prepared.home(), "org.switchboard.channel.sip.cfg", sip);
    prepare.accept(prepared.home());
    RunningDistribution appliance = prepared.start();
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(60),
        () -> appliance.http().status("/api/v1/queues/support", ADMIN) == 200,
        "demo users and the REST API");
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(60),
        () ->
            appliance
                .client("admin", "admin", "config:list '(service.pid=org.switchboard.channel.sip)'")
                .contains("100=queue:support"),
        "the demo number routed");
    return appliance;
  }

  Desk(RunningDistribution appliance) {
    this.appliance = appliance;
  }

  /** Waits until the flow engine runs, and the data dips named are installed. */
  void awaitFlowEngine(String... dips) {
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(60),
        () -> {
          if (!appliance
              .client("admin", "admin", "service:list org.switchboard.flow.api.FlowService")
              .contains("org.switchboard.flow.impl")) {
            return false;
          }
          String installed =
              appliance.client("admin", "admin", "service:list org.switchboard.flow.api.DataDip");
          return java.util.Arrays.stream(dips).allMatch(installed::contains);
        },
        "the flow engine and the dips " + java.util.Arrays.toString(dips));
  }

  /** The agent goes READY and shows a sign of life to the ACD watchdog. */
  void ready(String agent) throws IOException {
    state(agent, "READY");
    HttpResponse<String> beat =
        appliance.http().post("/api/v1/acd/agents/" + agent + "/heartbeat", ADMIN, "{}");
    assertEquals(beat.body(), 204, beat.statusCode());
  }

  /** Sets the agent's state (reason {@code break} when not READY); already there is fine. */
  void state(String agent, String state) throws IOException {
    String reason = "READY".equals(state) ? "" : "break";
    HttpResponse<String> r =
        appliance
            .http()
            .put(
                "/api/v1/agents/" + agent + "/state",
                SUPERVISOR,
                "{\"state\":\"" + state + "\",\"reason\":\"" + reason + "\"}");
    assertTrue(r.body(), r.statusCode() == 200 || r.statusCode() == 409);
  }

  /**
   * Ends every interaction of the channel a test left open: a conversation ends and is completed, a
   * waiting one is abandoned, so the next test starts with free agents and empty queues.
   */
  void closeOpen(String channel) throws IOException {
    JsonNode open =
        read(
            "/api/v1/interactions?channel="
                + channel
                + "&state=NEW&state=QUEUED&state=OFFERED&state=CONNECTED&state=HELD&state=WRAP_UP"
                + "&limit=1000");
    for (JsonNode i : open) {
      String base = "/api/v1/interactions/" + i.path("id").asText() + "/";
      String state = i.path("state").asText();
      if (state.equals("CONNECTED") || state.equals("HELD")) {
        appliance.http().post(base + "end", SUPERVISOR, "{}");
        state = "WRAP_UP";
      }
      if (state.equals("WRAP_UP")) {
        appliance
            .http()
            .post(base + "complete", SUPERVISOR, "{\"code\":\"resolved\",\"note\":\"\"}");
      } else {
        appliance.http().post(base + "abandon", SUPERVISOR, "{\"reason\":\"test cleanup\"}");
      }
    }
  }

  /** Closes an interaction in wrap-up, freeing its agent. */
  void complete(String id) throws IOException {
    HttpResponse<String> r =
        appliance
            .http()
            .post(
                "/api/v1/interactions/" + id + "/complete",
                SUPERVISOR,
                "{\"code\":\"resolved\",\"note\":\"\"}");
    assertEquals(r.body(), 200, r.statusCode());
  }

  /**
   * The leg records (CDRs) of an interaction's call, waiting until the channel has written them
   * (just after the call's last change).
   */
  JsonNode legs(String id) {
    JsonNode[] found = new JsonNode[1];
    RunningDistribution.waitFor(
        java.time.Duration.ofSeconds(10),
        () -> {
          for (JsonNode e : read("/api/v1/interactions/" + id + "/events")) {
            if (e.path("type").asText().endsWith(".legs-recorded")) {
              found[0] = e.path("data").path("legs");
              return true;
            }
          }
          return false;
        },
        "the leg records of " + id);
    return found[0];
  }

  /** The event types of an interaction's timeline, oldest first, without the common prefix. */
  java.util.List<String> timeline(String id) {
    java.util.List<String> types = new java.util.ArrayList<>();
    read("/api/v1/interactions/" + id + "/events")
        .forEach(
            e -> types.add(e.path("type").asText().replace("org.switchboard.interaction.", "")));
    return types;
  }

  JsonNode interaction(String id) {
    return read("/api/v1/interactions/" + id);
  }

  /** The newest voice interaction (of the agent, when not null); null when there is none. */
  JsonNode latestCall(String agent) {
    JsonNode list =
        read(
            "/api/v1/interactions?channel=voice&limit=1"
                + (agent == null ? "" : "&agent=" + agent));
    return list.size() == 0 ? null : list.get(0);
  }

  private JsonNode read(String path) {
    try {
      return JSON.readTree(appliance.http().get(path, SUPERVISOR).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
