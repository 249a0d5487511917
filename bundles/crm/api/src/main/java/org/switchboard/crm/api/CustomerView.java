package org.switchboard.crm.api;

import java.util.List;
import java.util.Map;

/**
 * Everything known about the customer of an interaction, for the agent's screen pop: the built-in
 * record, what each external CRM says, and which CRMs could not be asked.
 *
 * @param customerRef the interaction's customer reference, null when unknown
 * @param customer the built-in CRM's record, null when it has none
 * @param external the external CRMs' records, in connector order
 * @param unavailable connector name to why it could not answer
 * @since 1.1
 */
public record CustomerView(
    String customerRef,
    Customer customer,
    List<ExternalCustomer> external,
    Map<String, String> unavailable) {
  public CustomerView {
    external = List.copyOf(external);
    unavailable = Map.copyOf(unavailable);
  }
}
