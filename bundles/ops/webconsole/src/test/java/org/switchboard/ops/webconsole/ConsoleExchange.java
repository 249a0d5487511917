package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One request to a console page and its answer, without a servlet container: the request and
 * response are proxies that answer what the pages ask (method, path, headers, parameters, body,
 * user) and record what the pages answer (status, content type and length, headers, body).
 *
 * <p>Header names are case-insensitive on both sides, as in HTTP. A method the pages do not use
 * answers {@code null}, {@code false} or {@code 0}.
 */
final class ConsoleExchange {
  final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  final Map<String, String> parameters = new HashMap<>();
  final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final PrintWriter writer = new PrintWriter(body, true, StandardCharsets.UTF_8);
  private final String method;
  private final String path;
  private final byte[] requestBody;
  private String user = "admin";
  int status = 200;
  String contentType;
  long contentLength = -1;

  private ConsoleExchange(String method, String path, byte[] requestBody) {
    this.method = method;
    this.path = path;
    this.requestBody = requestBody;
  }

  /** A GET of {@code path} (the page's path info, e.g. {@code /switchboard-queues/queues.json}). */
  static ConsoleExchange get(String path) {
    return new ConsoleExchange("GET", path, new byte[0]);
  }

  /** A POST of a JSON body from the console page (with the console's header) by {@code admin}. */
  static ConsoleExchange post(String path, String json) {
    return upload(path, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A POST of raw bytes (an upload) with the console's header. */
  static ConsoleExchange upload(String path, byte[] content) {
    return new ConsoleExchange("POST", path, content).header(SwitchboardPage.CSRF_HEADER, "1");
  }

  /** Sets (or replaces) a request header, e.g. {@code Range} or {@code X-File-Name}. */
  ConsoleExchange header(String name, String value) {
    requestHeaders.put(name, value);
    return this;
  }

  /** Drops a request header, e.g. the console's header of a forged change. */
  ConsoleExchange withoutHeader(String name) {
    requestHeaders.remove(name);
    return this;
  }

  ConsoleExchange param(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  /** The signed-in user asking ({@code admin} unless told). */
  ConsoleExchange by(String user) {
    this.user = user;
    return this;
  }

  /** A header of the answer. */
  String responseHeader(String name) {
    return responseHeaders.get(name);
  }

  /** The answer's body as bytes (what the page wrote to its stream or writer). */
  byte[] bytes() {
    writer.flush();
    return body.toByteArray();
  }

  /** The answer's body as text. */
  String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** The answer's body as JSON. */
  JsonNode json() throws IOException {
    return SwitchboardPage.JSON.readTree(bytes());
  }

  HttpServletRequest request() {
    ByteArrayInputStream in = new ByteArrayInputStream(requestBody);
    ServletInputStream stream =
        new ServletInputStream() {
          @Override
          public int read() {
            return in.read();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
          }

          @Override
          public boolean isFinished() {
            return in.available() == 0;
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setReadListener(ReadListener listener) {}
        };
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "getPathInfo" -> path;
                  case "getMethod" -> method;
                  case "getHeader" -> requestHeaders.get((String) args[0]);
                  case "getParameter" -> parameters.get((String) args[0]);
                  case "getParameterMap" -> toArrays(parameters);
                  case "getInputStream" -> stream;
                  case "getContentLengthLong" -> requestContentLength();
                  case "getContentLength" -> (int) requestContentLength();
                  case "getContentType" -> requestHeaders.get("Content-Type");
                  case "getRemoteUser" -> user;
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> method + " " + path;
                  default -> nothing(m);
                });
  }

  HttpServletResponse response() {
    ServletOutputStream stream =
        new ServletOutputStream() {
          @Override
          public void write(int b) {
            body.write(b);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}
        };
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "setStatus" -> {
                    status = (Integer) args[0];
                    yield null;
                  }
                  case "getStatus" -> status;
                  case "setContentType" -> {
                    contentType = (String) args[0];
                    yield null;
                  }
                  case "getContentType" -> contentType;
                  case "setContentLength", "setContentLengthLong" -> {
                    contentLength = ((Number) args[0]).longValue();
                    responseHeaders.put("Content-Length", args[0].toString());
                    yield null;
                  }
                  case "setHeader", "addHeader" -> {
                    responseHeaders.put((String) args[0], (String) args[1]);
                    yield null;
                  }
                  case "getHeader" -> responseHeaders.get((String) args[0]);
                  case "containsHeader" -> responseHeaders.containsKey((String) args[0]);
                  case "getOutputStream" -> stream;
                  case "getWriter" -> writer;
                  case "flushBuffer" -> {
                    writer.flush();
                    yield null;
                  }
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> "answer " + status + " to " + method + " " + path;
                  default -> nothing(m);
                });
  }

  /** Runs a GET through the page. */
  ConsoleExchange getFrom(SwitchboardPage page) throws IOException {
    page.renderContent(request(), response());
    return this;
  }

  /** Runs a POST through the page. */
  ConsoleExchange postTo(SwitchboardPage page) throws IOException {
    page.doPost(request(), response());
    return this;
  }

  /** The request's length: its {@code Content-Length} header if it has one, else its body's. */
  private long requestContentLength() {
    String header = requestHeaders.get("Content-Length");
    return header == null ? requestBody.length : Long.parseLong(header);
  }

  private static Map<String, String[]> toArrays(Map<String, String> parameters) {
    Map<String, String[]> arrays = new HashMap<>();
    parameters.forEach((k, v) -> arrays.put(k, new String[] {v}));
    return arrays;
  }

  /** What a method the pages do not use answers: nothing, of its return type. */
  private static Object nothing(Method m) {
    Class<?> type = m.getReturnType();
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }
}
