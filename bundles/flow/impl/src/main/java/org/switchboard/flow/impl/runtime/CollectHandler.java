package org.switchboard.flow.impl.runtime;

import java.time.Duration;
import org.switchboard.flow.impl.model.Node;

/**
 * {@code collect}: gathers digits into a variable. Voice: digits arrive one by one; the terminator
 * or {@code maxDigits} ends input at once, {@code interDigitTimeoutSeconds} of silence after a
 * digit ends it too, and no first digit within {@code timeoutSeconds} after the question is a
 * no-input. Chat: one message is the whole value. The value must have {@code minDigits}-{@code
 * maxDigits} digits (voice) and match {@code pattern}; otherwise the invalid message and a retry.
 */
final class CollectHandler implements NodeHandler {
  @Override
  public void enter(Run run, Node node) {
    run.state(new Attempts());
    Attempts.ask(run, ((Node.Collect) node).prompting());
  }

  @Override
  public boolean takesInput() {
    return true;
  }

  @Override
  public void input(Run run, Node node, String text) {
    Node.Collect collect = (Node.Collect) node;
    if (!Attempts.accept(run, collect.prompting())) {
      return;
    }
    if (run.chat()) {
      finish(run, collect, text.trim());
      return;
    }
    Attempts attempts = run.state();
    for (char c : text.trim().toCharArray()) {
      String digit = String.valueOf(c);
      if (digit.equals(collect.terminator())) {
        finish(run, collect, attempts.digits.toString());
        return;
      }
      attempts.digits.append(c);
      if (attempts.digits.length() >= collect.maxDigits()) {
        finish(run, collect, attempts.digits.toString());
        return;
      }
    }
    run.startTimer(Duration.ofSeconds(collect.interDigitTimeoutSeconds()));
  }

  @Override
  public void promptsDone(Run run, Node node) {
    Attempts attempts = run.state();
    if (attempts.digits.length() == 0) {
      Attempts.startTimeout(run, ((Node.Collect) node).prompting());
    }
  }

  @Override
  public void timeout(Run run, Node node) {
    Node.Collect collect = (Node.Collect) node;
    Attempts attempts = run.state();
    if (attempts.digits.length() == 0) {
      Attempts.retry(run, node, collect.prompting(), collect.prompting().noInput(), "no input");
    } else {
      finish(run, collect, attempts.digits.toString());
    }
  }

  private static void finish(Run run, Node.Collect collect, String value) {
    run.cancelTimer();
    if (valid(run, collect, value)) {
      run.variablesForUpdate().put(collect.into(), value);
      run.go(collect.next());
    } else {
      Attempts.retry(
          run, collect, collect.prompting(), collect.prompting().invalid(), "invalid input");
    }
  }

  private static boolean valid(Run run, Node.Collect collect, String value) {
    if (value.isEmpty()) {
      return !run.chat() && collect.minDigits() == 0;
    }
    if (!run.chat()
        && (value.length() < collect.minDigits() || value.length() > collect.maxDigits())) {
      return false;
    }
    return collect.pattern() == null || collect.pattern().matcher(value).matches();
  }
}
