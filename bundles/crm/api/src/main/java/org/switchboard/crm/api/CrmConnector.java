package org.switchboard.crm.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An external CRM the appliance asks about customers, registered as an OSGi service with {@link
 * #NAME}. Connectors are hot-swappable bundles (the generic REST connector is one); the built-in
 * CRM is asked first, then the connectors by service ranking. Calls come from the threads of new
 * interactions and screen pops: an implementation must bound its own time (a timeout on every
 * remote call) and be thread-safe.
 *
 * @since 1.1
 */
@ConsumerType
public interface CrmConnector {
  /**
   * Service property: the connector's name, letters, digits and dashes; it prefixes the {@code
   * customerRef} of customers only this connector knows ({@code <name>:<their id>}).
   */
  String NAME = "switchboard.crm.connector";

  /**
   * The connector's record of the customer who has one of these identities, trying them in order.
   *
   * @param identities normalised identities, most specific first
   * @return empty when the CRM knows none of them
   * @throws CrmUnavailableException when the CRM cannot be asked (down, timeout, refused)
   */
  Optional<ExternalCustomer> lookup(List<Identity> identities) throws CrmUnavailableException;
}
