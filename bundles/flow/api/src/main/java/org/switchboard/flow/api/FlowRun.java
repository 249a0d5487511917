package org.switchboard.flow.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One flow running for one customer contact: the channel feeds events into it.
 *
 * <p>Thread-safe; every method returns at once. Events are queued and processed one at a time per
 * run, in the order they arrived, on the engine's threads; events after the run ended are ignored.
 */
@ProviderType
public interface FlowRun {

  /** The id of the flow this run executes. */
  String flowId();

  /** The flow version this run started with and keeps until it ends. */
  int flowVersion();

  /**
   * The customer's input: for voice one DTMF digit per call ({@code 0-9}, {@code *}, {@code #});
   * for chat one whole message.
   *
   * @param text the digit or message
   */
  void input(String text);

  /**
   * The playback most recently started by {@link FlowSession#play} or {@link FlowSession#say} has
   * ended.
   */
  void playbackDone();

  /** The customer has gone (hung up, closed the chat): timers stop and the run ends silently. */
  void customerLeft();

  /** The id of the node the run is at, or of the node it ended in. */
  String currentNode();

  /** Whether the run has ended (handed the contact on, failed over to a queue, or was left). */
  boolean ended();

  /** A snapshot of the flow's variables (collected digits, data dip results, set values). */
  Map<String, String> variables();
}
