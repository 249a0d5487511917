package org.switchboard.core.api.interaction;

import java.util.Map;
import org.switchboard.core.api.ValidationException;

/** Rules for interaction attributes: small string key/value pairs set by channels, flows, CRM. */
public final class Attributes {
  /** Most attributes one interaction may carry. */
  public static final int MAX_COUNT = 64;

  /** Longest attribute value, in characters. */
  public static final int MAX_VALUE_LENGTH = 1024;

  /** Where to call the customer back, set by {@code InteractionService.requestCallback}. */
  public static final String CALLBACK_ADDRESS = "callback.address";

  /** When the customer asked for a callback (ISO-8601). */
  public static final String CALLBACK_REQUESTED_AT = "callback.requestedAt";

  /**
   * Not to be offered before this instant (ISO-8601), e.g. a callback the customer wants at three
   * o'clock or the next attempt of one that found the line busy; the ACD keeps its place and offers
   * it once the time has come. An unreadable value is ignored.
   *
   * @since 1.3
   */
  public static final String CALLBACK_NOT_BEFORE = "callback.notBefore";

  /**
   * How many times the channel has tried to reach the customer for this callback.
   *
   * @since 1.3
   */
  public static final String CALLBACK_ATTEMPTS = "callback.attempts";

  /**
   * Customer priority 0-100 set by CRM or IVR; the ACD adds it to the queue priority of the
   * interaction (capped at 100).
   */
  public static final String CUSTOMER_PRIORITY = "customerPriority";

  /** {@code true} for VIP customers; the ACD raises their priority by its configured VIP boost. */
  public static final String VIP = "vip";

  /**
   * The agent who last transferred the interaction to a queue, set by the core; the ACD does not
   * offer it straight back to them.
   *
   * @since 1.2
   */
  public static final String TRANSFERRED_FROM = "transfer.fromAgent";

  private Attributes() {}

  /** Validates and copies attributes; null becomes empty. */
  public static Map<String, String> checked(Map<String, String> attributes) {
    if (attributes == null) {
      return Map.of();
    }
    if (attributes.size() > MAX_COUNT) {
      throw new ValidationException("attributes", "at most " + MAX_COUNT + " entries allowed");
    }
    attributes.forEach(
        (k, v) -> {
          if (!isKey(k)) {
            throw new ValidationException(
                "attributes", "key '" + k + "' must be 1-64 letters, digits, '.', '_' or '-'");
          }
          if (v == null || v.length() > MAX_VALUE_LENGTH) {
            throw new ValidationException(
                "attributes." + k,
                "must be a string of at most " + MAX_VALUE_LENGTH + " characters");
          }
        });
    return Map.copyOf(attributes);
  }

  /**
   * A letter, then up to 63 letters, digits, '.', '_' or '-' (ASCII). Checked by hand, not by a
   * regular expression: every interaction built checks all its keys, and the matcher was a
   * measurable part of a call's CPU.
   */
  private static boolean isKey(String k) {
    if (k == null || k.isEmpty() || k.length() > 64 || !isLetter(k.charAt(0))) {
      return false;
    }
    for (int i = 1; i < k.length(); i++) {
      char ch = k.charAt(i);
      if (!isLetter(ch) && !(ch >= '0' && ch <= '9') && ch != '.' && ch != '_' && ch != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
  }
}
