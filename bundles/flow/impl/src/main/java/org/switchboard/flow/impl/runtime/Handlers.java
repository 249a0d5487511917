package org.switchboard.flow.impl.runtime;

import java.util.List;
import org.switchboard.flow.impl.model.Announcement;
import org.switchboard.flow.impl.model.Node;

/** Finds the handler of a node type; also holds the handlers of the simple node types. */
final class Handlers {
  private static final NodeHandler NONE = (run, node) -> {};
  private static final NodeHandler PLAY = new PlaybackHandler();
  private static final NodeHandler MENU = new MenuHandler();
  private static final NodeHandler COLLECT = new CollectHandler();
  private static final NodeHandler BRANCH = new BranchHandler();
  private static final NodeHandler SET = new SetHandler();
  private static final NodeHandler DATA = new DataHandler();
  private static final NodeHandler ENDING = new EndingHandler();

  private Handlers() {}

  static NodeHandler of(Node node) {
    if (node == null) {
      return NONE;
    }
    if (node instanceof Node.Play || node instanceof Node.Say) {
      return PLAY;
    } else if (node instanceof Node.Menu) {
      return MENU;
    } else if (node instanceof Node.Collect) {
      return COLLECT;
    } else if (node instanceof Node.Branch) {
      return BRANCH;
    } else if (node instanceof Node.SetValues) {
      return SET;
    } else if (node instanceof Node.Data) {
      return DATA;
    }
    return ENDING;
  }

  /** {@code play} and {@code say}: play, then go on; barge-in skips the rest. */
  static final class PlaybackHandler implements NodeHandler {
    @Override
    public void enter(Run run, Node node) {
      if (node instanceof Node.Play play) {
        run.announce(List.of(new Announcement(play.prompts(), null)), play.bargeIn());
      } else if (node instanceof Node.Say say) {
        run.say(say.text(), say.language(), say.bargeIn());
      }
    }

    @Override
    public void input(Run run, Node node, String text) {
      boolean bargeIn = node instanceof Node.Play p ? p.bargeIn() : ((Node.Say) node).bargeIn();
      if (bargeIn && run.playing()) {
        run.stopPlaying();
        run.keepTypeahead(text);
        run.go(next(node));
      } else if (run.chat()) {
        run.keepTypeahead(text);
      }
      // voice without barge-in: digits during the announcement are dropped, as callers expect
    }

    @Override
    public void promptsDone(Run run, Node node) {
      run.go(next(node));
    }

    private static String next(Node node) {
      return node instanceof Node.Play p ? p.next() : ((Node.Say) node).next();
    }
  }

  /** {@code set}: attributes to the interaction, variables to the run; values substituted. */
  static final class SetHandler implements NodeHandler {
    @Override
    public void enter(Run run, Node node) {
      Node.SetValues set = (Node.SetValues) node;
      set.variables().forEach((k, v) -> run.variablesForUpdate().put(k, run.render(v)));
      if (!set.attributes().isEmpty()) {
        java.util.Map<String, String> changes = new java.util.LinkedHashMap<>();
        set.attributes().forEach((k, v) -> changes.put(k, run.render(v)));
        run.attributesForUpdate().putAll(changes);
        run.session().setAttributes(java.util.Map.copyOf(changes));
      }
      run.go(set.next());
    }
  }
}
