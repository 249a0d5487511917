package org.switchboard.flow.impl.runtime;

import org.switchboard.flow.impl.model.Node;

/**
 * The behaviour of one node type. Handlers are stateless: what a run knows at a node (attempts,
 * digits so far) is the run's {@link Run#state()}. Every method is called from the run's serial
 * tasks; a handler moves on with {@link Run#go} and does nothing after it.
 */
interface NodeHandler {

  /** The run arrived at the node. */
  void enter(Run run, Node node);

  /** Whether the node consumes input (menus, collects); others keep it as type-ahead. */
  default boolean takesInput() {
    return false;
  }

  /** The customer's input arrived while the run is at the node. */
  default void input(Run run, Node node, String text) {
    run.keepTypeahead(text);
  }

  /** Everything the node announced has been played. */
  default void promptsDone(Run run, Node node) {}

  /** The timer the node started ran out. */
  default void timeout(Run run, Node node) {}
}
