package org.switchboard.ops.demo;

import org.apache.karaf.jaas.modules.BackingEngine;

/**
 * Demo logins in the {@code karaf} realm through Karaf's backing engine, which stores the passwords
 * hashed. Existing users are left alone. Run as one change of the realm's file ({@code
 * RealmUsers.change}), so no demo login is ever seen without its roles.
 */
final class DemoUsers {
  private DemoUsers() {}

  /** Creates the demo users that do not exist yet; returns how many were created. */
  static int seed(BackingEngine engine) {
    int created = 0;
    created +=
        user(engine, "admin", "admin", "supervisor", "manager", "viewer", "systembundles", "ssh");
    created += user(engine, "supervisor", "supervisor", "viewer", "ssh");
    for (String agent : DemoData.AGENTS) {
      created += user(engine, agent, "agent");
    }
    return created;
  }

  /**
   * Roles are given directly (not through groups): addUser hashes the password when the realm
   * encrypts, and direct roles do not depend on group entries existing in users.properties.
   */
  private static int user(BackingEngine engine, String name, String... roles) {
    if (engine.lookupUser(name) != null) {
      return 0;
    }
    engine.addUser(name, name);
    for (String role : roles) {
      engine.addRole(name, role);
    }
    return 1;
  }
}
