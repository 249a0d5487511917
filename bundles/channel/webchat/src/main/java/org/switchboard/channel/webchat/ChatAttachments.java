package org.switchboard.channel.webchat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.conversation.Attachment;
import org.switchboard.core.api.conversation.AttachmentStore;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.NewMessage;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Visibility;
import org.switchboard.platform.web.ContentCheck;

/**
 * Files customers send in a chat ({@code POST /chat/api/attachments?chat=…}) and fetch back ({@code
 * GET /chat/api/attachments/{id}?chat=…}), both with the chat's token in {@code X-Chat-Token}. A
 * file is accepted only when its type is allowed, its size within the limit and its first bytes
 * match its type.
 */
final class ChatAttachments {
  /** A refused request: its HTTP status and the error code of the widget protocol. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    Refused(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  private final WebChat chat;
  private final ChatRequests requests;
  private final AttachmentStore files;

  ChatAttachments(WebChat chat, ChatRequests requests, AttachmentStore files) {
    this.chat = chat;
    this.requests = requests;
    this.files = files;
  }

  /** Stores the request body as an attachment and returns the message frame of it. */
  String upload(HttpServletRequest req) throws Refused, IOException {
    ChatSession s = session(req);
    if (s.ended()) {
      throw new Refused(409, "chat-ended", "this chat is over");
    }
    String type = mediaType(req.getContentType());
    if (!chat.settings.attachmentTypes().contains(type)) {
      throw new Refused(
          415, "unsupported-type", "files of type '" + type + "' are not accepted here");
    }
    long max = chat.settings.attachmentMaxBytes();
    if (req.getContentLengthLong() > max) {
      throw new Refused(413, "too-large", "files are limited to " + max + " bytes");
    }
    if (!s.allowMessage(chat.settings.messagesPerMinute(), chat.clock.instant())) {
      throw new Refused(429, "rate-limited", "too many messages; wait a minute");
    }
    InputStream body = req.getInputStream();
    byte[] prefix = body.readNBytes(ContentCheck.PREFIX);
    if (!ContentCheck.matches(type, prefix, prefix.length)) {
      throw new Refused(415, "unsupported-type", "the file's content is not " + type);
    }
    Attachment a;
    try {
      a =
          files.store(
              s.id(),
              fileName(req.getHeader("X-File-Name")),
              type,
              new SequenceInputStream(new ByteArrayInputStream(prefix), body),
              max);
    } catch (ValidationException e) {
      throw new Refused(413, "too-large", "files are limited to " + max + " bytes");
    } catch (SwitchboardException e) {
      throw new Refused(409, "chat-ended", e.getMessage());
    }
    Message m =
        chat.conversations.append(
            s.id(), new NewMessage(Party.CUSTOMER, s.chat.name(), null, "", a, Visibility.ALL));
    return Frames.write(Frames.message(m));
  }

  /** Streams an attachment of the caller's chat. */
  void download(HttpServletRequest req, HttpServletResponse resp, String attachmentId)
      throws Refused, IOException {
    ChatSession s = session(req);
    Optional<AttachmentStore.StoredAttachment> file = files.find(s.id(), attachmentId);
    if (file.isEmpty()) {
      throw new Refused(404, "not-found", "no such attachment in this chat");
    }
    send(resp, file.get());
  }

  /**
   * Sends a stored file as a download that a browser never renders in the page: the type it was
   * checked as, {@code nosniff}, a sandboxing policy.
   */
  static void send(HttpServletResponse resp, AttachmentStore.StoredAttachment file)
      throws IOException {
    Attachment a = file.attachment();
    resp.setContentType(a.contentType());
    resp.setContentLengthLong(a.size());
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    resp.setHeader("Cache-Control", "private, no-store");
    resp.setHeader(
        "Content-Disposition",
        "attachment; filename*=UTF-8''"
            + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    try (InputStream in = file.open();
        OutputStream out = resp.getOutputStream()) {
      in.transferTo(out);
    }
  }

  private ChatSession session(HttpServletRequest req) throws Refused {
    try {
      return requests.authenticate(req.getParameter("chat"), req.getHeader("X-Chat-Token"));
    } catch (FrameException e) {
      throw new Refused(403, e.code, e.getMessage());
    }
  }

  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static String fileName(String header) {
    if (header == null || header.isBlank()) {
      return "attachment";
    }
    try {
      return URLDecoder.decode(header, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "attachment";
    }
  }
}
