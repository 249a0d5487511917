package org.switchboard.ops.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.switchboard.acd.api.AcdService;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * {@code switchboard:acd-policy}: shows a queue's routing policy, or changes the parts given as
 * options.
 */
@Service
@Command(
    scope = "switchboard",
    name = "acd-policy",
    description = "Shows or sets a queue's routing policy (strategy, ring timeout, wrap-up, steps)")
public class AcdPolicy implements Action {
  @Reference AcdService acd;

  @Argument(index = 0, name = "queue", required = true, description = "Queue id")
  String queue;

  @Option(
      name = "--strategy",
      description =
          "longest-idle, most-skilled, least-occupied, round-robin, sticky, or a plugin's")
  String strategy;

  @Option(name = "--ring", description = "Ring timeout in seconds")
  Integer ringSeconds;

  @Option(name = "--wrap-up", description = "Wrap-up time in seconds (0: the agent completes)")
  Integer wrapUpSeconds;

  @Option(name = "--sticky-days", description = "How many days the customer's last agent counts")
  Integer stickyDays;

  @Option(
      name = "--step",
      multiValued = true,
      description =
          "Relaxation step 'SECONDS:skill>=level,...' ('SECONDS:' alone = any agent of the queue,"
              + " 'SECONDS:last-agent' = the customer's last agent only); repeat for each step")
  List<String> steps;

  @Option(name = "--clear-steps", description = "Remove all relaxation steps")
  boolean clearSteps;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          RoutingPolicy p = acd.policy(queue);
          if (strategy != null
              || ringSeconds != null
              || wrapUpSeconds != null
              || stickyDays != null
              || steps != null
              || clearSteps) {
            p =
                acd.setPolicy(
                    new RoutingPolicy(
                        queue,
                        strategy == null ? p.strategy() : strategy,
                        ringSeconds == null ? p.ringTimeout() : Duration.ofSeconds(ringSeconds),
                        wrapUpSeconds == null ? p.wrapUpTime() : Duration.ofSeconds(wrapUpSeconds),
                        stickyDays == null ? p.stickyWindow() : Duration.ofDays(stickyDays),
                        clearSteps ? List.of() : steps == null ? p.steps() : parse(steps),
                        p.version()));
          }
          System.out.printf(
              "queue %s: strategy %s, ring %ds, wrap-up %ds, sticky %dd (version %d)%n",
              p.queue(),
              p.strategy(),
              p.ringTimeout().toSeconds(),
              p.wrapUpTime().toSeconds(),
              p.stickyWindow().toDays(),
              p.version());
          for (RelaxationStep s : p.steps()) {
            System.out.println("  " + s.describe());
          }
          return null;
        });
  }

  static List<RelaxationStep> parse(List<String> specs) {
    List<RelaxationStep> out = new ArrayList<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException(
            "step '" + spec + "' must look like 30:billing>=7 or 60: or 0:last-agent");
      }
      long seconds;
      try {
        seconds = Long.parseLong(spec.substring(0, colon).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("step '" + spec + "' must start with whole seconds");
      }
      boolean lastAgent = false;
      List<SkillRequirement> reqs = new ArrayList<>();
      for (String part : spec.substring(colon + 1).split(",")) {
        String p = part.strip();
        if (p.isEmpty()) {
          continue;
        }
        if (p.equals("last-agent")) {
          lastAgent = true;
          continue;
        }
        String[] kv = p.split(">=");
        if (kv.length != 2) {
          throw new IllegalArgumentException("requirement '" + p + "' must look like skill>=level");
        }
        try {
          reqs.add(new SkillRequirement(kv[0].strip(), Integer.parseInt(kv[1].strip())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("level in '" + p + "' must be a number 1-10");
        }
      }
      out.add(new RelaxationStep(Duration.ofSeconds(seconds), reqs, lastAgent));
    }
    return out;
  }
}
