package org.switchboard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/** A small HTTP client for end-to-end tests: every request has a timeout. */
public final class HttpProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public HttpProbe(String base) {
    this.base = base;
  }

  /** A user and password for HTTP Basic authentication. */
  public record Login(String user, String password) {
    String header() {
      String raw = user + ":" + password;
      return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Status code of a GET, or -1 when the server does not answer. */
  public int status(String path, Login login) {
    try {
      return send("GET", path, login, null).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  public HttpResponse<String> get(String path, Login login) throws IOException {
    return send("GET", path, login, null);
  }

  /**
   * A GET retried for up to 30 s until it answers 200, for reads right after a change: the JAX-RS
   * whiteboard answers 404 while it rebuilds the application after a late resource registers.
   */
  public HttpResponse<String> getOk(String path, Login login) {
    AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
    RunningDistribution.waitFor(
        Duration.ofSeconds(30),
        () -> {
          try {
            last.set(get(path, login));
            return last.get().statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        },
        "200 from GET " + path);
    return last.get();
  }

  public HttpResponse<String> post(String path, Login login, String json) throws IOException {
    return send("POST", path, login, json);
  }

  public HttpResponse<String> put(String path, Login login, String json) throws IOException {
    return send("PUT", path, login, json);
  }

  public HttpResponse<String> delete(String path, Login login) throws IOException {
    return send("DELETE", path, login, null);
  }

  /** A GET whose body is kept as bytes (audio), with extra headers (e.g. {@code Range}). */
  public HttpResponse<byte[]> getBytes(String path, Login login, String... headers)
      throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    if (login != null) {
      b.header("Authorization", login.header());
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Sends a request; {@code json} may be null for no body. */
  public HttpResponse<String> send(String method, String path, Login login, String json)
      throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    if (login != null) {
      b.header("Authorization", login.header());
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
