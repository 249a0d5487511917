package org.switchboard.core.api.interaction;

import java.util.Map;
import org.switchboard.core.api.ValidationException;

/**
 * A customer found for a new interaction.
 *
 * @param customerRef the customer record's id, stored as the interaction's {@code customerRef}
 * @param attributes attributes the interaction gets from the customer, such as {@link
 *     Attributes#CUSTOMER_PRIORITY} and {@link Attributes#VIP}; the channel's own attributes win
 *     over these
 * @since 1.4
 */
public record CustomerMatch(String customerRef, Map<String, String> attributes) {
  public CustomerMatch {
    if (customerRef == null || customerRef.isBlank()) {
      throw new ValidationException("customerRef", "is required");
    }
    attributes = Attributes.checked(attributes);
  }
}
