package org.switchboard.ops.webconsole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.switchboard.core.api.SwitchboardException;

/**
 * What the Plugins page may do to a bundle. It manages plugins only: never the framework, never a
 * bundle that is neither a Switchboard bundle nor a partner plugin, and never its own bundle
 * (stopping or updating that would end the request doing it).
 */
final class PluginRules {
  /** The changes the page makes to a bundle. */
  enum Action {
    START,
    STOP,
    UPDATE,
    RESTART;

    /** The action's name in the page's paths and the audit log: {@code stop}. */
    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private PluginRules() {}

  /**
   * Why the page refuses {@code action} on {@code bundle}, empty when it may go ahead.
   *
   * @param origin the bundle's classification, null when it is not a plugin
   * @param consoleId the id of the bundle serving this page
   */
  static Optional<String> refusal(
      Action action, PluginBundle bundle, PluginCatalog.Origin origin, long consoleId) {
    String verb = action.id();
    if (bundle.id() == 0) {
      return Optional.of(
          "bundle 0 is the OSGi framework, not a plugin: the Plugins page does not "
              + verb
              + " it");
    }
    if (origin == null) {
      return Optional.of(
          bundle.label()
              + " is neither a Switchboard bundle nor a partner plugin: the Plugins page manages"
              + " plugins only (use bundle:"
              + verb
              + " "
              + bundle.id()
              + " in the Karaf shell)");
    }
    if ("UNINSTALLED".equals(bundle.state())) {
      return Optional.of(bundle.label() + " has been uninstalled");
    }
    if (bundle.id() == consoleId && action != Action.START) {
      return Optional.of(
          bundle.label()
              + " serves this page: to "
              + verb
              + " it, use bundle:"
              + verb
              + " "
              + bundle.id()
              + " in the Karaf shell");
    }
    if (bundle.fragment() && action != Action.UPDATE) {
      return Optional.of(
          bundle.label()
              + " is a fragment: it cannot be started or stopped, only updated with its host");
    }
    return Optional.empty();
  }

  /** Throws the refusal, if there is one, as a 409 for the page. */
  static void check(
      Action action, PluginBundle bundle, PluginCatalog.Origin origin, long consoleId) {
    refusal(action, bundle, origin, consoleId)
        .ifPresent(
            why -> {
              throw new SwitchboardException(why);
            });
  }

  /**
   * The buttons the page offers: the actions not refused that make sense in the bundle's state
   * (start when it does not run, stop and restart when it does, update always).
   */
  static List<String> offered(PluginBundle bundle, PluginCatalog.Origin origin, long consoleId) {
    boolean running = "ACTIVE".equals(bundle.state()) || "STARTING".equals(bundle.state());
    List<String> offered = new ArrayList<>();
    for (Action action : Action.values()) {
      boolean fits =
          switch (action) {
            case START -> !running;
            case STOP, RESTART -> running;
            case UPDATE -> true;
          };
      if (fits && refusal(action, bundle, origin, consoleId).isEmpty()) {
        offered.add(action.id());
      }
    }
    return offered;
  }
}
