package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * Web chat and the agent desktop in a real browser (Chromium driven by Playwright) against the
 * started demo appliance: the customer chats from a shop page on another origin, agent1 answers in
 * the desktop, and the core keeps the transcript and the events. Screenshots of every step are in
 * {@code target/e2e-screenshots}.
 */
public class WebChatE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Login AGENT1 = new Login("agent1", "agent1");
  private static final Login AGENT2 = new Login("agent2", "agent2");
  private static final List<String> AGENTS = List.of("agent1", "agent2", "agent3", "agent4");

  private static Browser browser;
  private static RunningDistribution appliance;
  private static Desk desk;
  private static HttpServer orderSystem;

  @BeforeClass
  public static void start() throws IOException {
    browser = Browser.shop();
    orderSystem = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    orderSystem.createContext("/orders", WebChatE2EIT::orders);
    orderSystem.start();
    appliance =
        Desk.demoAppliance(
            "chat",
            Map.of(),
            home -> {
              Ports.set(
                  home,
                  "org.switchboard.channel.webchat.cfg",
                  Map.of("allowedOrigins", browser.origin()));
              try {
                Files.createDirectories(home.resolve("etc/dips"));
                Files.writeString(
                    home.resolve("etc/dips/orders.camel.yaml"),
                    orderRoutes(orderSystem.getAddress().getPort()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    browser.pointAt("http://127.0.0.1:" + appliance.httpPort());
    desk = new Desk(appliance);
    desk.awaitFlowEngine("customer-orders", "order-status");
  }

  /**
   * The stand-in order system: {@code /orders?email=} lists a customer's orders, {@code
   * /orders/<number>} is one order; anything else is 404.
   */
  private static void orders(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String query = String.valueOf(x.getRequestURI().getQuery());
    String body = null;
    if (path.equals("/orders") && query.equals("email=li.wei@example.com")) {
      body =
          "{\"orders\":[{\"number\":\"1001\",\"status\":\"shipped\",\"total\":\"59.90 EUR\"},"
              + "{\"number\":\"0997\",\"status\":\"delivered\",\"total\":\"12.00 EUR\"}],"
              + "\"openOrders\":1}";
    } else if (path.equals("/orders/1002")) {
      body = "{\"status\":\"open\",\"eta\":\"2026-12-10\"}";
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
    if (body != null) {
      x.getResponseBody().write(bytes);
    }
    x.close();
  }

  /** The admin's dip routes for agents: a customer's orders by email, one order by number. */
  private static String orderRoutes(int port) {
    String base = "http://127.0.0.1:" + port + "/orders";
    return String.join(
        "\n",
        "- route:",
        "    id: customer-orders",
        "    from:",
        "      uri: direct:dip-customer-orders",
        "      steps:",
        "        - toD:",
        "            uri: \"" + base + "?email=${header.email}&httpMethod=GET\"",
        "- route:",
        "    id: order-status",
        "    from:",
        "      uri: direct:dip-order-status",
        "      steps:",
        "        - toD:",
        "            uri: \"" + base + "/${header.orderNumber}?httpMethod=GET\"",
        "");
  }

  @AfterClass
  public static void stop() {
    if (appliance != null) {
      appliance.close();
    }
    if (browser != null) {
      browser.close();
    }
    if (orderSystem != null) {
      orderSystem.stop(0);
    }
  }

  /** Nobody takes chats but the agent a scenario logs in, and no chat is left from another test. */
  @Before
  @After
  public void quiet() throws Exception {
    desk.closeOpen("chat");
    for (String agent : AGENTS) {
      desk.state(agent, "LOGGED_OUT");
    }
  }

  @Test
  public void aCustomerChatsWithAnAgentWhoWrapsUp() throws Exception {
    JsonNode result = browser.run("conversation");
    String chat = result.path("chat").asText();

    JsonNode messages = messages(chat);
    assertEquals(messages.toString(), 4, messages.size());
    assertEquals(List.of("CUSTOMER", "AGENT", "CUSTOMER", "CUSTOMER"), field(messages, "party"));
    assertEquals(
        List.of(
            "Hello, where is my order 1001?",
            "Hi Li, it left our warehouse today.",
            "Thank you!",
            ""),
        field(messages, "text"));
    assertEquals(List.of("1", "2", "3", "4"), field(messages, "seq"));
    assertEquals("Agent 1", messages.get(1).path("author").asText());
    JsonNode photo = messages.get(3).path("attachment");
    assertEquals("receipt.png", photo.path("name").asText());
    assertEquals("image/png", photo.path("contentType").asText());
    assertEquals("the customer saw the same transcript", 4, result.path("customerSaw").size());

    JsonNode interaction = interaction(chat);
    assertEquals("CLOSED", interaction.path("state").asText());
    assertEquals("agent1", interaction.path("agent").asText());
    assertEquals("resolved", interaction.at("/disposition/code").asText());
    assertEquals(
        "told the customer the order shipped", interaction.at("/disposition/note").asText());
    JsonNode attributes = interaction.path("attributes");
    assertEquals("Li Wei", attributes.path("chat.name").asText());
    assertEquals("Order 1001 is late", attributes.path("chat.topic").asText());
    assertEquals("agent", attributes.path("chat.endedBy").asText());
    assertEquals("4", attributes.path("chat.messages").asText());
    // The CRM knows the visitor by the email of the pre-chat form (named after the first chat
    // that gave it, which may be another test's).
    JsonNode customer =
        get("/api/v1/customers/" + interaction.path("customerRef").asText(), SUPERVISOR);
    assertTrue(
        customer.toString(),
        customer.path("identities").toString().contains("email:li.wei@example.com"));

    List<String> types = new ArrayList<>();
    for (JsonNode e : get("/api/v1/interactions/" + chat + "/events", SUPERVISOR)) {
      types.add(e.path("type").asText().replace("org.switchboard.interaction.", ""));
    }
    assertEquals(
        types.toString(),
        List.of("opened", "queued", "offered", "accepted", "conversation-ended"),
        types.stream()
            .filter(t -> !t.equals("attributes-updated") && !t.equals("completed"))
            .toList());
    assertEquals("completed", types.get(types.size() - 1));

    // The reports count the chat from its events: answered in support, closed as "resolved".
    String range =
        "from="
            + java.time.Instant.parse(interaction.path("createdAt").asText()).minusSeconds(1)
            + "&to="
            + java.time.Instant.now().plusSeconds(60)
            + "&queue="
            + interaction.path("queue").asText();
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> {
          try {
            JsonNode r = get("/api/v1/reports/disposition-summary/run?" + range, SUPERVISOR);
            return r.path("rows").toString().contains("\"resolved\"");
          } catch (IOException e) {
            return false;
          }
        },
        "the chat in the disposition summary");
    HttpResponse<String> csv =
        appliance
            .http()
            .get("/api/v1/reports/queue-interval/run?" + range + "&format=csv", SUPERVISOR);
    assertEquals(csv.body(), 200, csv.statusCode());
    assertTrue(csv.body(), csv.body().startsWith("\ufeffQueue,Interval,Offered,Answered"));
    assertTrue(csv.body(), csv.body().contains(interaction.path("queue").asText() + ",Total,"));
    assertEquals(403, appliance.http().get("/api/v1/reports", AGENT1).statusCode());
  }

  @Test
  public void withNoAgentTheOfflineFormBecomesAQueuedChat() throws Exception {
    browser.run("offline");
    JsonNode queued = get("/api/v1/interactions?channel=chat&state=QUEUED", SUPERVISOR);
    JsonNode offline = null;
    for (JsonNode i : queued) {
      if ("true".equals(i.at("/attributes/chat.offline").asText())) {
        offline = i;
      }
    }
    assertTrue(queued.toString(), offline != null);
    assertEquals("zhang.san@example.com", offline.path("from").asText());
    assertEquals("support", offline.path("queue").asText());
    JsonNode messages = messages(offline.path("id").asText());
    assertEquals(List.of("Please call me about my invoice."), field(messages, "text"));
  }

  @Test
  public void aCustomerWhoReconnectsMidChatLosesNothing() throws Exception {
    JsonNode result = browser.run("reconnect");
    JsonNode messages = messages(result.path("chat").asText());
    assertEquals(
        List.of("first", "agent one", "agent two", "agent three", "second"),
        field(messages, "text"));
    assertEquals(List.of("1", "2", "3", "4", "5"), field(messages, "seq"));
  }

  @Test
  public void theSameChatWorksOverLongPolling() throws Exception {
    JsonNode result = browser.run("polling");
    assertEquals(
        List.of("over long-polling", "polled reply"),
        field(messages(result.path("chat").asText()), "text"));
  }

  @Test
  public void aSupervisorMonitorsWhispersAndBargesIn() throws Exception {
    JsonNode messages = messages(browser.run("supervisor").path("chat").asText());
    assertEquals(List.of("CUSTOMER", "SUPERVISOR", "SUPERVISOR"), field(messages, "party"));
    assertEquals(List.of("ALL", "AGENTS", "ALL"), field(messages, "visibility"));
    assertEquals("Offer the 10% voucher", messages.get(1).path("text").asText());
  }

  @Test
  public void anAgentSendsTheCustomerAFile() throws Exception {
    JsonNode messages = messages(browser.run("agent-file").path("chat").asText());
    assertEquals(List.of("CUSTOMER", "AGENT"), field(messages, "party"));
    JsonNode file = messages.get(1).path("attachment");
    assertEquals("Return label.pdf", file.path("name").asText());
    assertEquals("application/pdf", file.path("contentType").asText());
    assertEquals("Agent 1", messages.get(1).path("author").asText());
  }

  @Test
  public void anAgentTransfersTheChatToAnotherAgent() throws Exception {
    String chat = browser.run("transfer").path("chat").asText();
    JsonNode interaction = interaction(chat);
    assertEquals("CONNECTED", interaction.path("state").asText());
    assertEquals("agent2", interaction.path("agent").asText());
    List<String> types = new ArrayList<>();
    for (JsonNode e : get("/api/v1/interactions/" + chat + "/events", SUPERVISOR)) {
      types.add(e.path("type").asText().replace("org.switchboard.interaction.", ""));
    }
    assertTrue(types.toString(), types.contains("transferred"));
    assertEquals(
        List.of("a billing question", "Agent 2 here, I can help with billing."),
        field(messages(chat), "text"));
  }

  @Test
  public void theWidgetAndTheDesktopSpeakChinese() throws Exception {
    browser.run("chinese");
  }

  @Test
  public void anAgentAtChatCapacityIsNotOfferedAFourthChat() throws Exception {
    JsonNode result = browser.run("capacity");
    List<String> chats = new ArrayList<>();
    result.path("chats").forEach(c -> chats.add(c.asText()));
    for (String id : chats.subList(0, 3)) {
      assertEquals("CONNECTED", interaction(id).path("state").asText());
    }
    String fourth = chats.get(3);
    // The ACD explains why the fourth waits: the only agent logged in is at capacity.
    RunningDistribution.waitFor(
        Duration.ofSeconds(10),
        () -> {
          try {
            return get("/api/v1/acd/interactions/" + fourth, SUPERVISOR).path("waiting").isObject()
                && "QUEUED".equals(interaction(fourth).path("state").asText());
          } catch (IOException e) {
            return false;
          }
        },
        "the fourth chat waiting");
    assertTrue(interaction(fourth).path("agent").isNull());
  }

  @Test
  public void markupFromCustomersAndAgentsIsInertAndOversizedMessagesAreRefused() throws Exception {
    JsonNode result = browser.run("injection");
    JsonNode messages = messages(result.path("chat").asText());
    String evil = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    assertEquals(List.of("hi " + evil, "<b>bold?</b> " + evil), field(messages, "text"));
    assertEquals(
        "Mallory " + evil,
        interaction(result.path("chat").asText()).at("/attributes/chat.name").asText());
  }

  @Test
  public void theDesktopApisRefuseStrangersAndOtherAgents() throws Exception {
    HttpProbe http = appliance.http();
    assertEquals(401, http.status("/api/v1/me", null));
    assertEquals(401, http.status("/api/v1/me", new Login("agent1", "wrong")));
    assertEquals(200, http.status("/api/v1/me", AGENT1));
    // agent2 may not read or write another agent's chat.
    String id = openChat();
    assertEquals(403, http.status("/api/v1/interactions/" + id + "/messages", AGENT2));
    HttpResponse<String> write =
        http.post("/api/v1/interactions/" + id + "/messages", AGENT2, "{\"text\":\"hi\"}");
    assertEquals(write.body(), 403, write.statusCode());
    assertEquals(403, http.status("/api/v1/interactions?channel=chat", AGENT1));
    // The desktop page itself is public, but locked down.
    HttpResponse<String> page = http.get("/desk/", null);
    assertEquals(200, page.statusCode());
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("script-src 'self'"));
    assertEquals(404, http.status("/desk/../etc/users.properties", null));
  }

  @Test
  public void badFramesGetClearErrorsAndTheSocketKeepsServing() throws Exception {
    try (FrameClient ws = FrameClient.open(appliance.httpPort(), "/ws/chat")) {
      assertEquals("malformed", ws.ask("not json").path("code").asText());
      assertEquals("malformed", ws.ask("[1,2]").path("code").asText());
      assertEquals(
          "not-started", ws.ask("{\"type\":\"message\",\"text\":\"x\"}").path("code").asText());
      assertEquals("unknown-type", ws.ask("{\"type\":\"hack\"}").path("code").asText());
      JsonNode noName = ws.ask("{\"type\":\"start\",\"entry\":\"web\"}");
      assertEquals("invalid", noName.path("code").asText());
      assertEquals("name", noName.path("field").asText());
      assertEquals(
          "unknown-chat",
          ws.ask("{\"type\":\"resume\",\"chat\":\"nope\",\"token\":\"guess\",\"after\":0}")
              .path("code")
              .asText());
      assertEquals("pong", ws.ask("{\"type\":\"ping\"}").path("type").asText());
      // A frame over 64 KiB closes this socket (1009), not the service.
      assertEquals(
          1009, ws.sendAndAwaitClose("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}"));
    }
    try (FrameClient ws = FrameClient.open(appliance.httpPort(), "/ws/chat")) {
      assertEquals("pong", ws.ask("{\"type\":\"ping\"}").path("type").asText());
    }
    // Attachments: type, content, size and token are checked; what passes is stored and served.
    try (FrameClient ws = FrameClient.open(appliance.httpPort(), "/ws/chat")) {
      JsonNode started = ws.ask("{\"type\":\"start\",\"name\":\"Uploader\"}");
      String chat = started.path("chat").asText();
      String token = started.path("token").asText();
      assertEquals(
          415, upload(chat, token, "application/x-msdownload", "MZ\u0090".getBytes()).statusCode());
      assertEquals(415, upload(chat, token, "image/png", "<script>".getBytes()).statusCode());
      assertEquals(403, upload(chat, "guess", "text/plain", "hi".getBytes()).statusCode());
      HttpResponse<String> big = upload(chat, token, "text/plain", "x".repeat(6 << 20).getBytes());
      assertEquals(413, big.statusCode());
      assertEquals("too-large", JSON.readTree(big.body()).path("error").asText());
      HttpResponse<String> ok = upload(chat, token, "text/plain", "order 1001".getBytes());
      assertEquals(ok.body(), 201, ok.statusCode());
      String id = JSON.readTree(ok.body()).at("/attachment/id").asText();
      HttpResponse<String> back =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(chatApi("/attachments/" + id + "?chat=" + chat)))
                      .header("X-Chat-Token", token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals("order 1001", back.body());
      assertEquals("nosniff", back.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals(1, messages(chat).size());
    }
    // A long-poll from a site that may not embed the widget is refused.
    HttpResponse<String> foreign =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + appliance.httpPort() + "/chat/api/poll"))
                    .header("Origin", "https://evil.example")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"frames\":[]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(403, foreign.statusCode());
    // The desk feed refuses a wrong login and closes.
    try (FrameClient feed = FrameClient.open(appliance.httpPort(), "/ws/desk")) {
      JsonNode refused = feed.ask("{\"type\":\"login\",\"user\":\"agent1\",\"password\":\"bad\"}");
      assertEquals("unauthorized", refused.path("code").asText());
      assertEquals(4401, feed.awaitClose());
    }
  }

  @Test
  public void theChatBundleRestartsUnderAChatAndNothingIsLostOrDoubled() throws Exception {
    desk.ready("agent1");
    String chat;
    String token;
    try (FrameClient ws = FrameClient.open(appliance.httpPort(), "/ws/chat")) {
      JsonNode started =
          ws.ask("{\"type\":\"start\",\"name\":\"Li\",\"text\":\"before\",\"clientId\":\"v-1\"}");
      chat = started.path("chat").asText();
      token = started.path("token").asText();
      String id = chat;
      RunningDistribution.waitFor(
          Duration.ofSeconds(15),
          () -> {
            try {
              return "OFFERED".equals(interaction(id).path("state").asText());
            } catch (IOException e) {
              return false;
            }
          },
          "the chat offered to agent1");
      HttpResponse<String> accepted =
          appliance.http().post("/api/v1/interactions/" + chat + "/accept", AGENT1, "{}");
      assertEquals(accepted.body(), 200, accepted.statusCode());
      agentSays(chat, "a1");
      assertEquals("a1", ws.until("message").path("text").asText());

      String restarted =
          appliance.client("admin", "admin", "bundle:restart org.switchboard.channel.webchat");
      assertTrue(restarted, !restarted.contains("Error"));
      agentSays(chat, "a2"); // while the channel restarts: the core keeps it
    }
    // The customer's widget comes back and resumes from the last message it has (seq 2).
    String resume =
        "{\"type\":\"resume\",\"chat\":\"" + chat + "\",\"token\":\"" + token + "\",\"after\":2}";
    JsonNode[] replayed = new JsonNode[1];
    RunningDistribution.waitFor(
        Duration.ofSeconds(60),
        () -> {
          try (FrameClient ws = FrameClient.open(appliance.httpPort(), "/ws/chat")) {
            if (!"resumed".equals(ws.ask(resume).path("type").asText())) {
              return false;
            }
            replayed[0] = ws.until("message");
            ws.send("{\"type\":\"message\",\"clientId\":\"v-1\",\"text\":\"before\"}");
            ws.until("ack");
            ws.send("{\"type\":\"message\",\"clientId\":\"v-2\",\"text\":\"after\"}");
            return ws.until("ack").path("seq").asLong() == 4;
          } catch (Exception e) {
            return false;
          }
        },
        "the chat resumed after the restart");
    assertEquals("a2", replayed[0].path("text").asText());
    assertEquals(3, replayed[0].path("seq").asLong());
    JsonNode messages = messages(chat);
    assertEquals(List.of("before", "a1", "a2", "after"), field(messages, "text"));
    assertEquals("CONNECTED", interaction(chat).path("state").asText());
  }

  // ---- helpers ----

  private static void agentSays(String chat, String text) throws IOException {
    HttpResponse<String> r =
        appliance
            .http()
            .post(
                "/api/v1/interactions/" + chat + "/messages",
                AGENT1,
                "{\"text\":\"" + text + "\",\"clientId\":\"d-" + text + "\"}");
    assertEquals(r.body(), 201, r.statusCode());
  }

  private static String chatApi(String path) {
    return "http://127.0.0.1:" + appliance.httpPort() + "/chat/api" + path;
  }

  private static HttpResponse<String> upload(String chat, String token, String type, byte[] body)
      throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(chatApi("/attachments?chat=" + chat)))
                .header("X-Chat-Token", token)
                .header("Content-Type", type)
                .header("X-File-Name", "file.bin")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private String openChat() throws IOException {
    HttpResponse<String> r =
        appliance
            .http()
            .post(
                "/api/v1/interactions",
                SUPERVISOR,
                "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"visitor\",\"to\":\"web\","
                    + "\"queue\":\"support\"}");
    assertEquals(r.body(), 201, r.statusCode());
    return JSON.readTree(r.body()).path("id").asText();
  }

  private static JsonNode get(String path, Login login) throws IOException {
    HttpResponse<String> r = appliance.http().get(path, login);
    assertEquals(path + ": " + r.body(), 200, r.statusCode());
    return JSON.readTree(r.body());
  }

  private static JsonNode interaction(String id) throws IOException {
    return get("/api/v1/interactions/" + id, SUPERVISOR);
  }

  private static JsonNode messages(String id) throws IOException {
    return get("/api/v1/interactions/" + id + "/messages", SUPERVISOR);
  }

  private static List<String> field(JsonNode array, String name) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(name).asText()));
    return out;
  }
}
