package org.switchboard.flow.impl.runtime;

import java.util.Locale;
import java.util.Map;
import org.switchboard.flow.impl.model.Node;

/**
 * {@code menu}: plays the question; a digit (voice) or a word (chat, trimmed, case-insensitive)
 * that names an option goes there; barge-in stops the question. No input within {@code
 * timeoutSeconds} after the question, or an unknown choice, plays the no-input or invalid message
 * and asks again, up to {@code retries} times; then {@code onFailure}.
 */
final class MenuHandler implements NodeHandler {
  @Override
  public void enter(Run run, Node node) {
    run.state(new Attempts());
    Attempts.ask(run, ((Node.Menu) node).prompting());
  }

  @Override
  public boolean takesInput() {
    return true;
  }

  @Override
  public void input(Run run, Node node, String text) {
    Node.Menu menu = (Node.Menu) node;
    if (!Attempts.accept(run, menu.prompting())) {
      return;
    }
    run.cancelTimer();
    String target = choose(menu.options(), text);
    if (target != null) {
      run.go(target);
    } else {
      Attempts.retry(run, node, menu.prompting(), menu.prompting().invalid(), "invalid choice");
    }
  }

  @Override
  public void promptsDone(Run run, Node node) {
    Attempts.startTimeout(run, ((Node.Menu) node).prompting());
  }

  @Override
  public void timeout(Run run, Node node) {
    Node.Menu menu = (Node.Menu) node;
    Attempts.retry(run, node, menu.prompting(), menu.prompting().noInput(), "no input");
  }

  private static String choose(Map<String, String> options, String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (option.getKey().trim().toLowerCase(Locale.ROOT).equals(wanted)) {
        return option.getValue();
      }
    }
    return null;
  }
}
