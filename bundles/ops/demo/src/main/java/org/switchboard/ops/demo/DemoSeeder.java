package org.switchboard.ops.demo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.SkillService;
import org.switchboard.platform.realm.RealmUsers;

/**
 * Demo mode: when {@code SWITCHBOARD_DEMO=true}, creates the demo logins and contact center at
 * start (only what is missing, so restarts are harmless) and says where to go. Otherwise it does
 * nothing: outside demo mode there are no default users or passwords.
 */
@Component(immediate = true, service = DemoSeeder.class)
public class DemoSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

  @Activate
  public DemoSeeder(
      @Reference SkillService skills,
      @Reference QueueService queues,
      @Reference AgentService agents,
      @Reference RealmUsers realm) {
    if (!DemoMode.isOn()) {
      LOG.debug("demo mode is off");
      return;
    }
    int users = seedUsers(realm);
    int data = DemoData.seed(skills, queues, agents);
    String port = System.getProperty("org.osgi.service.http.port", "8181");
    LOG.info(banner(port, users, data));
  }

  private static int seedUsers(RealmUsers realm) {
    try {
      return realm.change(DemoUsers::seed);
    } catch (RuntimeException e) {
      LOG.error("demo mode: no demo users created: {}", e.getMessage(), e);
      return 0;
    }
  }

  static String banner(String port, int users, int data) {
    String nl = System.lineSeparator();
    return String.join(
        nl,
        "",
        "==================== Switchboard DEMO MODE ====================",
        "  Never use demo mode in production: the passwords below are public.",
        "  Web console: http://127.0.0.1:" + port + "/system/console",
        "  REST API:    http://127.0.0.1:" + port + "/api/v1/  (health: /api/health)",
        "  Logins:      admin/admin (admin), supervisor/supervisor (supervisor),",
        "               agent1/agent1 .. agent4/agent4 (agent; also their SIP phone logins);",
        "               the supervisor's SIP phone logs in as supervisor/supervisor",
        "  Created now: " + users + " users, " + data + " skills/queues/agents",
        "===============================================================");
  }
}
