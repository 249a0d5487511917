package org.switchboard.channel.sip.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * {@code switchboard:sip-drain [on|off]}: before an upgrade, stop taking new calls (they get 503
 * with Retry-After, so a carrier or SIP load balancer tries another node) and wait until the calls
 * in progress have ended; then the SIP bundle can be updated without dropping a call.
 */
@Service
@Command(
    scope = "switchboard",
    name = "sip-drain",
    description = "Shows or sets drain mode of the SIP channel (new calls refused, calls go on)")
public class SipDrainCommand implements Action {
  @Reference SipEndpoint endpoint;

  @Argument(index = 0, name = "mode", description = "on or off; without it, shows the state")
  @Completion(
      value = StringsCompleter.class,
      values = {"on", "off"})
  String mode;

  @Override
  public Object execute() {
    if (mode != null) {
      switch (mode) {
        case "on" -> endpoint.drain(true);
        case "off" -> endpoint.drain(false);
        default -> {
          System.out.println("Error: mode must be on or off, got '" + mode + "'");
          return null;
        }
      }
    }
    System.out.printf(
        "drain: %s, calls in progress: %d%n",
        endpoint.draining() ? "on" : "off", endpoint.activeCalls());
    return null;
  }
}
