package org.switchboard.platform.realm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngineFactory;
import org.junit.jupiter.api.Test;

class RealmEntryTest {
  private static JaasRealm realm(String name, int rank, AppConfigurationEntry... entries) {
    return new JaasRealm() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public int getRank() {
        return rank;
      }

      @Override
      public AppConfigurationEntry[] getEntries() {
        return entries;
      }
    };
  }

  /** Karaf registers the modules behind its proxy login module, naming the real one. */
  private static AppConfigurationEntry proxied(String module, String users) {
    return new AppConfigurationEntry(
        "org.apache.karaf.jaas.boot.ProxyLoginModule",
        LoginModuleControlFlag.REQUIRED,
        Map.of("org.apache.karaf.jaas.module", module, "users", users));
  }

  @Test
  void findsThePropertiesModuleBehindKarafsProxyInTheHighestRankedKarafRealm() {
    JaasRealm low =
        realm("karaf", 0, proxied(RealmEntry.PROPERTIES_MODULE, "/low/users.properties"));
    JaasRealm high =
        realm(
            "karaf",
            10,
            proxied("org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule", "-"),
            proxied(RealmEntry.PROPERTIES_MODULE, "/high/users.properties"));
    JaasRealm other =
        realm("other", 99, proxied(RealmEntry.PROPERTIES_MODULE, "/other/users.properties"));
    RealmEntry entry =
        RealmEntry.find(List.of(low, other, high), List.of(new PropertiesBackingEngineFactory()));
    assertThat(entry.options().get("users")).isEqualTo("/high/users.properties");
  }

  @Test
  void aRealmWithoutAPropertiesModuleIsAClearError() {
    JaasRealm ldapOnly =
        realm("karaf", 0, proxied("org.apache.karaf.jaas.modules.ldap.LDAPLoginModule", "-"));
    assertThatThrownBy(
            () -> RealmEntry.find(List.of(ldapOnly), List.of(new PropertiesBackingEngineFactory())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no properties login module");
  }
}
