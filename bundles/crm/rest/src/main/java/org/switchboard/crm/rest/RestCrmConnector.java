package org.switchboard.crm.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.api.ConfigValues;
import org.switchboard.crm.api.CircuitBreaker;
import org.switchboard.crm.api.CrmConnector;
import org.switchboard.crm.api.CrmUnavailableException;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.crm.api.Identity;

/**
 * Asks one CRM over HTTP: a GET of the configured URL per identity kind until one finds the
 * customer. 404 or an empty result is "not known"; any other status, a timeout or an answer that is
 * not the expected JSON is "unavailable". The whole lookup stays within the configured timeout,
 * answers are capped in size, and a CRM that keeps failing is left alone for a while.
 */
final class RestCrmConnector implements CrmConnector {
  /** Largest answer read, in bytes: a customer record, not a data dump. */
  static final int MAX_ANSWER = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String urlTemplate;
  private final Set<String> kinds = new HashSet<>();
  private final String authorization;
  private final Duration timeout;
  private final CustomerMapping mapping;
  private final CircuitBreaker breaker;
  private final HttpClient http;

  /**
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  RestCrmConnector(RestCrmConfig c, Clock clock) {
    this.name = c.name() == null ? "" : c.name().strip();
    if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException(
          "name: 1-32 lower-case letters, digits or dashes starting with a letter, got '"
              + c.name()
              + "'");
    }
    this.urlTemplate = c.lookupUrl() == null ? "" : c.lookupUrl().strip();
    URI probe = URI.create(urlTemplate.replace("{kind}", "phone").replace("{value}", "1"));
    if (!"http".equals(probe.getScheme()) && !"https".equals(probe.getScheme())) {
      throw new IllegalArgumentException("lookupUrl: an http or https URL is required");
    }
    for (String k : ConfigValues.list(c.kinds())) {
      kinds.add(k.toLowerCase(Locale.ROOT));
    }
    this.authorization = c.authorization() == null ? "" : c.authorization().strip();
    this.timeout = Duration.ofMillis(Math.max(1, c.timeout()));
    this.mapping = new CustomerMapping(c);
    this.breaker =
        new CircuitBreaker(
            c.failuresToOpen(), Duration.ofSeconds(Math.max(1, c.openSeconds())), clock);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  String name() {
    return name;
  }

  @Override
  public Optional<ExternalCustomer> lookup(List<Identity> identities)
      throws CrmUnavailableException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Identity id : identities) {
      if (!kinds.contains(id.kind().id())) {
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CrmUnavailableException("no answer within " + timeout.toMillis() + " ms");
      }
      Optional<ExternalCustomer> found = ask(id, Duration.ofNanos(left));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<ExternalCustomer> ask(Identity id, Duration left)
      throws CrmUnavailableException {
    if (!breaker.allows()) {
      throw new CrmUnavailableException(
          "not asked until " + breaker.openUntil() + " after repeated failures");
    }
    try {
      Optional<ExternalCustomer> found =
          answer(http.send(request(id, left), HttpResponse.BodyHandlers.ofInputStream()));
      breaker.succeeded();
      return found;
    } catch (CrmUnavailableException e) {
      breaker.failed();
      throw e;
    } catch (HttpTimeoutException e) {
      breaker.failed();
      throw new CrmUnavailableException("no answer within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      breaker.failed();
      throw new CrmUnavailableException("cannot reach the CRM: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrmUnavailableException("interrupted", e);
    }
  }

  private HttpRequest request(Identity id, Duration left) {
    String url =
        urlTemplate
            .replace("{kind}", encode(id.kind().id()))
            .replace("{value}", encode(id.value()));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).timeout(left).header("Accept", "application/json");
    if (!authorization.isEmpty()) {
      b.header("Authorization", authorization);
    }
    return b.GET().build();
  }

  private Optional<ExternalCustomer> answer(HttpResponse<InputStream> r)
      throws CrmUnavailableException, IOException {
    try (InputStream body = r.body()) {
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      if (r.statusCode() / 100 != 2) {
        throw new CrmUnavailableException("the CRM answered HTTP " + r.statusCode());
      }
      JsonNode json;
      try {
        json = JSON.readTree(BodyCap.read(body, MAX_ANSWER));
      } catch (JacksonException e) {
        throw new CrmUnavailableException(
            "the CRM's answer is not JSON: " + e.getOriginalMessage());
      }
      return json == null ? Optional.empty() : mapping.read(json);
    }
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
