package org.switchboard.ops.webconsole;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.channel.sip.api.SipCredentials;

/** {@link PhoneLogins} through the SIP channel's credentials, present while that channel runs. */
@Component(service = PhoneLogins.class)
public class SipPhoneLogins implements PhoneLogins {
  private final SipCredentials credentials;

  @Activate
  public SipPhoneLogins(@Reference SipCredentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public boolean has(String agentId) {
    return credentials.has(agentId);
  }

  @Override
  public void setPassword(String agentId, String password) {
    credentials.setPassword(agentId, password);
  }

  @Override
  public void remove(String agentId) {
    credentials.remove(agentId);
  }
}
