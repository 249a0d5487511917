package org.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.e2e.HttpProbe;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * The REST API inside the real distribution (demo users): authentication and roles, interactions
 * opened through it reaching QUEUED with their events on the broker, and bad input rejected with a
 * clear 4xx that leaves the database unchanged.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestApiIT extends SwitchboardTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login ADMIN = new Login("admin", "admin");
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Login AGENT = new Login("agent1", "agent1");
  private HttpProbe http;

  @Before
  public void waitForApi() {
    http = new HttpProbe("http://127.0.0.1:" + port(HTTP_PORT));
    waitFor(TIMEOUT, () -> http.status("/api/health", null) == 200, "GET /api/health 200");
    waitFor(
        TIMEOUT, () -> http.status("/api/v1/queues/support", ADMIN) == 200, "demo queue support");
    org.switchboard.e2e.RunningDistribution.awaitRestResources(http, TIMEOUT);
  }

  @Test
  public void healthAndOpenApiNeedNoCredentials() throws Exception {
    JsonNode health = JSON.readTree(http.get("/api/health", null).body());
    assertEquals("UP", health.path("status").asText());
    HttpResponse<String> openapi = http.get("/api/openapi.json", null);
    assertEquals(200, openapi.statusCode());
    JsonNode paths = JSON.readTree(openapi.body()).path("paths");
    assertTrue(openapi.body(), paths.fieldNames().hasNext());
    assertTrue("interactions documented", openapi.body().contains("/v1/interactions"));
  }

  @Test
  public void credentialsAndRolesAreChecked() throws Exception {
    assertEquals(401, http.status("/api/v1/queues", null));
    HttpResponse<String> denied =
        http.get("/api/v1/queues", new Login("admin", "not-the-password"));
    assertEquals(401, denied.statusCode());
    assertTrue(denied.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    assertEquals(200, http.status("/api/v1/queues", AGENT));

    String queue =
        "{\"id\":\"rest-"
            + shortId()
            + "\",\"name\":\"REST\",\"channels\":[\"chat\"],"
            + "\"priority\":10,\"serviceLevelThreshold\":\"PT20S\",\"serviceLevelTarget\":80}";
    assertEquals(403, http.post("/api/v1/queues", AGENT, queue).statusCode());
    assertEquals(403, http.post("/api/v1/queues", SUPERVISOR, queue).statusCode());
    HttpResponse<String> created = http.post("/api/v1/queues", ADMIN, queue);
    assertEquals(created.body(), 201, created.statusCode());
    assertEquals(403, http.get("/api/v1/interactions", AGENT).statusCode());
  }

  @Test
  public void interactionOpenedThroughTheApiIsQueuedAndPublished() throws Exception {
    try (EventTap tap = new EventTap(port(ARTEMIS_CORE_PORT), EventTypes.ADDRESS)) {
      HttpResponse<String> r = http.post("/api/v1/interactions", SUPERVISOR, openChat("support"));
      assertEquals(r.body(), 201, r.statusCode());
      JsonNode created = JSON.readTree(r.body());
      String id = created.path("id").asText();
      assertEquals("QUEUED", created.path("state").asText());
      assertEquals("support", created.path("queue").asText());

      tap.await(id, EventTypes.INTERACTION_OPENED, TIMEOUT);
      EventTap.Received queued = tap.await(id, EventTypes.INTERACTION_QUEUED, TIMEOUT);
      assertEquals("1.0", JSON.readTree(queued.body()).path("specversion").asText());

      JsonNode fetched = JSON.readTree(http.getOk("/api/v1/interactions/" + id, SUPERVISOR).body());
      assertEquals("QUEUED", fetched.path("state").asText());
      HttpResponse<String> illegal =
          http.post("/api/v1/interactions/" + id + "/accept", SUPERVISOR, "{\"agent\":\"agent1\"}");
      assertEquals(illegal.body(), 409, illegal.statusCode());
    }
  }

  @Test
  public void badInputGetsAClear4xxAndChangesNothing() throws Exception {
    int interactionsBefore = interactionCount();
    int queuesBefore = getService(QueueService.class, null).list().size();

    assertError(
        http.post("/api/v1/interactions", SUPERVISOR, "{\"channel\": \"chat\", "), 400, null);
    assertError(
        http.post(
            "/api/v1/interactions",
            SUPERVISOR,
            "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"x\",\"to\":\"y\",\"priority\":\"high\"}"),
        400,
        "priority");
    assertError(
        http.post(
            "/api/v1/interactions",
            SUPERVISOR,
            "{\"channel\":\"chat\",\"direction\":\"SIDEWAYS\",\"from\":\"x\",\"to\":\"y\"}"),
        400,
        "direction");
    assertError(
        http.post(
            "/api/v1/interactions",
            SUPERVISOR,
            "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"\",\"to\":\"y\"}"),
        400,
        "from");
    assertError(
        http.post("/api/v1/interactions", SUPERVISOR, openChat("no-such-queue")), 404, null);
    assertError(
        http.post(
            "/api/v1/queues",
            ADMIN,
            "{\"id\":\"bad queue!\",\"channels\":[\"chat\"],\"serviceLevelThreshold\":\"PT20S\",\"serviceLevelTarget\":80}"),
        400,
        "id");
    assertError(http.get("/api/v1/interactions/" + UUID.randomUUID(), SUPERVISOR), 404, null);
    String huge =
        "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\""
            + "x".repeat(200_000)
            + "\",\"to\":\"y\"}";
    assertEquals(413, http.post("/api/v1/interactions", SUPERVISOR, huge).statusCode());

    assertEquals(
        "no interaction written by rejected requests", interactionsBefore, interactionCount());
    assertEquals(
        "no queue written by rejected requests",
        queuesBefore,
        getService(QueueService.class, null).list().size());
  }

  private void assertError(HttpResponse<String> r, int status, String field) throws Exception {
    assertEquals(r.body(), status, r.statusCode());
    JsonNode body = JSON.readTree(r.body());
    assertTrue(
        "error body names the problem: " + r.body(), !body.path("message").asText().isEmpty());
    if (field != null) {
      assertTrue(
          "error names field " + field + ": " + r.body(),
          body.path("field").asText().contains(field));
    }
  }

  private int interactionCount() {
    return getService(InteractionService.class, null).list(InteractionQuery.all(1000)).size();
  }

  private static String openChat(String queue) {
    return "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"visitor-"
        + shortId()
        + "\",\"to\":\"web\",\"queue\":\""
        + queue
        + "\"}";
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
