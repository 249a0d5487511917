package org.switchboard.integration.erp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One outbound webhook: factory PID {@code org.switchboard.integration.webhook}, a file {@code
 * etc/org.switchboard.integration.webhook-<name>.cfg} each.
 */
@ObjectClassDefinition(
    name = "Switchboard webhook",
    description = "Core events POSTed to an external system, signed, with retries and dead-letter.")
public @interface WebhookConfig {
  @AttributeDefinition(description = "Name: letters, digits, dashes.")
  String name();

  @AttributeDefinition(description = "The http(s) URL the events are POSTed to.")
  String url();

  @AttributeDefinition(
      description =
          "Event types, comma-separated; a trailing * takes a prefix"
              + " (org.switchboard.interaction.*).")
  String[] types();

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description = "HMAC-SHA256 secret for the X-Switchboard-Signature header; empty: unsigned.")
  String secret() default "";

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description = "Sent as the Authorization header; empty: none.")
  String authorization() default "";

  @AttributeDefinition(description = "Longest wait for the target's answer, in milliseconds.")
  int timeout() default 5000;

  @AttributeDefinition(description = "Attempts before a message goes to the dead-letter queue.")
  int maxAttempts() default 8;

  @AttributeDefinition(description = "Pause before the first retry (ms); it doubles each time.")
  int firstRetry() default 1000;

  @AttributeDefinition(description = "Longest pause between attempts (ms).")
  int maxRetry() default 60000;
}
