package org.switchboard.crm.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.switchboard.core.api.ValidationException;

/**
 * What a customer is made of, to create one or to replace one's data.
 *
 * @param name how agents see the customer, 1-200 characters
 * @param tier the service tier, e.g. {@code standard}, {@code gold}, {@code vip} (a short id; null
 *     is {@code standard})
 * @param priority added to the priority of the customer's interactions, 0-100
 * @param tags free labels, at most {@link #MAX_TAGS} of at most 40 characters
 * @param consents what the customer agreed to or refused, e.g. {@code recording=false}
 * @param identities the customer's addresses, at most {@link #MAX_IDENTITIES}
 */
public record CustomerDraft(
    String name,
    String tier,
    int priority,
    Set<String> tags,
    Map<String, Boolean> consents,
    List<Identity> identities) {
  public static final int MAX_TAGS = 50;
  public static final int MAX_IDENTITIES = 50;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

  public CustomerDraft {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new ValidationException("name", "1 to 200 characters are required");
    }
    name = name.strip();
    tier = tier == null || tier.isBlank() ? "standard" : tier.strip();
    require("tier", tier);
    if (priority < 0 || priority > 100) {
      throw new ValidationException("priority", "must be between 0 and 100, got " + priority);
    }
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    if (tags.size() > MAX_TAGS) {
      throw new ValidationException("tags", "at most " + MAX_TAGS + " tags");
    }
    tags.forEach(t -> require("tags", t));
    consents = consents == null ? Map.of() : Map.copyOf(consents);
    consents.keySet().forEach(k -> require("consents", k));
    identities = identities == null ? List.of() : List.copyOf(identities);
    if (identities.size() > MAX_IDENTITIES) {
      throw new ValidationException("identities", "at most " + MAX_IDENTITIES + " identities");
    }
  }

  /** A customer known only by name and addresses. */
  public static CustomerDraft of(String name, Identity... identities) {
    return new CustomerDraft(name, null, 0, Set.of(), Map.of(), List.of(identities));
  }

  private static void require(String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new ValidationException(
          field,
          "'" + value + "' is not a short id (lower-case letters, digits, '.', '_', '-'; 1-40)");
    }
  }
}
