package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.switchboard.e2e.HttpProbe.Login;

/**
 * The started appliance (demo mode) with the company's systems, configured (not coded) by files in
 * {@code etc/}, and real HTTP servers standing in for them. CRM: the customer of each contact is
 * resolved by the built-in CRM and a REST CRM connector; a SIPp caller from a known VIP number gets
 * their customer, priority and VIP flag before the ACD routes the call, and the agent's screen pop
 * shows the built-in record and the CRM's open orders; a caller only the external CRM knows is
 * referenced there; with the CRM failing, calls still open at once and the screen pop says why.
 * ERP: a chat closed as {@code complaint} opens exactly one ticket even when its event comes twice;
 * with the ERP down the events go to the dead-letter queue, and a replay once it is back delivers
 * every one, each once, signed; customers the ERP drops as a CSV file are imported and reported; a
 * caller only the CRM's database knows is found through the JDBC connector.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING) // c_ leaves the connector's circuit open
public class IntegrationE2EIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Login SUPERVISOR = new Login("supervisor", "supervisor");
  private static final Login AGENT = new Login("agent3", "agent3");
  private static final String CALLER = "+49305551"; // sipp/caller.xml's first call

  private static HttpServer crm;
  private static final Map<String, String> contacts = new ConcurrentHashMap<>();
  private static final List<String> asked = new CopyOnWriteArrayList<>();
  private static final AtomicInteger failWith = new AtomicInteger();
  private static final String COMPLETED = "org.switchboard.interaction.completed";
  private static final String SECRET = "e2e-webhook-secret";
  private static final AtomicInteger erpStatus = new AtomicInteger(200);
  private static final Map<String, AtomicInteger> tickets = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> events = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> eventsBySubject = new ConcurrentHashMap<>();
  private static final List<String> badSignatures = new CopyOnWriteArrayList<>();
  private static final Map<String, AtomicInteger> biEvents = new ConcurrentHashMap<>();
  private static int corePort;

  /** The CRM's own database, created by H2 at the first connection (idempotent). */
  private static final String CRM_DATABASE =
      "CREATE TABLE IF NOT EXISTS customers (customer_no VARCHAR(20) PRIMARY KEY,"
          + " customer_name VARCHAR(100), phone VARCHAR(20), priority INT, credit_limit INT);\n"
          + "MERGE INTO customers VALUES ('K-0042', 'Chen Jing', '+4930666001', 15, 5000);\n";

  private static RunningDistribution appliance;
  private static Desk desk;

  @BeforeClass
  public static void start() throws IOException {
    crm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    crm.createContext("/api/contacts", IntegrationE2EIT::contact);
    crm.createContext("/erp/", IntegrationE2EIT::erp);
    crm.createContext("/bi/", IntegrationE2EIT::bi);
    crm.createContext("/erp-customers", IntegrationE2EIT::changedCustomers);
    crm.start();
    appliance =
        Desk.demoAppliance(
            "crm",
            Map.of(),
            home -> {
              try {
                Files.writeString(
                    home.resolve("etc/org.switchboard.crm.rest-shop.cfg"), connectorConfig());
                Files.writeString(home.resolve("etc/crmdb.sql"), CRM_DATABASE);
                Files.writeString(
                    home.resolve("etc/org.ops4j.datasource-crmdb.cfg"),
                    String.join(
                        "\n",
                        "osgi.jdbc.driver.name = H2 JDBC Driver",
                        "dataSourceName = crmdb",
                        "url = jdbc:h2:mem:crmdb;DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM '"
                            + home.resolve("etc/crmdb.sql").toString().replace('\\', '/')
                            + "'",
                        "user = sa",
                        "password =",
                        ""));
                Files.writeString(
                    home.resolve("etc/org.switchboard.crm.jdbc-erp-db.cfg"),
                    String.join(
                        "\n",
                        "name = erp-db",
                        "dataSourceName = crmdb",
                        "query = SELECT * FROM customers WHERE phone = {value}",
                        "kinds = phone",
                        "idColumn = customer_no",
                        "nameColumn = customer_name",
                        "priorityColumn = priority",
                        "fields = Credit limit=credit_limit",
                        ""));
                Files.writeString(
                    home.resolve("etc/org.switchboard.integration.webhook-erp.cfg"),
                    erpConfig(
                        "name = erp",
                        "url = " + erpUrl("events"),
                        "types = " + COMPLETED,
                        "secret = " + SECRET));
                Files.writeString(
                    home.resolve("etc/org.switchboard.integration.tickets.cfg"),
                    erpConfig("url = " + erpUrl("tickets"), "dispositions = complaint"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    desk = new Desk(appliance);
    awaitShopConnector();
    RunningDistribution.waitFor(
        Duration.ofSeconds(60),
        () ->
            appliance
                .client("admin", "admin", "service:list org.switchboard.crm.api.CrmConnector")
                .contains("switchboard.crm.connector = erp-db"),
        "the JDBC CRM connector 'erp-db' on its DataSource");
    RunningDistribution.waitFor(
        Duration.ofSeconds(60),
        () -> {
          String list = appliance.client("admin", "admin", "switchboard:delivery-list");
          return list.contains("webhook:erp") && list.contains("tickets:orders");
        },
        "the webhook and the tickets configured from etc/");
    corePort = systemPort("switchboard.artemis.core.port");
  }

  @AfterClass
  public static void stop() {
    try {
      if (appliance != null) {
        appliance.close();
      }
    } finally {
      crm.stop(0);
    }
  }

  @After
  public void cleanUp() throws IOException {
    failWith.set(0);
    erpStatus.set(200);
    desk.state("agent3", "NOT_READY");
    desk.closeOpen("voice");
    desk.closeOpen("chat");
  }

  private static String erpUrl(String what) {
    return "http://127.0.0.1:" + crm.getAddress().getPort() + "/erp/" + what;
  }

  private static String erpConfig(String... lines) {
    return String.join("\n", lines)
        + "\nmaxAttempts = 3\nfirstRetry = 100\nmaxRetry = 400\ntimeout = 2000\n";
  }

  /**
   * The stand-in ERP: {@code /erp/events} takes signed webhooks (checked with the shared secret),
   * {@code /erp/tickets} opens a ticket per Idempotency-Key; both answer {@link #erpStatus}.
   */
  private static void erp(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status = erpStatus.get();
    if (status == 200) {
      if (x.getRequestURI().getPath().endsWith("/events")) {
        String sig = x.getRequestHeaders().getFirst("X-Switchboard-Signature");
        if (sig == null || !sig.equals(sign(sig, body))) {
          badSignatures.add(String.valueOf(sig));
        }
        events
            .computeIfAbsent(x.getRequestHeaders().getFirst("ce-id"), k -> new AtomicInteger())
            .incrementAndGet();
        eventsBySubject
            .computeIfAbsent(JSON.readTree(body).path("subject").asText(), k -> new AtomicInteger())
            .incrementAndGet();
      } else {
        tickets
            .computeIfAbsent(
                x.getRequestHeaders().getFirst("Idempotency-Key"), k -> new AtomicInteger())
            .incrementAndGet();
      }
    }
    x.sendResponseHeaders(status, -1);
    x.close();
  }

  /** The stand-in BI system an admin's own route posts completed interactions to. */
  private static void bi(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    biEvents
        .computeIfAbsent(JSON.readTree(body).path("subject").asText(), k -> new AtomicInteger())
        .incrementAndGet();
    x.sendResponseHeaders(204, -1);
    x.close();
  }

  /** The stand-in ERP's changed customers, polled by the admin's sync route. */
  private static void changedCustomers(HttpExchange x) throws IOException {
    byte[] body =
        ("[{\"name\":\"Zhao Lei\",\"tier\":\"vip\",\"priority\":25,"
                + "\"identities\":[\"phone:+49305557002\"]},"
                + "{\"name\":\"Broken Record\",\"identities\":[\"phone:not a number\"]}]")
            .getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(200, body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  /** The signature the receiver expects for the timestamp in {@code header}. */
  private static String sign(String header, String body) {
    try {
      String t = header.substring(2, header.indexOf(','));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t="
          + t
          + ",v1="
          + java.util.HexFormat.of()
              .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      return "unverifiable: " + e;
    }
  }

  private static String connectorConfig() {
    return String.join(
        "\n",
        "name = shop",
        "lookupUrl = http://127.0.0.1:"
            + crm.getAddress().getPort()
            + "/api/contacts?{kind}={value}",
        "kinds = phone,email",
        "authorization = Bearer e2e-token",
        "resultPointer = /results",
        "idPointer = /contactId",
        "namePointer = /displayName",
        "tierPointer = /segment",
        "priorityPointer = /priority",
        "fields = Account=/account, Open orders=/orders/open, Last order=/orders/last",
        "linkTemplate = https://crm.example.com/contacts/{id}",
        "timeout = 400",
        "failuresToOpen = 3",
        "openSeconds = 60",
        "");
  }

  /**
   * The stand-in CRM: {@code ?phone=+49...}, bearer token required, answers from {@link #contacts}.
   */
  private static void contact(HttpExchange x) throws IOException {
    String query = URLDecoder.decode(x.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
    asked.add(query);
    int status;
    String body;
    if (!"Bearer e2e-token".equals(x.getRequestHeaders().getFirst("Authorization"))) {
      status = 401;
      body = "{\"error\":\"unauthorized\"}";
    } else if (failWith.get() != 0) {
      status = failWith.get();
      body = "{\"error\":\"maintenance\"}";
    } else {
      String value = query.substring(query.indexOf('=') + 1);
      String found = contacts.get(value);
      status = 200;
      body = "{\"results\":[" + (found == null ? "" : found) + "]}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @Test
  public void a_knownVipCallerIsRecognisedBeforeRoutingAndTheScreenPopShowsTheirOrders()
      throws Exception {
    JsonNode li =
        post(
            "/api/v1/customers",
            "{\"name\":\"Li Wei\",\"tier\":\"vip\",\"priority\":30,\"tags\":[\"wholesale\"],"
                + "\"identities\":[\"phone:"
                + CALLER
                + "\"]}",
            201);
    contacts.put(
        CALLER,
        "{\"contactId\":\"C-100\",\"displayName\":\"Li Wei (ACME)\",\"segment\":\"key-account\","
            + "\"account\":\"ACME GmbH\",\"orders\":{\"open\":2,\"last\":\"1001 shipped\"}}");

    try (Sipp.Phone phone = Sipp.phone("agent-answer.xml", 1, "-d", "500")) {
      phone.registerAs("agent3", appliance.sipPort());
      desk.ready("agent3");
      Sipp.Result call = Sipp.run("caller.xml", appliance.sipPort(), "-s", "100", "-d", "1000");
      assertEquals(call.output(), 0, call.exit());
      assertEquals(phone.tail(), 0, phone.await(30).exit());
    }

    JsonNode i = desk.latestCall("agent3");
    assertEquals(CALLER, i.path("from").asText());
    assertEquals(
        "the built-in CRM's customer", li.path("id").asText(), i.path("customerRef").asText());
    JsonNode a = i.path("attributes");
    assertEquals("true", a.path("vip").asText());
    assertEquals("30", a.path("customerPriority").asText());
    assertEquals("vip", a.path("customer.tier").asText());
    assertEquals("phone:" + CALLER, a.path("customer.matchedBy").asText());
    JsonNode queued = event(i.path("id").asText(), "queued");
    assertEquals(
        "known when the ACD got the call",
        li.path("id").asText(),
        queued.at("/data/interaction/customerRef").asText());
    assertEquals("true", queued.at("/data/interaction/attributes/vip").asText());

    JsonNode pop = screenPop(i.path("id").asText(), AGENT);
    assertEquals("Li Wei", pop.at("/customer/name").asText());
    assertEquals("[\"wholesale\"]", pop.at("/customer/tags").toString());
    JsonNode shop = pop.path("external").get(0);
    assertEquals("shop", shop.path("connector").asText());
    assertEquals("C-100", shop.path("id").asText());
    assertEquals("2", shop.at("/fields/Open orders").asText());
    assertEquals("1001 shipped", shop.at("/fields/Last order").asText());
    assertEquals("https://crm.example.com/contacts/C-100", shop.path("link").asText());
    assertEquals(0, pop.path("unavailable").size());
    desk.complete(i.path("id").asText());
  }

  @Test
  public void b_callerOnlyTheExternalCrmKnowsIsReferencedThereWithItsPriority() throws Exception {
    contacts.put(
        "+4930777001",
        "{\"contactId\":\"C-777\",\"displayName\":\"Zhang San\",\"segment\":\"gold\","
            + "\"priority\":25,\"orders\":{\"open\":1}}");

    JsonNode i = openCall("+4930777001");

    assertEquals("shop:C-777", i.path("customerRef").asText());
    assertEquals("25", i.at("/attributes/customerPriority").asText());
    assertEquals("Zhang San", i.at("/attributes/customer.name").asText());
    assertTrue(
        "not copied into the built-in CRM",
        get("/api/v1/customers?identity=phone:%2B4930777001").isEmpty());
    JsonNode pop = screenPop(i.path("id").asText(), SUPERVISOR);
    assertTrue(pop.path("customer").isNull());
    assertEquals("1", pop.at("/external/0/fields/Open orders").asText());
  }

  @Test
  public void c_withTheCrmFailingCallsOpenAtOnceAndTheScreenPopSaysWhy() throws Exception {
    failWith.set(503);
    int before = asked.size();

    for (int n = 0; n < 4; n++) {
      long start = System.nanoTime();
      JsonNode i = openCall("+4930888000" + n);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue("opened in " + millis + " ms", millis < 5000);
      assertFalse(
          "a new caller becomes a built-in customer", i.path("customerRef").asText().contains(":"));
    }
    assertEquals("after 3 failures in a row the CRM is left alone", 3, asked.size() - before);

    JsonNode i = openCall("+49308889999");
    JsonNode pop = screenPop(i.path("id").asText(), SUPERVISOR);
    assertEquals("+49308889999", pop.at("/customer/name").asText());
    assertTrue(pop.toString(), pop.at("/unavailable/shop").asText().contains("not asked until"));
  }

  @Test
  public void d_aComplaintOpensExactlyOneTicketEvenWhenItsEventComesTwice() throws Exception {
    try (org.switchboard.itest.EventTap tap =
        new org.switchboard.itest.EventTap(corePort, "switchboard.events")) {
      String id = closedChat("complaint");
      org.switchboard.itest.EventTap.Received completed =
          tap.await(id, COMPLETED, Duration.ofSeconds(30));
      RunningDistribution.waitFor(
          Duration.ofSeconds(30), () -> tickets.containsKey(id), "the ticket of " + id);

      tap.resend("switchboard.events", completed);
      String other = closedChat("resolved");
      RunningDistribution.waitFor(
          Duration.ofSeconds(30),
          () -> {
            JsonNode t = delivery("tickets:orders");
            return t.path("duplicates").asInt() == 1 && t.path("skipped").asInt() >= 1;
          },
          "the redelivered complaint and the resolved chat seen by the tickets");

      assertEquals("one ticket for the complaint: " + tickets, 1, tickets.get(id).get());
      assertFalse("no ticket for a resolved chat", tickets.containsKey(other));
      assertEquals(List.of(), badSignatures);
    }
  }

  @Test
  public void e_withTheErpDownEventsAreDeadLetteredAndAReplayDeliversEveryOneOnce()
      throws Exception {
    erpStatus.set(503);
    java.util.Set<String> before = java.util.Set.copyOf(events.keySet());
    long deadBefore = delivery("webhook:erp").path("deadLettered").asLong();
    for (int n = 0; n < 5; n++) {
      closedChat("resolved");
    }
    RunningDistribution.waitFor(
        Duration.ofSeconds(60),
        () -> delivery("webhook:erp").path("deadLettered").asLong() == deadBefore + 5,
        "5 dead letters of the webhook");
    assertEquals(5, delivery("webhook:erp").path("inDeadLetterQueue").asInt());
    assertEquals("nothing reached the ERP while it was down", before, events.keySet());

    erpStatus.set(200);
    String replay = appliance.client("admin", "admin", "switchboard:delivery-replay erp");

    assertTrue(replay, replay.contains("replayed 5: delivered 5, dead-lettered again 0"));
    Map<String, Integer> added = new java.util.HashMap<>();
    events.forEach(
        (k, v) -> {
          if (!before.contains(k)) {
            added.put(k, v.get());
          }
        });
    assertEquals("each of the 5 events exactly once: " + added, 5, added.size());
    assertTrue(added.toString(), added.values().stream().allMatch(c -> c == 1));
    assertEquals(0, delivery("webhook:erp").path("inDeadLetterQueue").asInt());
    assertEquals(List.of(), badSignatures);
  }

  @Test
  public void f_customersTheErpDropsAsCsvAreImportedAndReported() throws Exception {
    java.nio.file.Path drop = appliance.home().resolve("data/import/customers");
    Files.createDirectories(drop);
    java.nio.file.Path part = drop.resolve("erp-export.csv.part");
    Files.writeString(
        part, "name,tier,phone\nWang Fang,gold,+49305557001\nBroken Row,,not a number\n");
    Files.move(part, drop.resolve("erp-export.csv"));

    RunningDistribution.waitFor(
        Duration.ofSeconds(60),
        () -> Files.exists(drop.resolve("done/erp-export.csv.report.json")),
        "the drop imported and reported");
    JsonNode found = get("/api/v1/customers?identity=phone:%2B49305557001");
    assertEquals("Wang Fang", found.path(0).path("name").asText());
    JsonNode report = JSON.readTree(drop.resolve("done/erp-export.csv.report.json").toFile());
    assertEquals(1, report.path("created").asInt());
    assertEquals(3, report.at("/failed/0/line").asInt());
  }

  @Test
  public void g_aCallerKnownOnlyToTheCrmDatabaseIsFoundThroughTheJdbcConnector() throws Exception {
    JsonNode i = openCall("+4930666001");

    assertEquals("erp-db:K-0042", i.path("customerRef").asText());
    assertEquals("15", i.at("/attributes/customerPriority").asText());
    JsonNode pop = screenPop(i.path("id").asText(), SUPERVISOR);
    JsonNode db = null;
    for (JsonNode x : pop.path("external")) {
      if (x.path("connector").asText().equals("erp-db")) {
        db = x;
      }
    }
    assertTrue(pop.toString(), db != null);
    assertEquals("Chen Jing", db.path("name").asText());
    assertEquals("5000", db.at("/fields/Credit limit").asText());
  }

  @Test
  public void h_restartingTheIntegrationBundleUnderTrafficLosesAndDuplicatesNothing()
      throws Exception {
    List<String> closed = new java.util.ArrayList<>();
    java.util.concurrent.CompletableFuture<String> restart =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              String out = "";
              for (int n = 0; n < 2; n++) {
                out +=
                    appliance.client(
                        "admin", "admin", "bundle:restart org.switchboard.integration.erp");
              }
              return out;
            });
    while (!restart.isDone() || closed.size() < 6) {
      closed.add(closedChat("resolved"));
    }
    assertFalse(restart.get(), restart.get().contains("Error"));

    RunningDistribution.waitFor(
        Duration.ofSeconds(90),
        () -> closed.stream().allMatch(eventsBySubject::containsKey),
        "the webhook of every chat closed around the restarts: " + closed.size());
    for (String id : closed) {
      assertEquals("delivered once: " + id, 1, eventsBySubject.get(id).get());
    }
    assertEquals(List.of(), badSignatures);
  }

  @Test
  public void i_anAdminsRouteDroppedIntoEtcIsCheckedHotLoadedAndABrokenChangeKeepsItServing()
      throws Exception {
    Path file = appliance.home().resolve("etc/routes/bi.camel.yaml");
    Files.createDirectories(file.getParent());
    String documented = Docs.example("integration.md", "routes: closed-to-bi");
    Files.writeString(
        file,
        documented.replace(
            "https://bi.example.com/contact-center", "http://127.0.0.1:" + crmPort() + "/bi/"));
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> routeFile("bi.camel.yaml").path("loaded").asBoolean(),
        "the admin's route file loaded");
    assertEquals("[\"closed-to-bi\"]", routeFile("bi.camel.yaml").path("routes").toString());
    assertEquals("[\"Started\"]", routeFile("bi.camel.yaml").path("status").toString());

    String first = closedChat("resolved");
    RunningDistribution.waitFor(
        Duration.ofSeconds(30), () -> biEvents.containsKey(first), "the BI system got " + first);

    Files.writeString(
        file, documented.replace("routeTemplateRef: post-events", "routeTemplateRef: nope"));
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> !routeFile("bi.camel.yaml").path("loaded").asBoolean(true),
        "the broken change refused");
    JsonNode refused = routeFile("bi.camel.yaml");
    assertTrue(refused.toString(), refused.path("error").asText().contains("nope"));
    assertEquals(
        "the previous route still serves", "[\"closed-to-bi\"]", refused.path("routes").toString());
    String second = closedChat("resolved");
    RunningDistribution.waitFor(
        Duration.ofSeconds(30), () -> biEvents.containsKey(second), "the BI system got " + second);

    Files.delete(file);
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> routeFile("bi.camel.yaml").isMissingNode(),
        "the route removed with its file");
    assertEquals(1, biEvents.get(first).get());
    assertEquals(1, biEvents.get(second).get());
  }

  @Test
  public void j_anMqttClientSubscribedToTheEventsTopicGetsTheCoreEvents() throws Exception {
    int mqtt = systemPort("switchboard.artemis.mqtt.port");
    Path log = Files.createTempFile("mosquitto-sub", ".log");
    Process sub =
        new ProcessBuilder(
                // Line-buffered: mosquitto_sub's stdio would hold its output until it exits.
                "stdbuf",
                "-oL",
                "mosquitto_sub",
                "-d",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(mqtt),
                "-i",
                "e2e-mqtt",
                "-t",
                "switchboard/events",
                "-q",
                "1",
                "-W",
                "90")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      RunningDistribution.waitFor(
          Duration.ofSeconds(30),
          () -> read(log).contains("SUBACK"),
          "mosquitto_sub subscribed: " + log);
      String id = closedChat("resolved");
      RunningDistribution.waitFor(
          Duration.ofSeconds(30),
          () -> read(log).contains("\"subject\":\"" + id + "\"") && read(log).contains(COMPLETED),
          "the chat's events over MQTT: " + log);
      for (String line : read(log).split("\n")) {
        if (line.startsWith("{") && line.contains(id)) {
          JsonNode e = JSON.readTree(line);
          assertEquals("1.0", e.path("specversion").asText());
          assertTrue(
              e.path("type").asText(), e.path("type").asText().startsWith("org.switchboard."));
        }
      }
    } finally {
      sub.destroyForcibly();
      sub.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }
  }

  @Test
  public void k_anErpPolledByTheDocumentedRouteSyncsItsCustomersAndBadPayloadsAreRefused()
      throws Exception {
    String documented = Docs.example("crm.md", "routes: customer-sync");
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    Path file = appliance.home().resolve("etc/routes/customer-sync.camel.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        documented
            .replace(
                "https://erp.example.com/api/customers/changed",
                "http://127.0.0.1:" + crmPort() + "/erp-customers")
            .replace("ZXJwLXN5bmM6Y2hhbmdlLW1l", basic)
            .replace("http://127.0.0.1:8181", "http://127.0.0.1:" + appliance.httpPort()));
    try {
      RunningDistribution.waitFor(
          Duration.ofSeconds(60),
          () -> {
            try {
              return get("/api/v1/customers?identity=phone:%2B49305557002").size() == 1;
            } catch (IOException e) {
              return false;
            }
          },
          "the ERP's customer synced by the route");
      JsonNode zhao = get("/api/v1/customers?identity=phone:%2B49305557002").get(0);
      assertEquals("Zhao Lei", zhao.path("name").asText());
      assertEquals(25, zhao.path("priority").asInt());
      JsonNode call = openCall("+49305557002");
      assertEquals(zhao.path("id").asText(), call.path("customerRef").asText());
      assertEquals("true", call.at("/attributes/vip").asText());
    } finally {
      Files.deleteIfExists(file);
    }

    for (String bad : new String[] {"[{\"name\":", "{\"name\":\"x\"}", "[{\"nam\":\"x\"}]"}) {
      HttpResponse<String> r =
          appliance.http().post("/api/v1/customers/sync", new Login("admin", "admin"), bad);
      assertEquals(bad, 400, r.statusCode());
      assertFalse(bad, JSON.readTree(r.body()).path("message").asText().isBlank());
    }
    HttpResponse<String> agent = appliance.http().post("/api/v1/customers/sync", AGENT, "[]");
    assertEquals(403, agent.statusCode());
  }

  @Test
  public void l_restartingTheCrmConnectorBundlesWhileCallsArriveDelaysAndLosesNone()
      throws Exception {
    // c_ left the connector's circuit open for a minute: start from a connector that answers.
    appliance.client("admin", "admin", "bundle:restart org.switchboard.crm.rest");
    awaitShopConnector();
    contacts.put("+49305558001", "{\"contactId\":\"C-800\",\"displayName\":\"Swap Test\"}");
    assertEquals(
        "before the restarts", "shop:C-800", openCall("+49305558001").path("customerRef").asText());
    java.util.concurrent.CompletableFuture<String> restarts =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              String out = "";
              for (int n = 0; n < 2; n++) {
                out +=
                    appliance.client("admin", "admin", "bundle:restart org.switchboard.crm.rest");
                out +=
                    appliance.client("admin", "admin", "bundle:restart org.switchboard.crm.jdbc");
              }
              return out;
            });
    List<String> opened = new java.util.ArrayList<>();
    long slowest = 0;
    while (!restarts.isDone() || opened.size() < 10) {
      long start = System.nanoTime();
      opened.add(openCall("+49305558001").path("id").asText());
      slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
    }
    assertFalse(restarts.get(), restarts.get().contains("Error"));
    assertTrue("an open took " + slowest + " ms", slowest < 5000);
    for (String id : opened) {
      assertEquals(id, "QUEUED", desk.interaction(id).path("state").asText());
    }
    awaitShopConnector();
    contacts.put("+49305558002", "{\"contactId\":\"C-801\",\"displayName\":\"After Swap\"}");
    assertEquals("shop:C-801", openCall("+49305558002").path("customerRef").asText());
  }

  private static void awaitShopConnector() {
    RunningDistribution.waitFor(
        Duration.ofSeconds(60),
        () ->
            appliance
                .client("admin", "admin", "service:list org.switchboard.crm.api.CrmConnector")
                .contains("switchboard.crm.connector = shop"),
        "the REST connector 'shop' registered");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int crmPort() {
    return crm.getAddress().getPort();
  }

  /** A port the test harness wrote to etc/system.properties. */
  private static int systemPort(String property) throws IOException {
    return Integer.parseInt(
        Files.readAllLines(appliance.home().resolve("etc/system.properties")).stream()
            .filter(l -> l.startsWith(property))
            .map(l -> l.split("=", 2)[1].strip())
            .reduce((a, b) -> b)
            .orElseThrow());
  }

  /** The row of {@code switchboard:route-list --json} for a file, or a missing node. */
  private static JsonNode routeFile(String name) {
    return shellRow("switchboard:route-list --json", "file", name);
  }

  /** The row of {@code switchboard:delivery-list --json} for a delivery, or a missing node. */
  private static JsonNode delivery(String name) {
    return shellRow("switchboard:delivery-list --json", "delivery", name);
  }

  /** The row whose {@code key} is {@code value} in a shell command's JSON array output. */
  private static JsonNode shellRow(String command, String key, String value) {
    String out = appliance.client("admin", "admin", command);
    int start = out.indexOf('[');
    int end = out.lastIndexOf(']');
    if (start < 0 || end < start) {
      return JSON.missingNode();
    }
    try {
      for (JsonNode r : JSON.readTree(out.substring(start, end + 1))) {
        if (r.path(key).asText().equals(value)) {
          return r;
        }
      }
    } catch (IOException e) {
      return JSON.missingNode();
    }
    return JSON.missingNode();
  }

  /** A chat that agent3 accepts, ends and completes with the disposition. */
  private static String closedChat(String disposition) throws Exception {
    desk.ready("agent3");
    String id =
        post(
                "/api/v1/interactions",
                "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"erp-test@example.com\","
                    + "\"to\":\"web\",\"queue\":\"support\"}",
                201)
            .path("id")
            .asText();
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> "OFFERED".equals(desk.interaction(id).path("state").asText()),
        "the chat offered to agent3");
    String base = "/api/v1/interactions/" + id + "/";
    post(base + "accept", "{\"agent\":\"agent3\"}", 200);
    post(base + "end", "{}", 200);
    post(base + "complete", "{\"code\":\"" + disposition + "\",\"note\":\"e2e\"}", 200);
    return id;
  }

  /** A call opened and queued in support through the API (the REST client is not under test). */
  private static JsonNode openCall(String from) throws IOException {
    return post(
        "/api/v1/interactions",
        "{\"channel\":\"voice\",\"direction\":\"INBOUND\",\"from\":\""
            + from
            + "\",\"to\":\"100\",\"queue\":\"support\"}",
        201);
  }

  private static JsonNode screenPop(String id, Login login) throws IOException {
    HttpResponse<String> r =
        appliance.http().get("/api/v1/interactions/" + id + "/customer", login);
    assertEquals(r.body(), 200, r.statusCode());
    return JSON.readTree(r.body());
  }

  private static JsonNode post(String path, String json, int expected) throws IOException {
    HttpResponse<String> r = appliance.http().post(path, SUPERVISOR, json);
    assertEquals(r.body(), expected, r.statusCode());
    return JSON.readTree(r.body());
  }

  private static JsonNode event(String id, String type) throws IOException {
    for (JsonNode e : get("/api/v1/interactions/" + id + "/events")) {
      if (e.path("type").asText().endsWith("." + type)) {
        return e;
      }
    }
    throw new AssertionError("no " + type + " event of " + id);
  }

  private static JsonNode get(String path) throws IOException {
    HttpResponse<String> r = appliance.http().get(path, SUPERVISOR);
    assertEquals(r.body(), 200, r.statusCode());
    return JSON.readTree(r.body());
  }
}
