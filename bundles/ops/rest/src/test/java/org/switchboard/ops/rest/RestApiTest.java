package org.switchboard.ops.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.queue.Queue;

/**
 * The whole REST stack (CXF on Jetty, the JSON provider, the request guard and the error mapper) on
 * a free loopback port, over in-memory core services and a fake user store.
 */
class RestApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Server server;
  private static String base;
  private static final Fakes.Skills skills = new Fakes.Skills();
  private static final Fakes.Queues queues = new Fakes.Queues();
  private static final Fakes.Agents agents = new Fakes.Agents();
  private static final Fakes.Interactions interactions = new Fakes.Interactions();
  private static final Fakes.Indicator db = new Fakes.Indicator("db");
  private static final Fakes.Acd acd = new Fakes.Acd();
  private static final Fakes.Sip sip = new Fakes.Sip();
  private static final Fakes.Monitors monitors = new Fakes.Monitors();
  private static final SipResource sipResource = new SipResource(sip);
  private static final Fakes.Conversations conversations = new Fakes.Conversations();

  /** Echoes what it parsed, so the tests see the scenario arrived intact. */
  private static final org.switchboard.acd.api.Simulator SIMULATOR =
      scenario ->
          new org.switchboard.acd.api.SimulationReport(
              scenario.length(),
              42,
              7,
              List.of(),
              new org.switchboard.acd.api.SimulationReport.QueueFigures(
                  scenario.queues().get(0).queue(),
                  (long) scenario.queues().get(0).arrivalsPerHour(),
                  scenario.agentGroups().get(0).count(),
                  0,
                  0.5,
                  1,
                  1,
                  0.8,
                  0,
                  scenario.queues().get(0).handleTime().mean().toSeconds()),
              0.75);

  @BeforeAll
  static void start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HealthResource health = new HealthResource();
    health.configure(
        new HealthResource.Config() {
          @Override
          public Class<? extends Annotation> annotationType() {
            return HealthResource.Config.class;
          }

          @Override
          public String[] requiredComponents() {
            return new String[] {"db"};
          }
        });
    health.addIndicator(db);
    Fakes.Users users =
        new Fakes.Users()
            .add("admin", "admin")
            .add("super", "supervisor")
            .add("super2", "supervisor")
            .add("agent1", "agent")
            .add("agent2", "agent");
    JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
    factory.setAddress("http://127.0.0.1:" + port + "/api");
    factory.setServiceBeans(
        List.of(
            health,
            new SkillResource(skills),
            new QueueResource(queues),
            new AgentResource(agents, interactions),
            new InteractionResource(
                interactions, queues, conversations, agents, new Fakes.Attachments()),
            new AcdResource(acd, SIMULATOR),
            sipResource,
            new MonitorResource(monitors),
            new CustomerResource(crm()),
            new ScreenPopResource(directory, interactions),
            orders(),
            new ReportResource(REPORTS),
            new WallboardResource(WALLBOARD)));
    factory.setProviders(List.of(new JsonProvider(), new ErrorMapper(), new RequestGuard(users)));
    server = factory.create();
    base = "http://127.0.0.1:" + port + "/api";
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.destroy();
    }
  }

  @BeforeEach
  void reset() {
    skills.store.clear();
    queues.store.clear();
    agents.store.clear();
    interactions.store.clear();
    db.health = Health.up("fine");
    queues.create(
        new Queue(
            "support",
            "Support",
            Set.of(ChannelType.CHAT, ChannelType.VOICE),
            null,
            50,
            Duration.ofSeconds(20),
            80,
            null,
            null,
            0));
  }

  // ---------------------------------------------------------------- customers (built-in CRM)

  private static final org.switchboard.crm.builtin.CrmConfig CRM_CONFIG =
      new org.switchboard.crm.builtin.CrmConfig() {
        @Override
        public Class<? extends Annotation> annotationType() {
          return org.switchboard.crm.builtin.CrmConfig.class;
        }

        @Override
        public String defaultRegion() {
          return "DE";
        }

        @Override
        public int cacheSize() {
          return 100;
        }

        @Override
        public boolean createUnknownCustomers() {
          return false;
        }

        @Override
        public int screenPopTimeout() {
          return 2000;
        }
      };

  private static org.switchboard.crm.api.CustomerService crm;
  private static org.switchboard.crm.builtin.CrmDirectory directory;

  private static org.switchboard.crm.api.CustomerService crm() {
    org.h2.jdbcx.JdbcDataSource db = new org.h2.jdbcx.JdbcDataSource();
    db.setURL("jdbc:h2:mem:rest-crm-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    crm =
        new org.switchboard.crm.builtin.BuiltinCrm(
            db, new org.switchboard.platform.db.internal.FlywaySchemaMigrations(), CRM_CONFIG);
    directory = new org.switchboard.crm.builtin.CrmDirectory(crm, CRM_CONFIG);
    return crm;
  }

  @Test
  void theScreenPopShowsTheCustomerToManagersAndTheAssignedAgentOnly() throws Exception {
    org.switchboard.crm.api.Customer li =
        crm.create(
            new org.switchboard.crm.api.CustomerDraft(
                "Li Wei",
                "gold",
                10,
                java.util.Set.of(),
                Map.of(),
                List.of(org.switchboard.crm.api.Identity.parse("phone:+49305550177"))));
    String id =
        interactions
            .open(
                new OpenInteraction(
                    ChannelType.VOICE,
                    null,
                    Direction.INBOUND,
                    "+49305550177",
                    "100",
                    li.id(),
                    null))
            .id();

    assertThat(send("GET", "/v1/interactions/" + id + "/customer", "agent1", null).statusCode())
        .isEqualTo(403);
    HttpResponse<String> pop = send("GET", "/v1/interactions/" + id + "/customer", "super", null);
    assertThat(pop.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(pop.body());
    assertThat(body.path("customerRef").asText()).isEqualTo(li.id());
    assertThat(body.at("/customer/name").asText()).isEqualTo("Li Wei");
    assertThat(body.at("/customer/tier").asText()).isEqualTo("gold");
    assertThat(body.path("external").isArray()).isTrue();
    assertThat(send("GET", "/v1/interactions/nope/customer", "super", null).statusCode())
        .isEqualTo(404);
  }

  /** One report that echoes its parameters; CSV is its one row. */
  private static final org.switchboard.reports.api.ReportService REPORTS =
      new org.switchboard.reports.api.ReportService() {
        private final org.switchboard.reports.api.ReportDefinition echo =
            new org.switchboard.reports.api.ReportDefinition(
                "echo",
                "Echo",
                "",
                List.of(
                    org.switchboard.reports.api.ReportParameter.of(
                        "from",
                        "From",
                        org.switchboard.reports.api.ReportParameter.Type.INSTANT,
                        true,
                        null)));

        @Override
        public List<org.switchboard.reports.api.ReportDefinition> list() {
          return List.of(echo);
        }

        @Override
        public java.util.Optional<org.switchboard.reports.api.ReportDefinition> definition(
            String id) {
          return id.equals("echo") ? java.util.Optional.of(echo) : java.util.Optional.empty();
        }

        @Override
        public org.switchboard.reports.api.ReportResult run(String id, Map<String, String> p) {
          if (!id.equals("echo")) {
            throw new org.switchboard.core.api.NotFoundException("report", id);
          }
          org.switchboard.reports.api.ReportRequest r =
              org.switchboard.reports.api.ReportRequest.of(echo, p);
          return new org.switchboard.reports.api.ReportResult(
              "Echo",
              List.of(
                  new org.switchboard.reports.api.ReportResult.Column(
                      "from", "From", org.switchboard.reports.api.ReportResult.Kind.TEXT)),
              List.of(List.of(r.instant("from").toString())),
              Map.of("from", "as given"));
        }

        @Override
        public void export(
            org.switchboard.reports.api.ReportResult result,
            String format,
            java.io.OutputStream out)
            throws IOException {
          out.write(
              ("From\r\n" + result.rows().get(0).get(0) + "\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      };

  private static final org.switchboard.reports.api.WallboardService WALLBOARD =
      () -> {
        org.switchboard.reports.api.QueueFigures today =
            org.switchboard.reports.api.QueueMetrics.of(
                List.of(), org.switchboard.reports.api.MetricSettings.DEFAULT);
        return new org.switchboard.reports.api.Wallboard(
            java.time.Instant.parse("2026-12-01T10:00:00Z"),
            java.time.Instant.parse("2026-12-01T00:00:00Z"),
            List.of(
                new org.switchboard.reports.api.Wallboard.QueueBoard(
                    "support",
                    "Support \"1st\" line",
                    12,
                    130,
                    Map.of(org.switchboard.core.api.agent.AgentState.READY, 2),
                    today,
                    0.8,
                    List.of("waiting", "longestWait"))),
            List.of(
                new org.switchboard.reports.api.Wallboard.AgentBoard(
                    "agent1",
                    "Agent 1",
                    org.switchboard.core.api.agent.AgentState.READY,
                    null,
                    java.time.Instant.parse("2026-12-01T09:00:00Z"),
                    0)),
            List.of("support: waiting", "support: longestWait"));
      };

  @Test
  void theWallboardIsThereOnceAsAnEventStreamAndForPrometheus() throws Exception {
    assertThat(send("GET", "/v1/wallboard", "agent1", null).statusCode()).isEqualTo(403);
    JsonNode board = JSON.readTree(send("GET", "/v1/wallboard", "super", null).body());
    assertThat(board.at("/queues/0/waiting").asInt()).isEqualTo(12);
    assertThat(board.at("/queues/0/agents/READY").asInt()).isEqualTo(2);
    assertThat(board.path("alerts").size()).isEqualTo(2);

    HttpResponse<String> metrics = send("GET", "/v1/metrics", "admin", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("# TYPE switchboard_queue_waiting gauge")
        .contains("switchboard_queue_waiting{queue=\"support\"} 12")
        .contains("switchboard_agents{state=\"ready\"} 1")
        .doesNotContain("switchboard_queue_service_level_today{");

    HttpRequest sse =
        HttpRequest.newBuilder(java.net.URI.create(base + "/v1/wallboard/events"))
            .header("Authorization", basic("super", "super"))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<java.io.InputStream> stream =
        HTTP.send(sse, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      List<String> first = new java.util.ArrayList<>();
      for (int n = 0; n < 2; ) {
        String line = lines.readLine();
        if (line == null) {
          break;
        }
        first.add(line);
        if (line.isEmpty()) {
          n++;
        }
      }
      assertThat(first).contains("event: wallboard");
      assertThat(first.stream().filter(l -> l.startsWith("data:")).count())
          .isGreaterThanOrEqualTo(2);
      assertThat(first.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow())
          .contains("\"waiting\":12");
    }
  }

  @Test
  void supervisorsListAndRunReportsAsJsonOrCsvAndAgentsMayNot() throws Exception {
    assertThat(send("GET", "/v1/reports", "agent1", null).statusCode()).isEqualTo(403);
    JsonNode list = JSON.readTree(send("GET", "/v1/reports", "super", null).body());
    assertThat(list.get(0).path("id").asText()).isEqualTo("echo");
    assertThat(list.get(0).at("/parameters/0/type").asText()).isEqualTo("INSTANT");
    HttpResponse<String> run =
        send("GET", "/v1/reports/echo/run?from=2026-12-01T00:00:00Z", "super", null);
    assertThat(run.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(run.body()).at("/rows/0/0").asText())
        .isEqualTo("2026-12-01T00:00:00Z");
    HttpResponse<String> csv =
        send("GET", "/v1/reports/echo/run?from=2026-12-01T00:00:00Z&format=csv", "admin", null);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("echo.csv");
    assertThat(csv.body()).contains("2026-12-01T00:00:00Z");
    assertThat(send("GET", "/v1/reports/echo/run?from=yesterday", "super", null).statusCode())
        .isEqualTo(400);
    assertThat(
            send("GET", "/v1/reports/echo/run?from=2026-12-01T00:00:00Z&format=pdf", "super", null)
                .statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/v1/reports/nope/run", "super", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/v1/reports/nope", "super", null).statusCode()).isEqualTo(404);
  }

  /** Orders through two stand-in dips: one knows the customer's orders, one fails or stalls. */
  private static OrderResource orders() {
    OrderResource r =
        new OrderResource(
            interactions,
            new OrderResource.Config() {
              @Override
              public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return OrderResource.Config.class;
              }

              @Override
              public String customerOrdersDip() {
                return "customer-orders";
              }

              @Override
              public String orderDip() {
                return "order-status";
              }

              @Override
              public long timeoutMillis() {
                return 300;
              }
            });
    r.addDip(
        input ->
            java.util.concurrent.CompletableFuture.completedFuture(
                Map.of(
                    "orders.0.number", "1001",
                    "orders.0.status", "shipped",
                    "orders.1.number", "1002",
                    "orders.1.status", "open",
                    "asked", input.get("from") + "/" + input.get("channel"))),
        Map.of(org.switchboard.flow.api.DataDip.NAME_PROPERTY, "customer-orders"));
    r.addDip(
        input ->
            switch (input.get("orderNumber")) {
              case "1001" ->
                  java.util.concurrent.CompletableFuture.completedFuture(
                      Map.of("status", "shipped"));
              case "LATE" -> new java.util.concurrent.CompletableFuture<>();
              default ->
                  java.util.concurrent.CompletableFuture.failedFuture(
                      new IllegalStateException("ERP answered 500"));
            },
        Map.of(org.switchboard.flow.api.DataDip.NAME_PROPERTY, "order-status"));
    return r;
  }

  @Test
  void agentsSeeTheCustomersOrdersAndLookOrdersUpThroughTheDataDips() throws Exception {
    String id =
        interactions
            .open(
                new OpenInteraction(
                    ChannelType.VOICE, null, Direction.INBOUND, "+49305550188", "100", null, null))
            .id();
    assertThat(send("GET", "/v1/orders?interaction=" + id, "agent1", null).statusCode())
        .isEqualTo(403);
    JsonNode view =
        JSON.readTree(send("GET", "/v1/orders?interaction=" + id, "super", null).body());
    assertThat(view.path("state").asText()).isEqualTo("ok");
    assertThat(view.path("orders").size()).isEqualTo(2);
    assertThat(view.at("/orders/0/number").asText()).isEqualTo("1001");
    assertThat(view.at("/orders/0/status").asText()).isEqualTo("shipped");
    assertThat(view.at("/orders/1/status").asText()).isEqualTo("open");
    assertThat(view.at("/fields/asked").asText()).isEqualTo("+49305550188/voice");

    assertThat(send("GET", "/v1/orders", "agent1", null).statusCode()).isEqualTo(400);
    JsonNode one = JSON.readTree(send("GET", "/v1/orders/1001", "agent1", null).body());
    assertThat(one.path("state").asText()).isEqualTo("ok");
    assertThat(one.at("/fields/status").asText()).isEqualTo("shipped");
    JsonNode failed = JSON.readTree(send("GET", "/v1/orders/9", "agent1", null).body());
    assertThat(failed.path("state").asText()).isEqualTo("failed");
    assertThat(failed.path("error").asText()).contains("ERP answered 500");
    JsonNode late = JSON.readTree(send("GET", "/v1/orders/LATE", "agent1", null).body());
    assertThat(late.path("error").asText()).isEqualTo("no answer within 300 ms");
    HttpResponse<String> bad = send("GET", "/v1/orders/%3Cscript%3E", "agent1", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("order number");
  }

  @Test
  void anyoneWritesNotesAboutACustomerAndReadsThemNewestFirst() throws Exception {
    String id =
        crm.create(
                new org.switchboard.crm.api.CustomerDraft(
                    "Note Taker",
                    null,
                    0,
                    java.util.Set.of(),
                    Map.of(),
                    List.of(org.switchboard.crm.api.Identity.parse("email:notes@example.com"))))
            .id();
    HttpResponse<String> added =
        send("POST", "/v1/customers/" + id + "/notes", "agent1", "{\"text\":\"prefers email\"}");
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(added.body()).path("author").asText()).isEqualTo("agent1");
    JsonNode notes =
        JSON.readTree(send("GET", "/v1/customers/" + id + "/notes", "super", null).body());
    assertThat(notes.get(0).path("text").asText()).isEqualTo("prefers email");
    assertThat(
            send("POST", "/v1/customers/" + id + "/notes", "agent1", "{\"text\":\"\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send("POST", "/v1/customers/nobody/notes", "agent1", "{\"text\":\"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(
            send("POST", "/v1/customers/" + id + "/notes", "agent1", "{\"txt\":\"x\"}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anErpSyncsCustomersAndMalformedPayloadsGetClearErrors() throws Exception {
    String records =
        "[{\"name\":\"Sync One\",\"tier\":\"vip\",\"identities\":[\"email:one@sync.example\"]},"
            + "{\"name\":\"Sync Two\",\"identities\":[\"phone:nonsense\"]},"
            + "{\"name\":\"\",\"identities\":[\"email:three@sync.example\"]}]";
    assertThat(send("POST", "/v1/customers/sync", "super", records).statusCode()).isEqualTo(403);
    HttpResponse<String> done = send("POST", "/v1/customers/sync", "admin", records);
    assertThat(done.statusCode()).isEqualTo(200);
    JsonNode report = JSON.readTree(done.body());
    assertThat(report.path("created").asInt()).isEqualTo(1);
    assertThat(report.path("failedRows").asInt()).isEqualTo(2);
    assertThat(report.at("/failed/0/line").asInt()).isEqualTo(2);
    assertThat(report.at("/failed/1/line").asInt()).isEqualTo(3);
    assertThat(report.at("/failed/1/reason").asText()).contains("name");
    assertThat(crm.findByIdentity(org.switchboard.crm.api.Identity.parse("email:one@sync.example")))
        .isPresent();

    HttpResponse<String> again =
        send(
            "POST",
            "/v1/customers/sync",
            "admin",
            "[{\"name\":\"Sync One\",\"priority\":50,\"identities\":[\"email:ONE@sync.example\"]}]");
    assertThat(JSON.readTree(again.body()).path("updated").asInt()).isEqualTo(1);

    for (String bad :
        new String[] {
          "[{\"name\":",
          "{\"name\":\"x\"}",
          "[{\"name\":\"x\",\"shoeSize\":44}]",
          "[{\"name\":\"x\",\"priority\":\"high\"}]"
        }) {
      HttpResponse<String> r = send("POST", "/v1/customers/sync", "admin", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("message").asText()).as(bad).isNotBlank();
    }
    assertThat(
            crm.findByIdentity(org.switchboard.crm.api.Identity.parse("email:one@sync.example"))
                .orElseThrow()
                .priority())
        .as("nothing changed by the refused bodies")
        .isEqualTo(50);
  }

  @Test
  void customersAreLookedUpByAnyoneAndChangedByManagersOnly() throws Exception {
    String li =
        "{\"name\":\"Li Wei\",\"tier\":\"vip\",\"priority\":20,\"tags\":[\"wholesale\"],"
            + "\"identities\":[\"phone:030 5550100\",\"email:Li@Example.com\"]}";
    assertThat(send("POST", "/v1/customers", "agent1", li).statusCode()).isEqualTo(403);
    HttpResponse<String> created = send("POST", "/v1/customers", "super", li);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode c = JSON.readTree(created.body());
    assertThat(c.path("identities").toString())
        .isEqualTo("[\"phone:+49305550100\",\"email:li@example.com\"]");
    String id = c.path("id").asText();

    HttpResponse<String> found =
        send("GET", "/v1/customers?identity=phone:%2B49%2030%205550100", "agent1", null);
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(found.body()).get(0).path("id").asText()).isEqualTo(id);
    assertThat(send("GET", "/v1/customers?identity=phone:%2B4930999", "agent1", null).body())
        .isEqualTo("[]");
    assertThat(send("GET", "/v1/customers?identity=nonsense", "agent1", null).statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/v1/customers?q=wei", "agent1", null).body()).contains(id);
    assertThat(send("POST", "/v1/customers", "super", li).statusCode()).isEqualTo(409);
    HttpResponse<String> stale =
        send(
            "PUT",
            "/v1/customers/" + id,
            "super",
            "{\"name\":\"Li Wei\",\"version\":7,\"identities\":[]}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(send("DELETE", "/v1/customers/" + id, "super", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/customers/export", "super", null).statusCode()).isEqualTo(403);

    HttpRequest csv =
        HttpRequest.newBuilder(URI.create(base + "/v1/customers/import"))
            .header("Authorization", basic("admin", "admin"))
            .header("Content-Type", "text/csv")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "name,phone\nAnn,+4930111222\nBad,not a number\n"))
            .build();
    HttpResponse<String> report = HTTP.send(csv, HttpResponse.BodyHandlers.ofString());
    assertThat(report.statusCode()).isEqualTo(200);
    JsonNode r = JSON.readTree(report.body());
    assertThat(r.path("created").asInt()).isEqualTo(1);
    assertThat(r.path("failed").get(0).path("line").asLong()).isEqualTo(3);
    HttpResponse<String> export = send("GET", "/v1/customers/export", "admin", null);
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(export.body()).contains("Li Wei,vip,20,wholesale,+49305550100,li@example.com");
    assertThat(send("DELETE", "/v1/customers/" + id, "admin", null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/v1/customers/" + id, "agent1", null).statusCode()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- supervisors on calls

  @Test
  void supervisorsMonitorCallsWithTheirOwnPhoneAndOnlyTheyOrAnAdminStop() throws Exception {
    monitors.current = null;
    String path = "/v1/interactions/call-1/monitor";
    assertThat(send("POST", path, "agent1", "{\"mode\":\"listen\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> badMode = send("POST", path, "super", "{\"mode\":\"shout\"}");
    assertThat(badMode.statusCode()).isEqualTo(400);
    assertThat(badMode.body()).contains("listen, whisper or barge");
    assertThat(send("POST", path, "super", "{}").statusCode()).isEqualTo(400);
    assertThat(
            send("POST", "/v1/interactions/nope/monitor", "super", "{\"mode\":\"listen\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(send("GET", path, "super", null).statusCode()).isEqualTo(404);

    HttpResponse<String> started = send("POST", path, "super", "{\"mode\":\"Listen\"}");
    assertThat(started.statusCode()).isEqualTo(201);
    JsonNode s = JSON.readTree(started.body());
    assertThat(s.path("supervisor").asText()).isEqualTo("super");
    assertThat(s.path("mode").asText()).isEqualTo("listen");
    assertThat(s.path("state").asText()).isEqualTo("ringing");
    assertThat(send("POST", path, "super2", "{\"mode\":\"barge\"}").statusCode()).isEqualTo(409);

    HttpResponse<String> changed = send("PUT", path, "super", "{\"mode\":\"whisper\"}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(changed.body()).path("mode").asText()).isEqualTo("whisper");
    assertThat(send("PUT", path, "super2", "{\"mode\":\"barge\"}").statusCode()).isEqualTo(404);
    assertThat(send("DELETE", path, "super2", null).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", path, "admin", null).statusCode()).isEqualTo(204);
    assertThat(send("GET", path, "super", null).statusCode()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- ACD

  @Test
  void routingPoliciesAreReadBySupervisorsAndSetByAdmins() throws Exception {
    HttpResponse<String> defaults = send("GET", "/v1/acd/queues/support/policy", "super", null);
    assertThat(defaults.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(defaults.body()).path("strategy").asText()).isEqualTo("longest-idle");
    assertThat(JSON.readTree(defaults.body()).path("ringTimeout").asText()).isEqualTo("PT20S");
    assertThat(send("GET", "/v1/acd/queues/support/policy", "agent1", null).statusCode())
        .isEqualTo(403);
    String body =
        "{\"queue\":\"support\",\"strategy\":\"most-skilled\",\"ringTimeout\":\"PT15S\","
            + "\"wrapUpTime\":\"PT0S\",\"steps\":[{\"after\":\"PT30S\",\"requirements\":"
            + "[{\"skill\":\"billing\",\"minimumLevel\":4}],\"lastAgentOnly\":false}],\"version\":0}";
    assertThat(send("PUT", "/v1/acd/queues/support/policy", "super", body).statusCode())
        .isEqualTo(403);
    HttpResponse<String> saved = send("PUT", "/v1/acd/queues/support/policy", "admin", body);
    assertThat(saved.statusCode()).isEqualTo(200);
    JsonNode p = JSON.readTree(saved.body());
    assertThat(p.path("steps").get(0).path("after").asText()).isEqualTo("PT30S");
    assertThat(p.path("wrapUpTime").asText()).isEqualTo("PT0S");
    assertThat(p.path("version").asLong()).isEqualTo(1);

    HttpResponse<String> bad =
        send(
            "PUT",
            "/v1/acd/queues/support/policy",
            "admin",
            "{\"queue\":\"support\",\"strategy\":\"Not A Strategy\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("strategy");
    HttpResponse<String> mismatch =
        send("PUT", "/v1/acd/queues/support/policy", "admin", "{\"queue\":\"other\"}");
    assertThat(mismatch.statusCode()).isEqualTo(400);
  }

  @Test
  void heartbeatsAreForTheAgentThemselfOrManagers() throws Exception {
    acd.heartbeats.clear();
    assertThat(send("POST", "/v1/acd/agents/agent2/heartbeat", "agent1", "{}").statusCode())
        .isEqualTo(403);
    assertThat(
            send("POST", "/v1/acd/agents/agent1/heartbeat?source=sip", "agent1", "{}").statusCode())
        .isEqualTo(204);
    assertThat(acd.heartbeats).containsExactly("agent1/sip");
  }

  @Test
  void simulationsTakeAScenarioAndRefuseBadOnes() throws Exception {
    String scenario =
        "{\"seed\":1,\"length\":\"PT8H\",\"warmUp\":\"PT30M\",\"queues\":[{\"queue\":\"q\","
            + "\"channel\":\"voice\",\"arrivalsPerHour\":600,\"handleTime\":{\"kind\":"
            + "\"EXPONENTIAL\",\"mean\":\"PT3M\"},\"priority\":50}],\"agentGroups\":"
            + "[{\"count\":40,\"capacity\":{\"voice\":1}}]}";
    HttpResponse<String> report = send("POST", "/v1/acd/simulations", "super", scenario);
    assertThat(report.statusCode()).isEqualTo(200);
    JsonNode total = JSON.readTree(report.body()).path("total");
    assertThat(total.path("arrived").asLong()).isEqualTo(600);
    assertThat(total.path("answered").asLong()).isEqualTo(40);
    assertThat(total.path("averageHandleSeconds").asDouble()).isEqualTo(180.0);
    assertThat(send("POST", "/v1/acd/simulations", "agent1", scenario).statusCode()).isEqualTo(403);
    HttpResponse<String> bad =
        send("POST", "/v1/acd/simulations", "super", scenario.replace("600", "-5"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("arrivalsPerHour");
  }

  @Test
  void phonePasswordsAreForAdminsAndRegistrationsForTheirAgent() throws Exception {
    assertThat(
            send("PUT", "/v1/sip/credentials/agent1", "super", "{\"password\":\"s3cret-phone\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send("PUT", "/v1/sip/credentials/agent1", "admin", "{\"password\":\"s3cret-phone\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(sip.passwords).containsEntry("agent1", "s3cret-phone");
    HttpResponse<String> bad =
        send("PUT", "/v1/sip/credentials/agent1", "admin", "{\"password\":\"x\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("password");
    assertThat(send("GET", "/v1/sip/registrations", "agent1", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/sip/registrations?agent=agent1", "agent1", null).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/v1/sip/registrations", "super", null).body()).contains("sip:agent1@");
    assertThat(send("DELETE", "/v1/sip/credentials/agent1", "admin", null).statusCode())
        .isEqualTo(204);
    assertThat(sip.passwords).doesNotContainKey("agent1");
  }

  @Test
  void whileThePartIsAwayItsPathsAnswer503WithRetryAfterAndWorkAgainWhenItIsBack()
      throws Exception {
    sipResource.unbindCredentials(sip);
    try {
      HttpResponse<String> away = send("GET", "/v1/sip/registrations", "super", null);
      assertThat(away.statusCode()).isEqualTo(503);
      assertThat(away.headers().firstValue("Retry-After")).hasValue("5");
      JsonNode error = JSON.readTree(away.body());
      assertThat(error.path("error").asText()).isEqualTo("unavailable");
      assertThat(error.path("message").asText()).contains("the SIP channel is not running");
      assertThat(
              send("PUT", "/v1/sip/credentials/agent3", "admin", "{\"password\":\"s3cret-phone\"}")
                  .statusCode())
          .isEqualTo(503);
      assertThat(sip.passwords).doesNotContainKey("agent3");
      // Roles still come first: an agent asking for all registrations is refused, not told to wait.
      assertThat(send("GET", "/v1/sip/registrations", "agent1", null).statusCode()).isEqualTo(403);
      // Another SIP channel instance unbinding does not take away the bound one.
      sipResource.bindCredentials(sip);
      sipResource.unbindCredentials(new Fakes.Sip());
      assertThat(send("GET", "/v1/sip/registrations", "super", null).statusCode()).isEqualTo(200);
    } finally {
      sipResource.bindCredentials(sip);
    }
  }

  // ---------------------------------------------------------------- health and OpenAPI

  @Test
  void healthIs200WhileItCanServeAnd503WhenARequiredComponentIsDown() throws Exception {
    HttpResponse<String> up = send("GET", "/health", null, null);
    assertThat(up.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(up.body());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("components").get(0).get("component").asText()).isEqualTo("db");
    assertThat(body.get("components").get(0).has("metrics")).isTrue();

    db.health = new Health(Health.Status.DEGRADED, "slow", Map.of("latencyMs", 900));
    HttpResponse<String> degraded = send("GET", "/health", null, null);
    assertThat(degraded.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(degraded.body()).get("status").asText()).isEqualTo("DEGRADED");

    db.health = Health.down("no connection");
    HttpResponse<String> down = send("GET", "/health", null, null);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(down.body()).get("status").asText()).isEqualTo("DOWN");
  }

  @Test
  void openApiDocumentIsServedWithoutLogin() throws Exception {
    HttpResponse<String> r = send("GET", "/openapi.json", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(r.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.get("paths").has("/v1/interactions/{id}/{action}")).isTrue();
    assertThat(doc.get("paths").has("/v1/skills")).isTrue();
  }

  // ---------------------------------------------------------------- security

  @Test
  void missingOrWrongCredentialsAre401WithChallenge() throws Exception {
    HttpResponse<String> none = send("GET", "/v1/skills", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"Switchboard\"");
    assertThat(error(none)).isEqualTo("unauthorized");

    HttpResponse<String> wrong =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/skills"))
                .header("Authorization", basic("admin", "nope"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void agentsReadButOnlyAdminsWrite() throws Exception {
    assertThat(send("GET", "/v1/skills", "agent1", null).statusCode()).isEqualTo(200);
    HttpResponse<String> denied =
        send("POST", "/v1/skills", "agent1", "{\"id\":\"billing\",\"description\":\"x\"}");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(error(denied)).isEqualTo("forbidden");
    assertThat(skills.store).isEmpty();
    assertThat(send("POST", "/v1/skills", "super", "{\"id\":\"billing\"}").statusCode())
        .isEqualTo(403);

    HttpResponse<String> created =
        send("POST", "/v1/skills", "admin", "{\"id\":\"billing\",\"description\":\"Invoices\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.contains("/v1/skills/billing"));
    assertThat(send("GET", "/v1/skills/billing", "agent1", null).body()).contains("Invoices");
    assertThat(
            send("PUT", "/v1/skills/billing", "admin", "{\"id\":\"billing\",\"description\":\"B\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(send("DELETE", "/v1/skills/billing", "admin", null).statusCode()).isEqualTo(204);
  }

  @Test
  void agentStateIsForTheAgentThemselfOrManagers() throws Exception {
    agents.create(agent("agent1"));
    agents.create(agent("agent2"));
    assertThat(
            send("PUT", "/v1/agents/agent2/state", "agent1", "{\"state\":\"READY\"}").statusCode())
        .isEqualTo(403);

    HttpResponse<String> ready =
        send("PUT", "/v1/agents/agent1/state", "agent1", "{\"state\":\"READY\",\"reason\":\"\"}");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("state").asText()).isEqualTo("READY");
    assertThat(JSON.readTree(ready.body()).get("capacity").get("chat").asInt()).isEqualTo(3);

    HttpResponse<String> out =
        send("PUT", "/v1/agents/agent1/state", "super", "{\"state\":\"LOGGED_OUT\"}");
    assertThat(JSON.readTree(out.body()).get("state").asText()).isEqualTo("LOGGED_OUT");

    HttpResponse<String> bad =
        send("PUT", "/v1/agents/agent1/state", "agent1", "{\"state\":\"ASLEEP\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(field(bad)).isEqualTo("state");
  }

  @Test
  void clickToCallIsForTheAgentThemselfOrManagersAndNeedsANumber() throws Exception {
    assertThat(
            send("POST", "/v1/agents/agent2/calls", "agent1", "{\"to\":\"+4930123456\"}")
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> placed =
        send("POST", "/v1/agents/agent1/calls", "agent1", "{\"to\":\"030 123456\"}");
    assertThat(placed.statusCode()).isEqualTo(201);
    JsonNode call = JSON.readTree(placed.body());
    assertThat(call.get("state").asText()).isEqualTo("OFFERED");
    assertThat(call.get("direction").asText()).isEqualTo("OUTBOUND");
    assertThat(call.get("agent").asText()).isEqualTo("agent1");
    assertThat(call.get("to").asText()).isEqualTo("030 123456");
    assertThat(placed.headers().firstValue("Location"))
        .hasValueSatisfying(
            l -> assertThat(l).endsWith("/v1/interactions/" + call.get("id").asText()));

    HttpResponse<String> noNumber = send("POST", "/v1/agents/agent1/calls", "agent1", "{}");
    assertThat(noNumber.statusCode()).isEqualTo(400);
    assertThat(field(noNumber)).isEqualTo("to");
  }

  /** A chat queued to support and offered to agent1. */
  private static Interaction chatOfferedToAgent1() {
    Interaction i =
        interactions.enqueue(
            interactions
                .open(
                    new OpenInteraction(
                        ChannelType.CHAT, null, Direction.INBOUND, "v1", "web", null, null))
                .id(),
            QueueRequest.to("support"));
    return interactions.offer(i.id(), "agent1");
  }

  @Test
  void agentsActOnlyOnTheirOwnInteractions() throws Exception {
    Interaction i = chatOfferedToAgent1();

    assertThat(send("GET", "/v1/interactions", "agent1", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/interactions/" + i.id(), "agent2", null).statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "/v1/interactions/" + i.id() + "/accept", "agent2", "{}").statusCode())
        .isEqualTo(403);
    assertThat(send("GET", "/v1/interactions/" + i.id(), "agent1", null).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/v1/interactions/" + i.id() + "/events", "agent2", null).statusCode())
        .isEqualTo(403);
    HttpResponse<String> timeline =
        send("GET", "/v1/interactions/" + i.id() + "/events", "agent1", null);
    assertThat(timeline.statusCode()).isEqualTo(200);
    assertThat(timeline.body()).isEqualTo("[]");

    HttpResponse<String> accepted =
        send("POST", "/v1/interactions/" + i.id() + "/accept", "agent1", "{}");
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(accepted.body()).get("state").asText()).isEqualTo("CONNECTED");
    // agents may not abandon, even their own
    assertThat(send("POST", "/v1/interactions/" + i.id() + "/abandon", "agent1", "{}").statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "/v1/interactions/" + i.id() + "/end", "agent1", "{}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> done =
        send(
            "POST",
            "/v1/interactions/" + i.id() + "/complete",
            "agent1",
            "{\"code\":\"resolved\",\"note\":\"ok\"}");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(done.body()).get("disposition").get("code").asText())
        .isEqualTo("resolved");
  }

  @Test
  void theConnectedAgentWritesTheChatAndSupervisorsWhisper() throws Exception {
    Interaction i = chatOfferedToAgent1();
    String path = "/v1/interactions/" + i.id() + "/messages";
    String hello = "{\"text\":\"Hello <b>there</b>\",\"clientId\":\"d-1\"}";
    assertThat(send("POST", path, "agent1", hello).statusCode())
        .as("offered, not yet connected")
        .isEqualTo(403);
    interactions.accept(i.id(), "agent1");
    assertThat(send("POST", path, "agent2", hello).statusCode()).isEqualTo(403);
    HttpResponse<String> first = send("POST", path, "agent1", hello);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(first.body()).get("seq").asLong()).isEqualTo(1);
    assertThat(JSON.readTree(first.body()).get("party").asText()).isEqualTo("AGENT");
    assertThat(send("POST", path, "agent1", hello).body()).isEqualTo(first.body());
    assertThat(
            send("POST", path, "agent1", "{\"text\":\"x\",\"visibility\":\"AGENTS\"}").statusCode())
        .isEqualTo(400);
    HttpResponse<String> whisper =
        send("POST", path, "super", "{\"text\":\"offer a refund\",\"visibility\":\"AGENTS\"}");
    assertThat(whisper.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(whisper.body()).get("party").asText()).isEqualTo("SUPERVISOR");
    assertThat(send("POST", path, "agent1", "{\"text\":\"\"}").statusCode()).isEqualTo(400);

    HttpResponse<String> read = send("GET", path + "?after=0", "agent1", null);
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode messages = JSON.readTree(read.body());
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).get("text").asText()).isEqualTo("Hello <b>there</b>");
    assertThat(messages.get(1).get("visibility").asText()).isEqualTo("AGENTS");
    assertThat(send("GET", path, "agent2", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/interactions/" + i.id() + "/history", "agent1", null).body())
        .isEqualTo("[]");
    HttpResponse<String> file =
        send("GET", "/v1/interactions/" + i.id() + "/attachments/a-1", "agent1", null);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("hello");
    assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
        .isEqualTo("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%201.txt");
    assertThat(
            send("GET", "/v1/interactions/" + i.id() + "/attachments/a-1", "agent2", null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send("GET", "/v1/interactions/" + i.id() + "/attachments/nope", "agent1", null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void theConnectedAgentSendsAFileWhoseContentIsWhatItsTypeSays() throws Exception {
    Interaction i = chatOfferedToAgent1();
    interactions.accept(i.id(), "agent1");
    String path = "/v1/interactions/" + i.id() + "/attachments";
    byte[] pdf = "%PDF-1.4\nreturn label".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> sent =
        upload(path, "agent1", "application/pdf", "Retour%20label.pdf", pdf);
    assertThat(sent.statusCode()).isEqualTo(201);
    JsonNode m = JSON.readTree(sent.body());
    assertThat(m.path("party").asText()).isEqualTo("AGENT");
    assertThat(m.path("attachment").path("name").asText()).isEqualTo("Retour label.pdf");
    assertThat(m.path("attachment").path("contentType").asText()).isEqualTo("application/pdf");
    assertThat(m.path("attachment").path("size").asLong()).isEqualTo(pdf.length);

    HttpResponse<String> disguised =
        upload(path, "agent1", "image/png", "x.png", "<script>alert(1)</script>".getBytes());
    assertThat(disguised.statusCode()).isEqualTo(415);
    assertThat(disguised.body()).contains("content is not image/png");
    assertThat(upload(path, "agent1", "text/html", "x.html", "<b>x</b>".getBytes()).statusCode())
        .isEqualTo(415);
    byte[] huge = new byte[(int) InteractionResource.MAX_UPLOAD_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) 'a');
    HttpResponse<String> tooLarge = upload(path, "agent1", "text/plain", "big.txt", huge);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(upload(path, "agent2", "application/pdf", "x.pdf", pdf).statusCode()).isEqualTo(403);
    assertThat(upload(path, null, "application/pdf", "x.pdf", pdf).statusCode()).isEqualTo(401);
    assertThat(upload(path, "super", "application/pdf", "x.pdf", pdf).statusCode()).isEqualTo(201);
  }

  private static HttpResponse<String> upload(
      String path, String user, String type, String name, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", type)
            .header("X-File-Name", name)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (user != null) {
      b.header("Authorization", basic(user, user));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------- JSON shape

  @Test
  void queuesUseIsoDurationsAndChannelIds() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/queues/support", "agent1", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode q = JSON.readTree(r.body());
    assertThat(q.get("serviceLevelThreshold").asText()).isEqualTo("PT20S");
    assertThat(q.get("channels").toString()).contains("\"chat\"").contains("\"voice\"");

    HttpResponse<String> created =
        send(
            "POST",
            "/v1/queues",
            "admin",
            "{\"id\":\"billing\",\"name\":\"Billing\",\"channels\":[\"email\"],"
                + "\"requiredSkills\":[],\"priority\":10,\"serviceLevelThreshold\":\"PT30S\","
                + "\"serviceLevelTarget\":80,\"maxWait\":null,\"overflowQueue\":null,\"version\":0}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(queues.store.get("billing").channels()).containsExactly(ChannelType.EMAIL);
    assertThat(queues.store.get("billing").serviceLevelThreshold())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void openQueuesAtOnceAndWritesIsoInstants() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/interactions",
            "super",
            "{\"channel\":\"chat\",\"channelRef\":null,\"direction\":\"INBOUND\",\"from\":\"v-1\","
                + "\"to\":\"web\",\"customerRef\":null,\"attributes\":{\"lang\":\"en\"},"
                + "\"queue\":\"support\",\"priority\":null}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode i = JSON.readTree(r.body());
    assertThat(i.get("state").asText()).isEqualTo("QUEUED");
    assertThat(i.get("channel").asText()).isEqualTo("chat");
    assertThat(i.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(r.headers().firstValue("Location")).isPresent();

    HttpResponse<String> list =
        send("GET", "/v1/interactions?state=QUEUED&state=NEW&channel=chat", "admin", null);
    assertThat(JSON.readTree(list.body()).size()).isEqualTo(1);
    assertThat(
            JSON.readTree(send("GET", "/v1/interactions?state=CLOSED", "admin", null).body())
                .size())
        .isZero();
  }

  // ---------------------------------------------------------------- errors

  @Test
  void openWithUnknownQueueIs404AndWritesNothing() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/interactions",
            "admin",
            "{\"channel\":\"chat\",\"direction\":\"INBOUND\",\"from\":\"a\",\"to\":\"b\",\"queue\":\"nope\"}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(error(r)).isEqualTo("not-found");
    assertThat(interactions.store).isEmpty();
  }

  @Test
  void openWithAQueueRefusingTheChannelIs400AndWritesNothing() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/interactions",
            "admin",
            "{\"channel\":\"email\",\"direction\":\"INBOUND\",\"from\":\"a\",\"to\":\"b\",\"queue\":\"support\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(field(r)).isEqualTo("queue");
    assertThat(interactions.store).isEmpty();
  }

  @Test
  void malformedJsonIs400WithLineAndColumn() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/skills", "admin", "{\"id\": \"x\",\n  oops}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).isEqualTo("malformed-json");
    assertThat(message(r)).contains("line 2").contains("column");
  }

  @Test
  void wrongTypeIs400NamingTheFieldPath() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/queues",
            "admin",
            "{\"id\":\"q\",\"channels\":[\"chat\"],\"requiredSkills\":[{\"skill\":\"s\",\"minimumLevel\":\"high\"}],"
                + "\"priority\":1,\"serviceLevelThreshold\":\"PT20S\",\"serviceLevelTarget\":80}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(field(r)).isEqualTo("requiredSkills.[0].minimumLevel");

    HttpResponse<String> e =
        send(
            "POST",
            "/v1/interactions",
            "admin",
            "{\"channel\":\"chat\",\"direction\":\"SIDEWAYS\",\"from\":\"a\",\"to\":\"b\"}");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(field(e)).isEqualTo("direction");
    assertThat(interactions.store).isEmpty();
  }

  @Test
  void unknownPropertyIs400NamingIt() throws Exception {
    HttpResponse<String> r =
        send("POST", "/v1/skills", "admin", "{\"id\":\"x\",\"colour\":\"blue\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).isEqualTo("unknown-property");
    assertThat(message(r)).contains("colour");
    assertThat(field(r)).isEqualTo("colour");
  }

  @Test
  void validationErrorsAre400WithTheField() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/skills", "admin", "{\"id\":\"has space\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).isEqualTo("validation");
    assertThat(field(r)).isEqualTo("id");
  }

  @Test
  void missingBodyIs400() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/skills", "admin", "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(field(r)).isEqualTo("body");
  }

  @Test
  void unknownIdIs404() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/skills/nope", "agent1", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(message(r)).contains("nope");
    assertThat(send("POST", "/v1/interactions/nope/hold", "admin", "{}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void conflictsAndIllegalTransitionsAre409() throws Exception {
    send("POST", "/v1/skills", "admin", "{\"id\":\"dup\"}");
    HttpResponse<String> dup = send("POST", "/v1/skills", "admin", "{\"id\":\"dup\"}");
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(error(dup)).isEqualTo("conflict");

    Interaction i =
        interactions.open(
            new OpenInteraction(ChannelType.CHAT, null, Direction.INBOUND, "a", "b", null, null));
    HttpResponse<String> hold = send("POST", "/v1/interactions/" + i.id() + "/hold", "admin", "{}");
    assertThat(hold.statusCode()).isEqualTo(409);
    assertThat(message(hold)).contains("NEW");
  }

  @Test
  void bodiesOver64KiBAre413() throws Exception {
    String big = "{\"id\":\"x\",\"description\":\"" + "a".repeat(70 * 1024) + "\"}";
    HttpResponse<String> r = send("POST", "/v1/skills", "admin", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(error(r)).isEqualTo("too-large");
    assertThat(skills.store).isEmpty();
  }

  @Test
  void otherMediaTypesAre415() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/skills"))
                .header("Authorization", basic("admin", "admin"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("id=x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(skills.store).isEmpty();
  }

  @Test
  void unexpectedFailuresAre500WithAnIncidentId() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/interactions/" + openOne() + "/enqueue",
            "admin",
            "{\"queue\":\"support\",\"priority\":5}");
    assertThat(r.statusCode()).isEqualTo(200);
    // a corrupt record (null state) makes the core fake fail with a plain NullPointerException
    interactions.store.put("broken", brokenInteraction());
    HttpResponse<String> broken =
        send("POST", "/v1/interactions/broken/offer", "admin", "{\"agent\":\"agent1\"}");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(error(broken)).isEqualTo("internal");
    assertThat(message(broken)).containsPattern("incident [0-9a-f-]{36}");
  }

  // ---------------------------------------------------------------- helpers

  private static String openOne() {
    return interactions
        .open(new OpenInteraction(ChannelType.CHAT, null, Direction.INBOUND, "a", "b", null, null))
        .id();
  }

  /** An interaction whose state is null: the fake's transition check throws a plain NPE. */
  private static Interaction brokenInteraction() {
    return new Interaction(
        "broken",
        ChannelType.CHAT,
        null,
        Direction.INBOUND,
        "a",
        "b",
        null,
        "support",
        1,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        1);
  }

  private static Agent agent(String id) {
    return new Agent(
        id,
        id,
        null,
        Set.of("team-a"),
        Map.of(ChannelType.VOICE, 1, ChannelType.CHAT, 3),
        null,
        null,
        null,
        0);
  }

  private static HttpResponse<String> send(String method, String path, String user, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (user != null) {
      b.header("Authorization", basic(user, user));
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String error(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).path("error").asText();
  }

  private static String message(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).path("message").asText();
  }

  private static String field(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).path("field").asText();
  }
}
