package org.switchboard.crm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A customer as the CRM holds them.
 *
 * @param id the CRM's id, also the {@code customerRef} of their interactions
 * @param name how agents see the customer
 * @param tier the service tier
 * @param priority added to the priority of the customer's interactions (0-100)
 * @param tags free labels
 * @param consents what the customer agreed to or refused
 * @param identities every address, normalised, by kind and value
 * @param createdAt when the customer was created
 * @param updatedAt when it last changed
 * @param version increases with every change (optimistic locking)
 */
public record Customer(
    String id,
    String name,
    String tier,
    int priority,
    Set<String> tags,
    Map<String, Boolean> consents,
    List<Identity> identities,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public Customer {
    tags = Set.copyOf(tags);
    consents = Map.copyOf(consents);
    identities =
        identities.stream()
            .sorted(java.util.Comparator.comparing(Identity::kind).thenComparing(Identity::value))
            .toList();
  }

  /** The customer's data, e.g. to change one field and {@link CustomerService#update} them. */
  public CustomerDraft draft() {
    return new CustomerDraft(name, tier, priority, tags, consents, identities);
  }
}
