package org.switchboard.ops.rest;

import java.util.HashMap;
import java.util.Map;
import org.switchboard.core.api.interaction.Interaction;

/** What the customer-orders dip is told about an interaction. */
final class OrderQuestions {
  private OrderQuestions() {}

  /**
   * The interaction's attributes (e.g. an order number the IVR collected, {@code chat.email}), then
   * its fixed facts, which win over attributes of the same name: {@code interactionId}, {@code
   * channel}, {@code from}, {@code to}, {@code customerRef}, {@code customerName}, and the
   * customer's {@code phone} (calls and SMS) or {@code email} (emails, and chats whose pre-chat
   * form gave one).
   */
  static Map<String, String> about(Interaction i) {
    Map<String, String> input = new HashMap<>(i.attributes());
    put(input, "interactionId", i.id());
    put(input, "channel", i.channel().id());
    put(input, "from", i.from());
    put(input, "to", i.to());
    put(input, "customerRef", i.customerRef());
    put(input, "customerName", i.attributes().get("customer.name"));
    String channel = i.channel().id();
    if (channel.equals("voice") || channel.equals("sms")) {
      put(input, "phone", i.from());
    }
    put(input, "email", channel.equals("email") ? i.from() : i.attributes().get("chat.email"));
    return input;
  }

  private static void put(Map<String, String> input, String key, String value) {
    if (value != null) {
      input.put(key, value);
    }
  }
}
