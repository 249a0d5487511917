package org.switchboard.reports.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How reports count, PID {@code org.switchboard.reports}. */
@ObjectClassDefinition(
    name = "Switchboard reports",
    description = "Thresholds and service-level variants of the reports, and the projection.")
public @interface ReportsConfig {
  @AttributeDefinition(
      description = "Customers who leave within this many seconds are short abandons.")
  int shortAbandonSeconds() default 5;

  @AttributeDefinition(
      description =
          "Service-level variant of queues not listed in queueServiceLevels: ABANDONS_IGNORED,"
              + " ABANDONS_AGAINST or ABANDONS_FOR.")
  String serviceLevel() default "ABANDONS_AGAINST";

  @AttributeDefinition(
      description = "Variants per queue, queue=VARIANT, e.g. support=ABANDONS_FOR.",
      cardinality = 100)
  String[] queueServiceLevels() default {};

  @AttributeDefinition(
      description = "Service-level threshold in seconds for a queue the core does not know.")
  int defaultServiceLevelSeconds() default 20;

  @AttributeDefinition(description = "Longest the projection waits before looking for events, ms.")
  long pollMillis() default 1000;

  @AttributeDefinition(
      description = "Time zone whose midnight starts the wallboard's day; empty: the system's.")
  String zone() default "";

  @AttributeDefinition(description = "Wallboard alert when this many contacts wait in a queue.")
  int alertWaiting() default 10;

  @AttributeDefinition(
      description = "Wallboard alert when someone has waited this many seconds in a queue.")
  int alertLongestWaitSeconds() default 120;
}
