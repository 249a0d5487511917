package org.switchboard.crm.api;

import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.core.api.interaction.Interaction;

/**
 * The merged view of a customer across the built-in CRM and the external connectors: what the agent
 * desktop pops up with an interaction.
 *
 * @since 1.1
 */
@ProviderType
public interface CustomerDirectory {

  /**
   * The customer of an interaction: the built-in record of its {@code customerRef} (or of its
   * addresses), and every connector's record for the customer's identities, asked in parallel, each
   * within its own time limit.
   */
  CustomerView screenPop(Interaction interaction);
}
