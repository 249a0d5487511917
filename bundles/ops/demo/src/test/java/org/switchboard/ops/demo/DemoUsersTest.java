package org.switchboard.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.junit.jupiter.api.Test;

class DemoUsersTest {
  /** Users and their roles as a properties backing engine would store them. */
  private final Map<String, Set<String>> roles = new LinkedHashMap<>();

  private final BackingEngine engine =
      (BackingEngine)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {BackingEngine.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "lookupUser" ->
                        roles.containsKey((String) args[0])
                            ? new UserPrincipal((String) args[0])
                            : null;
                    case "addUser" -> {
                      roles.put((String) args[0], new LinkedHashSet<>());
                      yield null;
                    }
                    case "addRole" -> {
                      roles.get((String) args[0]).add((String) args[1]);
                      yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

  @Test
  void createsTheDemoLoginsWithTheirRolesOnce() {
    assertThat(DemoUsers.seed(engine)).isEqualTo(6);
    assertThat(roles.get("admin"))
        .containsExactlyInAnyOrder(
            "admin", "supervisor", "manager", "viewer", "systembundles", "ssh");
    assertThat(roles.get("supervisor")).containsExactlyInAnyOrder("supervisor", "viewer", "ssh");
    assertThat(roles.get("agent4")).containsExactly("agent");
    assertThat(DemoUsers.seed(engine)).isZero();
  }

  @Test
  void leavesExistingUsersAlone() {
    roles.put("admin", new LinkedHashSet<>(Set.of("custom")));
    assertThat(DemoUsers.seed(engine)).isEqualTo(5);
    assertThat(roles.get("admin")).containsExactly("custom");
  }

  @Test
  void bannerNamesTheConsoleAndLogins() {
    assertThat(DemoSeeder.banner("8181", 6, 12))
        .contains("Switchboard DEMO MODE")
        .contains("http://127.0.0.1:8181/system/console")
        .contains("agent1/agent1");
  }
}
