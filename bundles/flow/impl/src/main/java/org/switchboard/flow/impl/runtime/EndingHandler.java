package org.switchboard.flow.impl.runtime;

import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.flow.impl.model.Node;

/**
 * {@code queue}, {@code voicemail}, {@code transfer} and {@code hangup}: hand the contact on and
 * end the run. A handover the session refuses (it throws) is a runtime problem: fallback queue.
 */
final class EndingHandler implements NodeHandler {
  @Override
  public void enter(Run run, Node node) {
    if (node instanceof Node.Queue queue) {
      QueueRequest request =
          new QueueRequest(run.render(queue.queue()), queue.priority(), queue.skills());
      run.session().enqueue(request);
    } else if (node instanceof Node.Voicemail voicemail) {
      run.session().voicemail(voicemail.queue(), voicemail.maxSeconds());
    } else if (node instanceof Node.Transfer transfer) {
      run.session().transfer(run.render(transfer.destination()));
    } else if (node instanceof Node.Hangup hangup) {
      run.session().hangup(hangup.reason());
    }
    run.finish();
  }
}
