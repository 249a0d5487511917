package org.switchboard.core.api.interaction;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Says who the customer of a new interaction is, before the interaction is stored, so that the ACD
 * already routes it with the customer's priority and history. Registered as an OSGi service (the
 * CRM registers one); the core asks the resolvers in service ranking order when a channel opens an
 * interaction without a {@code customerRef} and takes the first match.
 *
 * <p>The core waits a bounded time for an answer (configuration {@code
 * org.switchboard.core/customerLookupTimeout}); an interaction whose resolver is too slow or fails
 * opens without a customer. Implementations should answer from memory and must be thread-safe.
 *
 * @since 1.4
 */
@ConsumerType
public interface CustomerResolver {

  /**
   * The customer the contact described by {@code request} comes from, if known.
   *
   * @param request what the channel knows; its {@code from} is the customer's address for inbound
   *     contacts, its {@code to} for outbound ones
   */
  Optional<CustomerMatch> resolve(OpenInteraction request);
}
