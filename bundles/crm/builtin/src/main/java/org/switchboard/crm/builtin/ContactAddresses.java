package org.switchboard.crm.builtin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;

/**
 * The customer's addresses of a contact, as identities: the address they called or wrote from
 * (inbound) or were reached at (outbound), read as the channel's kind of address, and the email a
 * chat visitor gave in the pre-chat form. Addresses that are no valid identity (an anonymous
 * caller, a chat visitor without an email) are left out.
 */
final class ContactAddresses {
  /** The attribute with the email a chat visitor gave. */
  static final String CHAT_EMAIL = "chat.email";

  private ContactAddresses() {}

  static List<Identity> of(
      CustomerService crm,
      ChannelType channel,
      Direction direction,
      String from,
      String to,
      Map<String, String> attributes) {
    String address = direction == Direction.OUTBOUND ? to : from;
    Set<Identity> found = new LinkedHashSet<>();
    IdentityKind kind = kindOf(channel, address);
    if (kind != null) {
      add(found, crm, kind, address);
    }
    String email = attributes.get(CHAT_EMAIL);
    if (email != null) {
      add(found, crm, IdentityKind.EMAIL, email);
    }
    return List.copyOf(found);
  }

  private static IdentityKind kindOf(ChannelType channel, String address) {
    if (channel.equals(ChannelType.VOICE) || channel.equals(ChannelType.SMS)) {
      return IdentityKind.PHONE;
    }
    if (channel.equals(ChannelType.EMAIL)) {
      return IdentityKind.EMAIL;
    }
    if (channel.equals(ChannelType.SOCIAL)) {
      return IdentityKind.SOCIAL;
    }
    return address != null && address.contains("@") ? IdentityKind.EMAIL : null;
  }

  private static void add(Set<Identity> found, CustomerService crm, IdentityKind kind, String v) {
    try {
      found.add(crm.normalize(kind, v));
    } catch (ValidationException e) {
      // not an address of that kind (anonymous, withheld, a visitor label): nothing to look up
    }
  }
}
