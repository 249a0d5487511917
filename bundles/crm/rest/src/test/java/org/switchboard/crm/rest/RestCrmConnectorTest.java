package org.switchboard.crm.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.crm.api.CrmUnavailableException;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;

/** The REST connector against a real HTTP server standing in for the CRM. */
class RestCrmConnectorTest {
  private HttpServer crm;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final CountDownLatch hang = new CountDownLatch(1);
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private record Answer(int status, String body) {}

  @BeforeEach
  void start() throws IOException {
    crm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    crm.setExecutor(Executors.newCachedThreadPool());
    crm.createContext("/", this::serve);
    crm.start();
  }

  @AfterEach
  void stop() {
    hang.countDown();
    crm.stop(0);
  }

  private void serve(HttpExchange x) throws IOException {
    String q = x.getRequestURI().getRawQuery();
    requests.add(x.getRequestURI().getRawPath() + "?" + q);
    authorization.set(x.getRequestHeaders().getFirst("Authorization"));
    Answer a = answers.getOrDefault(q, new Answer(404, "{\"error\":\"not found\"}"));
    if (a.status == 0) {
      try {
        hang.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      a = new Answer(200, "{}");
    }
    byte[] body = a.body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(a.status, body.length == 0 ? -1 : body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  private RestCrmConnector connector(Map<String, Object> settings) {
    return new RestCrmConnector(config(settings), clock);
  }

  private String url() {
    return "http://127.0.0.1:" + crm.getAddress().getPort() + "/api/contacts?{kind}={value}";
  }

  private RestCrmConnector standard() {
    return connector(
        Map.of(
            "lookupUrl", url(),
            "authorization", "Bearer s3cret",
            "resultPointer", "/data",
            "idPointer", "/contactId",
            "namePointer", "/fullName",
            "tierPointer", "/level",
            "priorityPointer", "/score",
            "fields", new String[] {"Account=/account/name, Open orders=/orders/open"},
            "linkTemplate", "https://crm.example.com/contacts/{id}"));
  }

  private static Identity phone(String v) {
    return new Identity(IdentityKind.PHONE, v);
  }

  @Test
  void aCustomerIsMappedByTheConfiguredPointersAndTheIdentityIsUrlEncoded() throws Exception {
    answers.put(
        "phone=%2B49301234567",
        new Answer(
            200,
            "{\"data\":[{\"contactId\":4711,\"fullName\":\"Li Wei\",\"level\":\"gold\","
                + "\"score\":\"35\",\"account\":{\"name\":\"ACME GmbH\"},\"orders\":{\"open\":2}}]}"));

    ExternalCustomer c = standard().lookup(List.of(phone("+49301234567"))).orElseThrow();

    assertThat(c.customerRef()).isEqualTo("shop-crm:4711");
    assertThat(c.name()).isEqualTo("Li Wei");
    assertThat(c.tier()).isEqualTo("gold");
    assertThat(c.priority()).isEqualTo(35);
    assertThat(c.fields())
        .containsExactly(Map.entry("Account", "ACME GmbH"), Map.entry("Open orders", "2"));
    assertThat(c.link()).isEqualTo("https://crm.example.com/contacts/4711");
    assertThat(authorization.get()).isEqualTo("Bearer s3cret");
  }

  @Test
  void kindsAreTriedInTurnAndNotFoundIsNoCustomer() throws Exception {
    answers.put("phone=%2B4930999", new Answer(200, "{\"data\":[]}"));
    answers.put("email=li%40example.com", new Answer(200, "{\"data\":{\"contactId\":\"C-9\"}}"));

    RestCrmConnector c = standard();
    assertThat(
            c.lookup(
                    List.of(
                        phone("+4930999"),
                        new Identity(IdentityKind.CHAT, "visitor-1"),
                        new Identity(IdentityKind.EMAIL, "li@example.com")))
                .orElseThrow()
                .id())
        .isEqualTo("C-9");
    assertThat(requests).hasSize(2).noneMatch(r -> r.contains("chat"));
    assertThat(c.lookup(List.of(phone("+4930888")))).as("404").isEmpty();
  }

  @Test
  void errorsTimeoutsAndJunkAreUnavailableNeverACrash() {
    answers.put("phone=%2B4930500", new Answer(500, "oops"));
    answers.put("phone=%2B4930501", new Answer(200, "<html>login</html>"));
    answers.put("phone=%2B4930502", new Answer(200, "{\"data\":{\"fullName\":\"no id\"}}"));
    answers.put("phone=%2B4930503", new Answer(200, "{\"data\":\"text\"}"));
    answers.put("phone=%2B4930504", new Answer(0, ""));
    answers.put("phone=%2B4930505", new Answer(200, "[" + "1,".repeat(200_000) + "1]"));
    RestCrmConnector c =
        connector(
            Map.of(
                "lookupUrl",
                url(),
                "resultPointer",
                "/data",
                "timeout",
                300,
                "failuresToOpen",
                100));

    assertThatThrownBy(() -> c.lookup(List.of(phone("+4930500"))))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageContaining("HTTP 500");
    assertThatThrownBy(() -> c.lookup(List.of(phone("+4930501")))).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> c.lookup(List.of(phone("+4930502")))).hasMessageContaining("no id");
    assertThatThrownBy(() -> c.lookup(List.of(phone("+4930503"))))
        .hasMessageContaining("not a JSON object");
    long start = System.nanoTime();
    assertThatThrownBy(() -> c.lookup(List.of(phone("+4930504"))))
        .hasMessageContaining("no answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(() -> c.lookup(List.of(phone("+4930505"))))
        .hasMessageContaining("larger than");
  }

  @Test
  void aCrmThatKeepsFailingIsLeftAloneForAWhileThenTriedAgain() throws Exception {
    answers.put("phone=%2B4930500", new Answer(503, "busy"));
    RestCrmConnector c =
        connector(Map.of("lookupUrl", url(), "failuresToOpen", 2, "openSeconds", 30));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> c.lookup(List.of(phone("+4930500"))))
          .hasMessageContaining("HTTP 503");
    }
    assertThatThrownBy(() -> c.lookup(List.of(phone("+4930500"))))
        .hasMessageContaining("not asked until");
    assertThat(requests).hasSize(2);

    now.set(now.get().plusSeconds(31));
    answers.put("phone=%2B4930500", new Answer(200, "{\"id\":\"back\"}"));
    assertThat(c.lookup(List.of(phone("+4930500"))).orElseThrow().id()).isEqualTo("back");
    assertThat(c.lookup(List.of(phone("+4930500")))).isPresent();
    assertThat(requests).hasSize(4);
  }

  @Test
  void aWrongConfigurationNamesTheSetting() {
    assertThatThrownBy(() -> connector(Map.of("lookupUrl", "ftp://crm/{value}")))
        .hasMessageContaining("lookupUrl");
    assertThatThrownBy(() -> connector(Map.of("lookupUrl", url(), "idPointer", "id")))
        .hasMessageContaining("idPointer");
    assertThatThrownBy(
            () -> connector(Map.of("lookupUrl", url(), "fields", new String[] {"Account"})))
        .hasMessageContaining("fields");
    assertThatThrownBy(() -> connector(Map.of("lookupUrl", url(), "name", "Shop CRM")))
        .hasMessageContaining("name");
  }

  /** The configuration with defaults as metatype declares them, overridden by {@code s}. */
  private static RestCrmConfig config(Map<String, Object> s) {
    return new RestCrmConfig() {
      private <T> T get(String key, T fallback) {
        @SuppressWarnings("unchecked")
        T v = (T) s.getOrDefault(key, fallback);
        return v;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return RestCrmConfig.class;
      }

      @Override
      public String name() {
        return get("name", "shop-crm");
      }

      @Override
      public String lookupUrl() {
        return get("lookupUrl", "");
      }

      @Override
      public String[] kinds() {
        return get("kinds", new String[] {"phone", "email"});
      }

      @Override
      public String authorization() {
        return get("authorization", "");
      }

      @Override
      public String resultPointer() {
        return get("resultPointer", "");
      }

      @Override
      public String idPointer() {
        return get("idPointer", "/id");
      }

      @Override
      public String namePointer() {
        return get("namePointer", "/name");
      }

      @Override
      public String tierPointer() {
        return get("tierPointer", "");
      }

      @Override
      public String priorityPointer() {
        return get("priorityPointer", "");
      }

      @Override
      public String[] fields() {
        return get("fields", new String[0]);
      }

      @Override
      public String linkTemplate() {
        return get("linkTemplate", "");
      }

      @Override
      public int timeout() {
        return get("timeout", 2000);
      }

      @Override
      public int failuresToOpen() {
        return get("failuresToOpen", 5);
      }

      @Override
      public int openSeconds() {
        return get("openSeconds", 30);
      }

      @Override
      public int ranking() {
        return 0;
      }
    };
  }
}
