package org.switchboard.channel.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.conversation.AttachmentStore;
import org.switchboard.platform.web.StaticFiles;

/**
 * The widget's HTTP side at {@code /chat/}: the widget file itself, the availability check and the
 * long-polling transport ({@code POST /chat/api/poll}). Cross-origin calls are answered for the
 * configured origins only.
 */
@Component(
    service = Servlet.class,
    property = {
      "osgi.http.whiteboard.servlet.pattern=/chat/*",
      "osgi.http.whiteboard.servlet.name=switchboard-webchat",
      "osgi.http.whiteboard.servlet.asyncSupported=true"
    })
public class ChatServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Largest poll body: a few frames. */
  static final int MAX_BODY = 64 * 1024;

  /** Frames one poll may carry. */
  static final int MAX_FRAMES = 20;

  /** How long a poll waits for frames. */
  static final long WAIT_MILLIS = 25_000;

  private static final String ATTACHMENTS = "/api/attachments";

  private final transient WebChat chat;
  private final transient ChatRequests requests;
  private final transient ChatAttachments attachments;
  private final transient StaticFiles files =
      new StaticFiles(ChatServlet.class.getClassLoader(), "web");

  @Activate
  public ChatServlet(@Reference WebChat chat, @Reference AttachmentStore files) {
    this.chat = chat;
    this.requests = new ChatRequests(chat);
    this.attachments = new ChatAttachments(chat, requests, files);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
    if (path.equals("/api/availability")) {
      if (cors(req, resp)) {
        availability(req, resp);
      }
      return;
    }
    if (path.startsWith(ATTACHMENTS + "/")) {
      if (cors(req, resp)) {
        try {
          attachments.download(req, resp, path.substring(ATTACHMENTS.length() + 1));
        } catch (ChatAttachments.Refused e) {
          refuse(resp, e);
        }
      }
      return;
    }
    Optional<StaticFiles.File> file = files.find(path.substring(1));
    if (file.isEmpty()) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Cache-Control", "max-age=300");
    resp.setHeader("ETag", file.get().etag());
    if (file.get().etag().equals(req.getHeader("If-None-Match"))) {
      resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    resp.setContentType(file.get().contentType());
    resp.getOutputStream().write(file.get().content());
  }

  @Override
  protected void doOptions(HttpServletRequest req, HttpServletResponse resp) {
    if (cors(req, resp)) {
      resp.setHeader("Access-Control-Allow-Methods", "GET, POST");
      resp.setHeader("Access-Control-Allow-Headers", "Content-Type, X-Chat-Token, X-File-Name");
      resp.setHeader("Access-Control-Max-Age", "600");
      resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (ATTACHMENTS.equals(req.getPathInfo())) {
      if (cors(req, resp)) {
        try {
          json(resp, 201, attachments.upload(req));
        } catch (ChatAttachments.Refused e) {
          refuse(resp, e);
        }
      }
      return;
    }
    if (!"/api/poll".equals(req.getPathInfo())) {
      json(resp, 404, "{\"error\":\"not-found\",\"message\":\"no such chat endpoint\"}");
      return;
    }
    if (!cors(req, resp)) {
      return;
    }
    JsonNode body;
    try {
      body = Frames.JSON.readTree(limited(req.getInputStream()));
    } catch (IOException e) {
      json(
          resp, 400, "{\"error\":\"malformed\",\"message\":\"the body is not JSON or too large\"}");
      return;
    }
    if (body == null || !body.isObject()) {
      json(resp, 400, "{\"error\":\"malformed\",\"message\":\"the body is a JSON object\"}");
      return;
    }
    poll(req, resp, body);
  }

  private void poll(HttpServletRequest req, HttpServletResponse resp, JsonNode body)
      throws IOException {
    List<String> replies = new ArrayList<>();
    Visitor collector = replies::add;
    ChatSession bound = null;
    if (body.hasNonNull("chat")) {
      try {
        bound = requests.authenticate(body.path("chat").asText(), body.path("token").asText(null));
        bound.seen(chat.clock.instant());
      } catch (FrameException e) {
        replies.add(Frames.write(Frames.error(e)));
        answer(resp, new ChatSession.Pending(0, List.of(), false), replies);
        return;
      }
    }
    JsonNode frames = body.path("frames");
    if (frames.size() > MAX_FRAMES) {
      replies.add(
          Frames.write(
              Frames.error(new FrameException("too-large", "at most " + MAX_FRAMES + " frames"))));
    } else {
      for (JsonNode frame : frames) {
        bound = requests.handle(collector, bound, frame.toString());
      }
    }
    if (bound == null) {
      answer(resp, new ChatSession.Pending(0, List.of(), false), replies);
      return;
    }
    long cursor = body.path("cursor").asLong(0);
    ChatSession.Pending pending = bound.after(cursor);
    if (!replies.isEmpty() || !pending.frames().isEmpty() || pending.reset()) {
      answer(resp, pending, replies);
      return;
    }
    await(req, bound, cursor);
  }

  /** Parks the request until the chat has a frame after {@code cursor}, or 25 s pass. */
  private void await(HttpServletRequest req, ChatSession session, long cursor) {
    AsyncContext async = req.startAsync();
    async.setTimeout(WAIT_MILLIS + 5_000);
    ChatSession.Waiter waiter =
        new ChatSession.Waiter() {
          private boolean done;

          @Override
          public synchronized void wake() {
            if (done) {
              return;
            }
            done = true;
            try {
              answer((HttpServletResponse) async.getResponse(), session.after(cursor), List.of());
            } catch (IOException e) {
              // The customer's browser went away; its next poll resumes.
            } finally {
              async.complete();
            }
          }
        };
    async.addListener(
        new AsyncListener() {
          @Override
          public void onTimeout(AsyncEvent event) {
            session.forget(waiter);
            waiter.wake();
          }

          @Override
          public void onError(AsyncEvent event) {
            session.forget(waiter);
          }

          @Override
          public void onComplete(AsyncEvent event) {
            session.forget(waiter);
          }

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
    if (!session.await(cursor, waiter)) {
      waiter.wake();
      return;
    }
    chat.scheduleWake(waiter, WAIT_MILLIS);
  }

  private void availability(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String entry = Optional.ofNullable(req.getParameter("entry")).orElse("web");
    boolean known = chat.settings.entries().containsKey(entry);
    boolean staffed =
        known
            && chat.agents.list().stream()
                .anyMatch(
                    a ->
                        a.state() != AgentState.LOGGED_OUT
                            && a.capacity()
                                    .getOrDefault(org.switchboard.core.api.ChannelType.CHAT, 0)
                                > 0);
    java.time.Duration wait = staffed ? chat.expectedWaitToJoin(entry) : null;
    json(
        resp,
        known ? 200 : 404,
        "{\"open\":"
            + staffed
            + ",\"expectedWait\":"
            + (wait == null ? "null" : "\"" + wait + "\"")
            + "}");
  }

  private static void answer(
      HttpServletResponse resp, ChatSession.Pending pending, List<String> replies)
      throws IOException {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"cursor\":").append(pending.cursor());
    out.append(",\"reset\":").append(pending.reset());
    out.append(",\"frames\":[");
    List<String> all = new ArrayList<>(replies);
    all.addAll(pending.frames());
    out.append(String.join(",", all)).append("]}");
    json(resp, 200, out.toString());
  }

  private static void refuse(HttpServletResponse resp, ChatAttachments.Refused e)
      throws IOException {
    var error = Frames.JSON.createObjectNode();
    error.put("error", e.code);
    error.put("message", e.getMessage());
    json(resp, e.status, Frames.write(error));
  }

  private static void json(HttpServletResponse resp, int status, String body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    resp.setHeader("Cache-Control", "no-store");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  /**
   * Same-origin requests and those from allowed origins pass (with CORS headers); others get 403.
   */
  private boolean cors(HttpServletRequest req, HttpServletResponse resp) {
    String origin = req.getHeader("Origin");
    if (origin == null || origin.equals(ownOrigin(req))) {
      return true;
    }
    if (!chat.settings.allows(origin)) {
      resp.setStatus(403);
      return false;
    }
    resp.setHeader("Access-Control-Allow-Origin", origin);
    resp.setHeader("Vary", "Origin");
    return true;
  }

  private static String ownOrigin(HttpServletRequest req) {
    return req.getScheme() + "://" + req.getHeader("Host");
  }

  private static byte[] limited(InputStream in) throws IOException {
    byte[] data = in.readNBytes(MAX_BODY + 1);
    if (data.length > MAX_BODY) {
      throw new IOException("body over " + MAX_BODY + " bytes");
    }
    return data;
  }
}
