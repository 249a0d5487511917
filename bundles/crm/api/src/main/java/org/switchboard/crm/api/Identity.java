package org.switchboard.crm.api;

import org.switchboard.core.api.ValidationException;

/**
 * One address of a customer. Values are compared as normalised by the CRM (see {@link
 * CustomerService#normalize}); build them with that method from what a channel saw.
 *
 * @param kind what kind of address
 * @param value the address, at most {@link #MAX_LENGTH} characters
 */
public record Identity(IdentityKind kind, String value) {
  /** Longest value kept (an email address may have 254 characters, a social id a little more). */
  public static final int MAX_LENGTH = 320;

  public Identity {
    if (kind == null) {
      throw new ValidationException("identity", "a kind is required");
    }
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      throw new ValidationException(
          "identity", "a value of 1 to " + MAX_LENGTH + " characters is required");
    }
  }

  /**
   * An identity written {@code kind:value} ({@code phone:+4930123456}, {@code
   * email:li@example.com}, {@code social:wechat:li-wei}).
   *
   * @throws ValidationException when there is no kind before the first colon
   */
  public static Identity parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 1) {
      throw new ValidationException(
          "identity", "write it kind:value, e.g. phone:+4930123456, got '" + text + "'");
    }
    return new Identity(IdentityKind.parse(text.substring(0, colon)), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return kind.id() + ":" + value;
  }
}
