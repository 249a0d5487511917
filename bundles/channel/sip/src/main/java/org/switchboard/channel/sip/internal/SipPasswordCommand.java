package org.switchboard.channel.sip.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.switchboard.channel.sip.api.SipCredentials;
import org.switchboard.core.api.SwitchboardException;

/** {@code switchboard:sip-password}: sets or removes the SIP phone password of an agent. */
@Service
@Command(
    scope = "switchboard",
    name = "sip-password",
    description =
        "Sets (or with --remove deletes) the password an agent's SIP phone registers with")
public class SipPasswordCommand implements Action {
  @Reference SipCredentials credentials;

  @Option(name = "--remove", description = "Remove the credential and the agent's registrations")
  boolean remove;

  @Argument(index = 0, name = "agent", required = true, description = "Agent id")
  String agent;

  @Argument(index = 1, name = "password", description = "New password, 6-128 characters")
  String password;

  @Override
  public Object execute() {
    try {
      if (remove) {
        credentials.remove(agent);
        System.out.println("SIP credential of " + agent + " removed");
      } else {
        credentials.setPassword(agent, password);
        System.out.println("SIP password of " + agent + " set");
      }
    } catch (SwitchboardException e) {
      System.out.println("Error: " + e.getMessage());
    }
    return null;
  }
}
