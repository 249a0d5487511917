package org.switchboard.crm.builtin;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;
import org.switchboard.core.api.ValidationException;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;

/** How identities are normalised: phone numbers by libphonenumber to E.164, emails lower-cased. */
final class Identities {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
  private final String region;

  /**
   * @param region ISO 3166 region for numbers without a country code; empty refuses them
   */
  Identities(String region) {
    String r = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
    if (!r.isEmpty() && !phones.getSupportedRegions().contains(r)) {
      throw new IllegalArgumentException(
          "defaultRegion '" + region + "' is not an ISO 3166 region");
    }
    this.region = r.isEmpty() ? null : r;
  }

  Identity normalize(IdentityKind kind, String value) {
    if (kind == null || value == null || value.isBlank()) {
      throw new ValidationException("identity", "a kind and a value are required");
    }
    String v = value.strip();
    return switch (kind) {
      case PHONE -> new Identity(kind, phone(v));
      case EMAIL -> new Identity(kind, email(v));
      case CHAT, SOCIAL -> new Identity(kind, v);
    };
  }

  Identity normalize(Identity identity) {
    return normalize(identity.kind(), identity.value());
  }

  private String phone(String value) {
    try {
      PhoneNumber n = phones.parse(value, region);
      if (!phones.isPossibleNumber(n)) {
        throw new ValidationException("identity", "'" + value + "' is not a possible phone number");
      }
      return phones.format(n, PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw new ValidationException(
          "identity",
          "'"
              + value
              + "' is not a phone number"
              + (region == null ? " in international form (+country code)" : "")
              + ": "
              + e.getMessage());
    }
  }

  private static String email(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(v).matches() || v.length() > 254) {
      throw new ValidationException("identity", "'" + value + "' is not an email address");
    }
    return v;
  }
}
