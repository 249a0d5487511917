package org.switchboard.channel.sip.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.switchboard.channel.sip.api.Registration;
import org.switchboard.channel.sip.api.SipCredentials;

/** {@code switchboard:sip-registrations}: the phones currently registered. */
@Service
@Command(
    scope = "switchboard",
    name = "sip-registrations",
    description = "Lists the registered SIP contacts (all agents, or one)")
public class SipRegistrationsCommand implements Action {
  @Reference SipCredentials credentials;

  @Argument(index = 0, name = "agent", description = "Only this agent")
  String agent;

  @Override
  public Object execute() {
    List<Registration> all =
        agent == null ? credentials.registrations() : credentials.registrations(agent);
    System.out.printf(
        "%-16s %-48s %-22s %-22s %s%n", "AGENT", "CONTACT", "EXPIRES", "SOURCE", "USER-AGENT");
    for (Registration r : all) {
      System.out.printf(
          "%-16s %-48s %-22s %-22s %s%n",
          r.agentId(), r.contact(), r.expiresAt(), r.source(), r.userAgent());
    }
    return null;
  }
}
