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
 * passwords ({@code agent1}/{@code agent1} ...), the supervisor's with {@code supervisor}/{@code
 * supervisor} (to listen in on calls), and the numbers 100, 101 and 102 lead to the demo queues
 * {@code support}, {@code billing} and {@code sales} and 200 to the demo IVR ({@link DemoFlows})
 * unless an admin has configured routes, and calls to {@code billing} are recorded unless an admin
 * has set a recording policy. Runs after the demo data exists.
 */
@Component(immediate = true)
public class DemoPhones {
  /** The demo queues' phone numbers. */
  static final String[] DEMO_ROUTES = {
    "100=queue:support", "101=queue:billing", "102=queue:sales", "200=flow:demo-ivr"
  };

  static final String SIP_PID = "org.switchboard.channel.sip";
  static final String RECORDING_PID = "org.switchboard.recording";
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
    for (String agent :
        java.util.stream.Stream.concat(
                DemoData.AGENTS.stream(), java.util.stream.Stream.of(DemoData.SUPERVISOR_PHONE))
            .toList()) {
      if (agents.find(agent).isPresent() && !sip.has(agent)) {
        sip.setPassword(agent, agent);
        created++;
      }
    }
    LOG.info("demo mode: {} demo SIP phone credentials created", created);
    routeDemoNumbers(config);
    recordDemoQueue(config);
  }

  /** Calls to the billing queue (101) are recorded, unless an admin has set a policy. */
  private static void recordDemoQueue(ConfigurationAdmin admin) {
    try {
      Configuration c = admin.getConfiguration(RECORDING_PID, "?");
      Dictionary<String, Object> props = c.getProperties();
      if (props != null && props.get("recordQueues") != null) {
        return;
      }
      Dictionary<String, Object> next = props == null ? new Hashtable<>() : props;
      next.put("recordQueues", new String[] {"billing"});
      c.update(next);
      LOG.info("demo mode: calls to queue billing are recorded");
    } catch (IOException e) {
      LOG.warn("demo mode: could not set the recording policy: {}", e.getMessage());
    }
  }

  private static void routeDemoNumbers(ConfigurationAdmin admin) {
    try {
      Configuration c = admin.getConfiguration(SIP_PID, "?");
      Dictionary<String, Object> props = c.getProperties();
      if (props != null && props.get("routes") != null) {
        return;
      }
      Dictionary<String, Object> next = props == null ? new Hashtable<>() : props;
      next.put("routes", DEMO_ROUTES.clone());
      c.update(next);
      LOG.info("demo mode: phone numbers {}", String.join(", ", DEMO_ROUTES));
    } catch (IOException e) {
      LOG.warn("demo mode: could not route the demo numbers: {}", e.getMessage());
    }
  }
}
