package org.switchboard.flow.impl.runtime;

import org.switchboard.flow.impl.model.Condition;
import org.switchboard.flow.impl.model.Node;
import org.switchboard.flow.impl.model.OpeningHours;

/**
 * {@code branch}: goes to the target of the first condition that holds, else to {@code otherwise}.
 * Calendar conditions use the engine's clock, so tests can pick the time.
 */
final class BranchHandler implements NodeHandler {
  @Override
  public void enter(Run run, Node node) {
    Node.Branch branch = (Node.Branch) node;
    for (Condition condition : branch.conditions()) {
      if (holds(run, condition)) {
        run.go(condition.next());
        return;
      }
    }
    run.go(branch.otherwise());
  }

  private static boolean holds(Run run, Condition c) {
    switch (c.subject()) {
      case OPEN:
      case CLOSED:
        OpeningHours hours = run.flow().calendars().get(c.name());
        boolean open = hours.isOpen(run.engine().clock().instant());
        return open == (c.subject() == Condition.Subject.OPEN);
      case VARIABLE:
        return test(c, run.variablesForUpdate().get(c.name()));
      default:
        return test(c, run.attributesForUpdate().get(c.name()));
    }
  }

  private static boolean test(Condition c, String value) {
    switch (c.test()) {
      case EQUALS:
        return c.values().get(0).equals(value);
      case NOT_EQUALS:
        return !c.values().get(0).equals(value);
      case IN:
        return value != null && c.values().contains(value);
      case MATCHES:
        return value != null && c.pattern().matcher(value).matches();
      default:
        return (value != null && !value.isEmpty()) == c.present();
    }
  }
}
