package org.switchboard.ops.webconsole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One request to a console page and its answer, without a servlet container: the request and
 * response are proxies that answer what the pages ask (path, headers, parameters, body, user).
 */
final class ConsoleExchange {
  final Map<String, String> requestHeaders = new HashMap<>();
  final Map<String, String> parameters = new HashMap<>();
  final Map<String, String> responseHeaders = new HashMap<>();
  final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final String path;
  private final byte[] requestBody;
  private final String user;
  int status = 200;
  String contentType;

  private ConsoleExchange(String path, byte[] requestBody, String user) {
    this.path = path;
    this.requestBody = requestBody;
    this.user = user;
  }

  /** A GET of {@code path} (the page's path info, e.g. {@code /switchboard-queues/queues.json}). */
  static ConsoleExchange get(String path) {
    return new ConsoleExchange(path, new byte[0], "admin");
  }

  /** A POST of a JSON body from the console page (with the console's header) by {@code admin}. */
  static ConsoleExchange post(String path, String json) {
    ConsoleExchange x = new ConsoleExchange(path, json.getBytes(StandardCharsets.UTF_8), "admin");
    x.requestHeaders.put(SwitchboardPage.CSRF_HEADER, "1");
    return x;
  }

  /** A POST of raw bytes (an upload) with the console's header. */
  static ConsoleExchange upload(String path, byte[] content) {
    ConsoleExchange x = new ConsoleExchange(path, content, "admin");
    x.requestHeaders.put(SwitchboardPage.CSRF_HEADER, "1");
    return x;
  }

  ConsoleExchange header(String name, String value) {
    requestHeaders.put(name, value);
    return this;
  }

  ConsoleExchange param(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  String text() {
    return body.toString(StandardCharsets.UTF_8);
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
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getPathInfo" -> path;
                  case "getMethod" -> requestBody.length == 0 ? "GET" : "POST";
                  case "getHeader" -> requestHeaders.get((String) args[0]);
                  case "getParameter" -> parameters.get((String) args[0]);
                  case "getParameterMap" -> toArrays(parameters);
                  case "getInputStream" -> stream;
                  case "getContentLengthLong" -> (long) requestBody.length;
                  case "getContentLength" -> requestBody.length;
                  case "getContentType" -> requestHeaders.get("Content-Type");
                  case "getRemoteUser" -> user;
                  default -> null;
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
    PrintWriter writer = new PrintWriter(body, true, StandardCharsets.UTF_8);
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "setStatus" -> status = (Integer) args[0];
                case "setContentType" -> contentType = (String) args[0];
                case "setHeader", "addHeader" ->
                    responseHeaders.put((String) args[0], (String) args[1]);
                case "setContentLengthLong" ->
                    responseHeaders.put("Content-Length", args[0].toString());
                case "getOutputStream" -> {
                  return stream;
                }
                case "getWriter" -> {
                  return writer;
                }
                default -> {}
              }
              return null;
            });
  }

  private static Map<String, String[]> toArrays(Map<String, String> parameters) {
    Map<String, String[]> arrays = new HashMap<>();
    parameters.forEach((k, v) -> arrays.put(k, new String[] {v}));
    return arrays;
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
}
