package org.switchboard.channel.sip.internal;

import java.io.IOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.switchboard.channel.sip.api.SipCredentials;
import org.switchboard.core.api.SwitchboardException;

/**
 * {@code switchboard:sip-password}: sets or removes the SIP phone password of an agent. Without the
 * password argument it asks for it twice on the terminal, unechoed, which keeps it out of the shell
 * history and the security audit log (both record commands as typed).
 */
@Service
@Command(
    scope = "switchboard",
    name = "sip-password",
    description =
        "Sets (or with --remove deletes) the password an agent's SIP phone registers with")
public class SipPasswordCommand implements Action {
  @Reference SipCredentials credentials;
  @Reference Session session;

  @Option(name = "--remove", description = "Remove the credential and the agent's registrations")
  boolean remove;

  @Argument(index = 0, name = "agent", required = true, description = "Agent id")
  String agent;

  @Argument(
      index = 1,
      name = "password",
      description = "New password, 6-128 characters; leave it out to be asked for it (not echoed)")
  String password;

  @Override
  public Object execute() {
    try {
      if (remove) {
        credentials.remove(agent);
        System.out.println("SIP credential of " + agent + " removed");
      } else {
        String chosen = password != null ? password : askTwice();
        if (chosen != null) {
          credentials.setPassword(agent, chosen);
          System.out.println("SIP password of " + agent + " set");
        }
      }
    } catch (SwitchboardException e) {
      System.out.println("Error: " + e.getMessage());
    }
    return null;
  }

  /** The password typed twice the same, or null (with the reason printed). */
  private String askTwice() {
    try {
      String first = session.readLine("SIP password for " + agent + ": ", '*');
      String again = session.readLine("Again: ", '*');
      if (first == null || again == null) {
        System.out.println("Error: no password given");
        return null;
      }
      if (!first.equals(again)) {
        System.out.println("Error: the two passwords differ; nothing changed");
        return null;
      }
      return first;
    } catch (IOException | UnsupportedOperationException e) {
      // bin/client with a command, a script: no terminal to ask on
      System.out.println("Error: no terminal to ask for the password on; nothing changed");
      return null;
    }
  }
}
