package org.switchboard.acd.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the router, PID {@code org.switchboard.acd}. */
@ObjectClassDefinition(
    name = "Switchboard ACD",
    description = "How the automatic call distributor routes, times out and reconciles.")
public @interface AcdConfig {
  @AttributeDefinition(
      description =
          "Channel ids whose interactions block all other work of the agent while held (voice:"
              + " an agent on a call gets no chats or emails).")
  String[] blockingChannels() default {"voice"};

  @AttributeDefinition(description = "Priority added for interactions with attribute vip=true.")
  int vipBoost() default 20;

  @AttributeDefinition(
      description =
          "Seconds without a heartbeat (desktop, phone) after which the watchdog reconciles a"
              + " logged-in agent: logged out, or NOT_READY while they still hold a conversation."
              + " 0 disables.")
  int staleAgentSeconds() default 120;

  @AttributeDefinition(
      description =
          "Seconds a queue's strategy may be missing (e.g. while its bundle is updated) before"
              + " the router falls back to longest-idle for that queue.")
  int strategyGraceSeconds() default 5;

  @AttributeDefinition(description = "Days routing decisions are kept for explanations.")
  int decisionRetentionDays() default 90;

  @AttributeDefinition(
      description =
          "Seconds between reconciliations: the router re-reads the core's active interactions and"
              + " agents (a safety net for missed events) and the watchdog runs.")
  int reconcileSeconds() default 15;
}
