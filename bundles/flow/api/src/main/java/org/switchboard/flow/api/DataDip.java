package org.switchboard.flow.api;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A named lookup in an external system (CRM, order system, ERP) that flows call from their {@code
 * data} nodes, e.g. the status of an order or whether a caller is a VIP.
 *
 * <p>Registered as an OSGi service with the property {@value #NAME_PROPERTY}; the flow engine picks
 * dips up and drops them dynamically. {@link #lookup} must return at once: the work runs
 * asynchronously and completes the stage. The engine applies its own timeout; a stage that fails or
 * completes late sends the flow down the node's error path.
 */
@ConsumerType
public interface DataDip {

  /** Service property naming the dip, as flows refer to it. */
  String NAME_PROPERTY = "dip.name";

  /**
   * Looks data up.
   *
   * @param input the node's input values, variables already substituted
   * @return a stage completed with flat key/value results, or exceptionally when the lookup failed
   */
  CompletionStage<Map<String, String>> lookup(Map<String, String> input);
}
