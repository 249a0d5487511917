package org.switchboard.channel.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.conversation.ConversationService;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.NewMessage;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Receipt;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;

/**
 * Serves the customer's frames (docs/webchat.md), whichever transport carried them. Every problem
 * becomes an {@code error} frame to the sender; nothing a customer sends can end another chat or
 * break the channel.
 */
final class ChatRequests {
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebChat chat;

  ChatRequests(WebChat chat) {
    this.chat = chat;
  }

  /**
   * Handles one frame from {@code visitor}, whose connection is bound to {@code bound} (null before
   * start/resume), and returns the session the connection is bound to afterwards.
   */
  ChatSession handle(Visitor visitor, ChatSession bound, String text) {
    try {
      JsonNode frame = Frames.parse(text);
      String type = frame.get("type").asText();
      return switch (type) {
        case "ping" -> {
          visitor.reply(Frames.write(Frames.frame("pong")));
          yield bound;
        }
        case "start" -> start(visitor, frame);
        case "resume" -> resume(visitor, frame);
        case "offline" -> {
          offline(visitor, frame);
          yield bound;
        }
        case "message", "typing", "delivered", "read", "end", "rating" -> {
          inChat(visitor, live(bound), type, frame);
          yield bound;
        }
        default -> throw new FrameException("unknown-type", "unknown frame type '" + type + "'");
      };
    } catch (FrameException e) {
      visitor.reply(Frames.write(Frames.error(e)));
    } catch (ValidationException e) {
      visitor.reply(
          Frames.write(
              Frames.error(new FrameException("invalid", e.getMessage(), e.field(), null))));
    } catch (SwitchboardException e) {
      visitor.reply(Frames.write(Frames.error(new FrameException("chat-ended", e.getMessage()))));
    }
    return bound;
  }

  /** Finds and checks the session named by a poll request or resume frame. */
  ChatSession authenticate(String chatId, String token) {
    if (chatId == null || token == null) {
      throw new FrameException("unknown-chat", "chat and token are required");
    }
    Optional<ChatSession> live = chat.session(chatId);
    ChatStore.StoredChat stored =
        live.map(s -> s.chat).or(() -> chat.store.find(chatId)).orElse(null);
    if (stored == null || !MessageDigest.isEqual(bytes(hash(token)), bytes(stored.tokenHash()))) {
      throw new FrameException("unknown-chat", "no chat with that id and token");
    }
    if (live.isPresent()) {
      return live.get();
    }
    chat.context()
        .find(chatId)
        .filter(x -> !WebChat.ended(x))
        .orElseThrow(() -> new FrameException("chat-ended", "this chat is over"));
    return chat.register(stored);
  }

  private ChatSession start(Visitor visitor, JsonNode f) {
    String entry = Optional.ofNullable(Frames.text(f, "entry", 64, false)).orElse("web");
    String queue = chat.settings.entries().get(entry);
    if (queue == null) {
      throw new FrameException("invalid", "unknown entry '" + entry + "'", "entry", null);
    }
    String name = Frames.text(f, "name", 100, true);
    String email = email(f);
    String topic = Frames.text(f, "topic", 200, false);
    String language = language(f);
    String first = Frames.text(f, "text", chat.settings.maxMessageChars(), false);
    String clientId = first == null ? null : clientId(f);
    if (chat.openSessions() >= chat.settings.maxSessions()) {
      throw new FrameException("unavailable", "too many chats at once; try again in a minute");
    }
    Map<String, String> attributes = visitorAttributes(entry, name, email, language);
    if (topic != null) {
      attributes.put("chat.topic", topic);
    }
    String token = newToken();
    Interaction opened = open(entry, email, attributes);
    ChatStore.StoredChat stored =
        new ChatStore.StoredChat(opened.id(), hash(token), entry, name, email, language, false);
    chat.store.insert(stored, chat.clock.instant());
    ChatSession s = chat.register(stored);
    ObjectNode started = Frames.frame("started");
    started.put("chat", opened.id());
    started.put("token", token);
    visitor.reply(Frames.write(started));
    if (first != null) {
      s.allowMessage(chat.settings.messagesPerMinute(), chat.clock.instant());
      Message m = append(s, clientId, first);
      visitor.reply(Frames.write(Frames.ack(m)));
    }
    Interaction queued = chat.context().enqueue(opened.id(), QueueRequest.to(queue));
    visitor.reply(s.told(Frames.write(chat.status(queued))));
    return s;
  }

  private ChatSession resume(Visitor visitor, JsonNode f) {
    ChatSession s =
        authenticate(Frames.text(f, "chat", 64, true), Frames.text(f, "token", 200, true));
    long after = Math.max(0, f.path("after").asLong(0));
    Interaction i = chat.context().find(s.id()).orElseThrow();
    ObjectNode resumed = Frames.frame("resumed");
    resumed.put("chat", s.id());
    visitor.reply(Frames.write(resumed));
    while (true) {
      List<Message> page = chat.conversations.history(s.id(), after, ConversationService.MAX_PAGE);
      for (Message m : page) {
        if (m.customerVisible()) {
          visitor.reply(Frames.write(Frames.message(m)));
        }
        after = m.seq();
      }
      if (page.size() < ConversationService.MAX_PAGE) {
        break;
      }
    }
    visitor.reply(s.told(Frames.write(chat.status(i))));
    s.seen(chat.clock.instant());
    return s;
  }

  private void offline(Visitor visitor, JsonNode f) {
    String entry = Optional.ofNullable(Frames.text(f, "entry", 64, false)).orElse("web");
    String queue = chat.settings.entries().get(entry);
    if (queue == null) {
      throw new FrameException("invalid", "unknown entry '" + entry + "'", "entry", null);
    }
    String name = Frames.text(f, "name", 100, true);
    String email = email(f);
    if (email == null) {
      throw new FrameException(
          "invalid", "email is required for an offline message", "email", null);
    }
    String text = Frames.text(f, "text", chat.settings.maxMessageChars(), true);
    String language = language(f);
    Map<String, String> attributes = visitorAttributes(entry, name, email, language);
    attributes.put("chat.offline", "true");
    Interaction opened = open(entry, email, attributes);
    chat.store.insert(
        new ChatStore.StoredChat(opened.id(), hash(newToken()), entry, name, email, language, true),
        chat.clock.instant());
    chat.conversations.append(opened.id(), NewMessage.text(Party.CUSTOMER, name, null, text));
    chat.context().enqueue(opened.id(), QueueRequest.to(queue));
    ObjectNode received = Frames.frame("offline-received");
    received.put("interaction", opened.id());
    visitor.reply(Frames.write(received));
  }

  private void inChat(Visitor visitor, ChatSession s, String type, JsonNode f) {
    Instant now = chat.clock.instant();
    s.seen(now);
    switch (type) {
      case "message" -> {
        String clientId = clientId(f);
        String text;
        try {
          text = Frames.text(f, "text", chat.settings.maxMessageChars(), true);
        } catch (FrameException e) {
          throw new FrameException(e.code, e.getMessage(), e.field, clientId);
        }
        if (!s.allowMessage(chat.settings.messagesPerMinute(), now)) {
          throw new FrameException(
              "rate-limited",
              "at most " + chat.settings.messagesPerMinute() + " messages a minute",
              null,
              clientId);
        }
        visitor.reply(Frames.write(Frames.ack(append(s, clientId, text))));
      }
      case "typing" -> chat.conversations.typing(s.id(), Party.CUSTOMER, s.chat.name());
      case "delivered", "read" -> {
        long seq = f.path("seq").asLong(0);
        if (seq < 1) {
          throw new FrameException("invalid", "seq must be a positive number", "seq", null);
        }
        chat.conversations.receipt(
            new Receipt(
                s.id(),
                Party.CUSTOMER,
                type.equals("read") ? Receipt.Kind.READ : Receipt.Kind.DELIVERED,
                seq));
      }
      case "end" ->
          new ChatEnding(chat).end(s, chat.context().find(s.id()).orElseThrow(), "customer");
      case "rating" -> rate(visitor, s, f);
      default -> throw new IllegalStateException(type);
    }
  }

  private void rate(Visitor visitor, ChatSession s, JsonNode f) {
    int score = f.path("score").asInt(0);
    if (score < 1 || score > 5) {
      throw new FrameException("invalid", "score must be 1 to 5", "score", null);
    }
    String comment = Frames.text(f, "comment", 1000, false);
    chat.store.rated(s.id(), score, comment);
    chat.context()
        .find(s.id())
        .filter(i -> !i.state().isFinal())
        .ifPresent(
            i -> {
              Map<String, String> rating = new HashMap<>();
              rating.put("chat.rating", Integer.toString(score));
              rating.put("chat.ratingComment", comment);
              chat.context().updateAttributes(i.id(), rating);
            });
    visitor.reply(Frames.write(Frames.frame("rated")));
  }

  /** The session this connection started or resumed; rating still works after the end. */
  private static ChatSession live(ChatSession bound) {
    if (bound == null) {
      throw new FrameException("not-started", "send start or resume first");
    }
    return bound;
  }

  private Message append(ChatSession s, String clientId, String text) {
    if (s.ended()) {
      throw new FrameException("chat-ended", "this chat is over", null, clientId);
    }
    return chat.conversations.append(
        s.id(), NewMessage.text(Party.CUSTOMER, s.chat.name(), clientId, text));
  }

  private Interaction open(String entry, String email, Map<String, String> attributes) {
    return chat.context()
        .open(
            new OpenInteraction(
                ChannelType.CHAT,
                null,
                Direction.INBOUND,
                email != null ? email : "web-visitor",
                entry,
                null,
                attributes));
  }

  private static Map<String, String> visitorAttributes(
      String entry, String name, String email, String language) {
    Map<String, String> a = new HashMap<>();
    a.put("chat.entry", entry);
    a.put("chat.name", name);
    a.put("chat.language", language);
    if (email != null) {
      a.put("chat.email", email);
    }
    return a;
  }

  private static String email(JsonNode f) {
    String email = Frames.text(f, "email", 254, false);
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw new FrameException("invalid", "email is not an email address", "email", null);
    }
    return email == null ? null : email.toLowerCase(Locale.ROOT);
  }

  private static String language(JsonNode f) {
    String language = Frames.text(f, "language", 8, false);
    return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh" : "en";
  }

  private static String clientId(JsonNode f) {
    String id = f.path("clientId").asText(null);
    if (id == null || !CLIENT_ID.matcher(id).matches()) {
      throw new FrameException(
          "invalid", "clientId must be 1-64 of A-Z a-z 0-9 . _ : -", "clientId", null);
    }
    return id;
  }

  private static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String hex) {
    return hex.getBytes(StandardCharsets.US_ASCII);
  }
}
