package org.switchboard.core.api;

import java.util.regex.Pattern;

/**
 * The kind of channel an interaction arrives on. Open-ended so that partner plugins can add
 * channels (e.g. {@code whatsapp}); the built-in ones are constants here.
 *
 * @param id lower-case identifier: letters, digits and dashes, 1 to 32 characters
 */
public record ChannelType(String id) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public static final ChannelType VOICE = new ChannelType("voice");
  public static final ChannelType CHAT = new ChannelType("chat");
  public static final ChannelType EMAIL = new ChannelType("email");
  public static final ChannelType SMS = new ChannelType("sms");
  public static final ChannelType SOCIAL = new ChannelType("social");

  public ChannelType {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ValidationException(
          "channel",
          "must be 1-32 lower-case letters, digits or dashes starting with a letter, got '"
              + id
              + "'");
    }
  }

  /** Parses an id as written by users and APIs; same rules as the constructor. */
  public static ChannelType of(String id) {
    return new ChannelType(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
