package org.switchboard.integration.erp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A ticket (case) in the order system for each interaction closed with one of the dispositions: PID
 * {@code org.switchboard.integration.tickets}, file {@code
 * etc/org.switchboard.integration.tickets.cfg}.
 */
@ObjectClassDefinition(
    name = "Switchboard tickets",
    description = "A case in the order system when an interaction closes with a given disposition.")
public @interface TicketConfig {
  @AttributeDefinition(description = "The http(s) URL tickets are POSTed to.")
  String url();

  @AttributeDefinition(description = "Disposition codes that open a ticket, comma-separated.")
  String[] dispositions() default {"complaint"};

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description = "Sent as the Authorization header; empty: none.")
  String authorization() default "";

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description = "HMAC-SHA256 secret for the X-Switchboard-Signature header; empty: unsigned.")
  String secret() default "";

  @AttributeDefinition(description = "Longest wait for the order system's answer (ms).")
  int timeout() default 5000;

  @AttributeDefinition(description = "Attempts before a ticket goes to the dead-letter queue.")
  int maxAttempts() default 8;

  @AttributeDefinition(description = "Pause before the first retry (ms); it doubles each time.")
  int firstRetry() default 1000;

  @AttributeDefinition(description = "Longest pause between attempts (ms).")
  int maxRetry() default 60000;
}
