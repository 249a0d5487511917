package org.switchboard.integration.erp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How the integration routes reach the embedded broker, PID {@code org.switchboard.integration}.
 */
@ObjectClassDefinition(
    name = "Switchboard integration",
    description = "The Camel context of the outbound integrations and its broker connection.")
public @interface IntegrationConfig {
  @AttributeDefinition(
      description =
          "AMQP URL of the broker whose switchboard.events address the routes consume; empty:"
              + " the embedded broker (port from the system property switchboard.artemis.amqp.port,"
              + " default 5672).")
  String brokerUrl() default "";
}
