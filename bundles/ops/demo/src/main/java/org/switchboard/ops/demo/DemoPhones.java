package org.switchboard.ops.demo;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.sip.api.SipCredentials;
import org.switchboard.core.api.agent.AgentService;

/**
 * Demo mode with the SIP channel installed: the demo agents' phones log in with the agents' demo
 * passwords ({@code agent1}/{@code agent1} ...), and the number {@value #DEMO_NUMBER} leads to the
 * demo {@code support} queue unless an admin has configured routes. Runs after the demo data
 * exists.
 */
@Component(immediate = true)
public class DemoPhones {
  /** The demo support queue's phone number. */
  static final String DEMO_NUMBER = "100";

  static final String SIP_PID = "org.switchboard.channel.sip";
  private static final Logger LOG = LoggerFactory.getLogger(DemoPhones.class);

  @Activate
  public DemoPhones(
      @Reference DemoSeeder seeded,
      @Reference SipCredentials sip,
      @Reference AgentService agents,
      @Reference ConfigurationAdmin config) {
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
    routeDemoNumber(config);
  }

  private static void routeDemoNumber(ConfigurationAdmin admin) {
    try {
      Configuration c = admin.getConfiguration(SIP_PID, "?");
      Dictionary<String, Object> props = c.getProperties();
      if (props != null && props.get("routes") != null) {
        return;
      }
      Dictionary<String, Object> next = props == null ? new Hashtable<>() : props;
      next.put("routes", new String[] {DEMO_NUMBER + "=queue:support"});
      c.update(next);
      LOG.info("demo mode: number {} routes to queue support", DEMO_NUMBER);
    } catch (IOException e) {
      LOG.warn("demo mode: could not route number {}: {}", DEMO_NUMBER, e.getMessage());
    }
  }
}
