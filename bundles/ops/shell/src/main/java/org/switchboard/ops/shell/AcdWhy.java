package org.switchboard.ops.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.switchboard.acd.api.AcdService;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.WaitExplanation;

/**
 * {@code switchboard:acd-why}: every routing decision about an interaction (who got it, the
 * candidates and scores, the rule that fired) and, while it waits, why it is still waiting.
 */
@Service
@Command(
    scope = "switchboard",
    name = "acd-why",
    description = "Explains the routing of an interaction: decisions so far and why it still waits")
public class AcdWhy implements Action {
  @Reference AcdService acd;

  @Argument(index = 0, name = "interaction", required = true, description = "Interaction id")
  String interaction;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          for (Decision d : acd.decisionsFor(interaction)) {
            System.out.printf(
                "%s %-16s agent=%s queue=%s%n    rule: %s%n",
                d.at(), d.kind(), d.agentId(), d.queue(), d.rule());
            for (Decision.ScoredCandidate c : d.candidates()) {
              System.out.printf(
                  "    %s %-20s score=%.3f idle=%ds%n",
                  c.agentId().equals(d.agentId()) ? "*" : " ",
                  c.agentId(),
                  c.score(),
                  c.idleSeconds());
            }
            if (d.candidateCount() > d.candidates().size()) {
              System.out.printf("    ... %d eligible candidates in all%n", d.candidateCount());
            }
          }
          acd.explainWaiting(interaction).ifPresent(AcdWhy::print);
          return null;
        });
  }

  private static void print(WaitExplanation w) {
    System.out.printf(
        "WAITING in %s for %ds, position %d; %s%n    requirements: %s%n    %s%n",
        w.queue(), w.waited().toSeconds(), w.position(), w.step(), w.requirements(), w.summary());
    w.excludedAgents().forEach((why, n) -> System.out.printf("    %3d agents: %s%n", n, why));
    if (w.nextChange() != null) {
      System.out.println("    next change at " + w.nextChange());
    }
  }
}
