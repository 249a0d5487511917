package org.switchboard.flow.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the flow engine, PID {@code org.switchboard.flow}. */
@ObjectClassDefinition(
    name = "Switchboard flow engine",
    description = "Where IVR and bot flows are read from, and how they run.")
public @interface FlowEngineConfig {
  @AttributeDefinition(
      description =
          "Directory of flow files <id>.yaml, <id>.yml or <id>.json, hot reloaded. Empty: flows"
              + " under the Karaf etc directory.")
  String directory() default "";

  @AttributeDefinition(
      description =
          "Directory of the flows' version history. Empty: flows/history under the Karaf data"
              + " directory.")
  String historyDirectory() default "";

  @AttributeDefinition(
      description =
          "Queue for contacts whose flow is missing or fails at run time, unless the flow names"
              + " its own fallback.")
  String fallbackQueue() default "support";

  @AttributeDefinition(
      description =
          "Most nodes a flow may pass between two customer events; more is a runaway loop and"
              + " the contact goes to the fallback queue.")
  int maxStepsPerInput() default 100;

  @AttributeDefinition(description = "Timeout of data nodes that set none, in milliseconds.")
  long dataDipTimeoutMillis() default 3000;

  @AttributeDefinition(description = "Seconds between scans of the flow directory; 0 disables.")
  int scanSeconds() default 2;
}
