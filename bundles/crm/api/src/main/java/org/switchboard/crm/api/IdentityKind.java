package org.switchboard.crm.api;

import java.util.Locale;

/** What kind of address an identity is; each kind is normalised its own way. */
public enum IdentityKind {
  /** A phone number, kept in E.164 ({@code +4930123456}). */
  PHONE,
  /** An email address, kept in lower case. */
  EMAIL,
  /** A web chat visitor's id (the widget's visitor cookie). */
  CHAT,
  /** An id on a social network or messenger, written {@code network:id}. */
  SOCIAL;

  /** The lower-case name used in APIs and files ({@code phone}, {@code email} ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind named {@code value}, any case.
   *
   * @throws org.switchboard.core.api.ValidationException for any other value
   */
  public static IdentityKind parse(String value) {
    if (value != null) {
      for (IdentityKind k : values()) {
        if (k.name().equalsIgnoreCase(value.strip())) {
          return k;
        }
      }
    }
    throw new org.switchboard.core.api.ValidationException(
        "identity", "kind must be phone, email, chat or social, got '" + value + "'");
  }
}
