package org.switchboard.channel.sip.internal;

import java.time.Clock;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.channel.sip.api.Registration;
import org.switchboard.channel.sip.api.SipCredentials;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.AgentService;

/** Stores phone credentials as digest HA1 values in the configured realm. */
@Component(service = SipCredentials.class, configurationPid = "org.switchboard.channel.sip")
public class SipCredentialsImpl implements SipCredentials {
  private final SipStore store;
  private final AgentService agents;
  private final String realm;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public SipCredentialsImpl(
      @Reference SipDatabase db, @Reference AgentService agents, SipConfig config) {
    this.store = db.store;
    this.agents = agents;
    this.realm = config.realm();
  }

  @Override
  public void setPassword(String agentId, String password) {
    Identifiers.requireName("agent", agentId);
    agents.find(agentId).orElseThrow(() -> new NotFoundException("agent", agentId));
    if (password == null || password.length() < 6 || password.length() > 128) {
      throw new ValidationException(
          "password", "must be 6 to 128 characters (12 or more recommended)");
    }
    store.saveCredential(
        new SipStore.Credential(
            agentId,
            realm,
            Digest.ha1(Digest.Algorithm.MD5, agentId, realm, password),
            Digest.ha1(Digest.Algorithm.SHA_256, agentId, realm, password)),
        clock.instant());
  }

  @Override
  public void remove(String agentId) {
    store.removeCredential(agentId);
  }

  @Override
  public boolean has(String agentId) {
    return store.credential(agentId).isPresent();
  }

  @Override
  public List<Registration> registrations(String agentId) {
    return store.bindings(agentId, clock.instant()).stream()
        .map(SipStore.Binding::registration)
        .toList();
  }

  @Override
  public List<Registration> registrations() {
    return store.all(clock.instant());
  }
}
