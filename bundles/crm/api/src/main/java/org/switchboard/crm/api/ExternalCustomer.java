package org.switchboard.crm.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer as an external CRM holds them, mapped by its connector.
 *
 * @param connector the connector's name
 * @param id the CRM's own id of the customer
 * @param name how agents see the customer, may be null
 * @param tier the service tier, may be null
 * @param priority added to the priority of the customer's interactions (0-100), 0 when none
 * @param fields further data to show the agent (account, owner, open cases...), in order
 * @param link where the record opens in the CRM's own UI, may be null
 * @since 1.1
 */
public record ExternalCustomer(
    String connector,
    String id,
    String name,
    String tier,
    int priority,
    Map<String, String> fields,
    String link) {
  public ExternalCustomer {
    if (connector == null || connector.isBlank() || id == null || id.isBlank()) {
      throw new IllegalArgumentException("an external customer needs a connector and an id");
    }
    priority = Math.max(0, Math.min(100, priority));
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The {@code customerRef} of interactions of a customer only this CRM knows. */
  public String customerRef() {
    return connector + ":" + id;
  }
}
