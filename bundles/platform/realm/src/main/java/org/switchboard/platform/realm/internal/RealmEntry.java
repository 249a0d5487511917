package org.switchboard.platform.realm.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;

/**
 * The properties login module of the {@code karaf} realm (the highest-ranked realm of that name)
 * with the factory of its backing engine.
 */
record RealmEntry(Map<String, ?> options, BackingEngineFactory factory) {
  static final String REALM = "karaf";
  static final String PROPERTIES_MODULE =
      "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";

  /** Karaf registers realm entries behind a proxy login module that names the real one. */
  private static final String PROXIED_MODULE = "org.apache.karaf.jaas.module";

  /** Finds the entry anew each time: realms and factories come and go with their bundles. */
  interface Finder {
    RealmEntry find();
  }

  static RealmEntry find(List<JaasRealm> realms, List<BackingEngineFactory> factories) {
    return realms.stream()
        .filter(r -> REALM.equals(r.getName()))
        .max(Comparator.comparingInt(JaasRealm::getRank))
        .stream()
        .flatMap(r -> Arrays.stream(r.getEntries()))
        .filter(entry -> PROPERTIES_MODULE.equals(moduleClass(entry)))
        .flatMap(
            entry ->
                factories.stream()
                    .filter(f -> PROPERTIES_MODULE.equals(f.getModuleClass()))
                    .map(f -> new RealmEntry(entry.getOptions(), f)))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("the karaf realm has no properties login module"));
  }

  private static String moduleClass(AppConfigurationEntry entry) {
    Object real = entry.getOptions().get(PROXIED_MODULE);
    return real == null ? entry.getLoginModuleName() : real.toString();
  }

  /** An engine over the file the options name; Karaf's factory answers null when unreadable. */
  BackingEngine engine(Map<String, ?> with) {
    BackingEngine engine = factory.build(with);
    if (engine == null) {
      throw new IllegalStateException(
          "cannot read the realm's users file " + with.get(PropertiesRealmUsers.USERS_OPTION));
    }
    return engine;
  }
}
