package org.switchboard.channel.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.switchboard.core.api.conversation.Attachment;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.Party;

/** The JSON frames of the widget protocol (docs/webchat.md): parsing and building. */
final class Frames {
  static final ObjectMapper JSON = new ObjectMapper();

  private Frames() {}

  static JsonNode parse(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new FrameException("malformed", "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject() || !node.path("type").isTextual()) {
      throw new FrameException("malformed", "a frame is a JSON object with a string 'type'");
    }
    return node;
  }

  static ObjectNode frame(String type) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", type);
    return n;
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A required string field of at most {@code max} characters (after trimming). */
  static String text(JsonNode frame, String field, int max, boolean required) {
    JsonNode v = frame.get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      if (required) {
        throw new FrameException("invalid", field + " is required", field, null);
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new FrameException("invalid", field + " must be a string", field, null);
    }
    String s = v.asText().strip();
    if (s.length() > max) {
      throw new FrameException(
          "too-long", field + " is limited to " + max + " characters", field, null);
    }
    return s;
  }

  static ObjectNode message(Message m) {
    ObjectNode n = frame("message");
    n.put("seq", m.seq());
    // Customers see the contact center as one side: a supervisor who barges in is an agent to them.
    n.put("party", m.party() == Party.SUPERVISOR ? Party.AGENT.name() : m.party().name());
    n.put("author", m.author());
    n.put("text", m.text());
    Attachment a = m.attachment();
    if (a == null) {
      n.putNull("attachment");
    } else {
      ObjectNode an = n.putObject("attachment");
      an.put("id", a.id());
      an.put("name", a.name());
      an.put("contentType", a.contentType());
      an.put("size", a.size());
    }
    n.put("sentAt", m.sentAt().toString());
    if (m.clientId() != null && m.party() == Party.CUSTOMER) {
      n.put("clientId", m.clientId());
    }
    return n;
  }

  static ObjectNode ack(Message m) {
    ObjectNode n = frame("ack");
    n.put("clientId", m.clientId());
    n.put("seq", m.seq());
    n.put("sentAt", m.sentAt().toString());
    return n;
  }

  static ObjectNode error(FrameException e) {
    ObjectNode n = frame("error");
    n.put("code", e.code);
    n.put("message", e.getMessage());
    if (e.field != null) {
      n.put("field", e.field);
    }
    if (e.clientId != null) {
      n.put("clientId", e.clientId);
    }
    return n;
  }

  static ObjectNode status(String state, Integer position, Duration expectedWait, String agent) {
    ObjectNode n = frame("status");
    n.put("state", state);
    if (position != null) {
      n.put("position", position);
    }
    if (expectedWait != null) {
      n.put("expectedWait", expectedWait.toString());
    } else {
      n.putNull("expectedWait");
    }
    if (agent != null) {
      n.put("agent", agent);
    }
    return n;
  }
}
