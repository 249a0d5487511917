package org.switchboard.ops.demo;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;

/**
 * Demo logins in the {@code karaf} realm through Karaf's backing engine, which stores the passwords
 * hashed. Existing users are left alone.
 */
final class DemoUsers {
  private static final String REALM = "karaf";
  private static final String PROPERTIES_MODULE =
      "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";
  private static final String PROXIED_MODULE = "org.apache.karaf.jaas.module";

  private DemoUsers() {}

  /** Finds the backing engine of the realm's first login module that has one. */
  static Optional<BackingEngine> engine(
      List<JaasRealm> realms, List<BackingEngineFactory> factories) {
    return realms.stream()
        .filter(r -> REALM.equals(r.getName()))
        .max(Comparator.comparingInt(JaasRealm::getRank))
        .stream()
        .flatMap(r -> Arrays.stream(r.getEntries()))
        .filter(entry -> PROPERTIES_MODULE.equals(moduleClass(entry)))
        .flatMap(
            entry ->
                factories.stream()
                    .filter(f -> f.getModuleClass().equals(moduleClass(entry)))
                    .map(f -> f.build(entry.getOptions())))
        .findFirst();
  }

  /** Karaf registers realm entries behind a proxy login module that names the real one. */
  static String moduleClass(AppConfigurationEntry entry) {
    Object real = entry.getOptions().get(PROXIED_MODULE);
    return real == null ? entry.getLoginModuleName() : real.toString();
  }

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
