package org.switchboard.ops.demo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.sip.api.SipCredentials;
import org.switchboard.core.api.agent.AgentService;

/**
 * Demo mode with the SIP channel installed: the demo agents' phones log in with the agents' demo
 * passwords ({@code agent1}/{@code agent1} ...). Runs after the demo data exists.
 */
@Component(immediate = true)
public class DemoPhones {
  private static final Logger LOG = LoggerFactory.getLogger(DemoPhones.class);

  @Activate
  public DemoPhones(
      @Reference DemoSeeder seeded, @Reference SipCredentials sip, @Reference AgentService agents) {
    if (!DemoMode.isOn()) {
      return;
    }
    int created = 0;
    for (String agent : DemoData.AGENTS) {
      if (agents.find(agent).isPresent() && !sip.has(agent)) {
        sip.setPassword(agent, agent);
        created++;
      }
    }
    LOG.info("demo mode: {} demo agents' SIP phone credentials created", created);
  }
}
