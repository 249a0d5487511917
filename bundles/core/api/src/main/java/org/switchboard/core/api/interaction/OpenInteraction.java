package org.switchboard.core.api.interaction;

import java.util.Map;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;

/**
 * What a channel knows when a contact arrives: the request to open an interaction.
 *
 * @param channel channel type, required
 * @param channelRef the channel's own id (e.g. SIP Call-ID); when given, opening twice with the
 *     same channel and ref returns the existing interaction instead of a duplicate
 * @param direction required
 * @param from the customer's (inbound) or company's (outbound) address, required
 * @param to the address contacted, required
 * @param customerRef known customer record id, may be null
 * @param attributes initial attributes, may be null
 */
public record OpenInteraction(
    ChannelType channel,
    String channelRef,
    Direction direction,
    String from,
    String to,
    String customerRef,
    Map<String, String> attributes) {

  /** Longest address or reference accepted, in characters. */
  public static final int MAX_ADDRESS_LENGTH = 256;

  public OpenInteraction {
    Identifiers.require("channel", channel);
    Identifiers.require("direction", direction);
    from = requireAddress("from", from);
    to = requireAddress("to", to);
    if (channelRef != null) {
      channelRef = requireAddress("channelRef", channelRef);
    }
    if (customerRef != null) {
      customerRef = requireAddress("customerRef", customerRef);
    }
    attributes = Attributes.checked(attributes);
  }

  private static String requireAddress(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, "is required");
    }
    if (value.length() > MAX_ADDRESS_LENGTH) {
      throw new ValidationException(field, "must be at most " + MAX_ADDRESS_LENGTH + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new ValidationException(field, "must not contain control characters");
    }
    return value.strip();
  }
}
