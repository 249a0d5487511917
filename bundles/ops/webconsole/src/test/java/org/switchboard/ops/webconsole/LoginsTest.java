package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;

class LoginsTest {
  private final FakeRealm realm = new FakeRealm();
  private final PropertiesLikeEngine engine = realm.engine;
  private final Logins logins = new Logins(realm);

  @BeforeEach
  void anAdmin() {
    logins.create("root", "correct horse", "admin");
  }

  private String role(String name) {
    return logins.list().stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow()
        .role();
  }

  @Test
  void aLoginGetsItsRoleThroughItsGroupAndGroupsAreNotListedAsLogins() {
    logins.create("ann", "ann's secret", "agent");
    assertThat(logins.list()).extracting(Logins.Login::name).containsExactly("ann", "root");
    assertThat(role("ann")).isEqualTo("agent");
    assertThat(engine.lines.get("ann")).contains("_g_:agentgroup");
    assertThat(engine.password("ann")).doesNotContain("ann's secret");
    assertThat(realm.changes)
        .as("root and ann: each login with its group in one change")
        .isEqualTo(2);
  }

  @Test
  void weakPasswordsBadNamesUnknownRolesAndTakenNamesAreRefused() {
    assertThatThrownBy(() -> logins.create("bob", "short", "agent"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> logins.create("bob12345", "bob12345", "agent"))
        .hasMessageContaining("login name");
    assertThatThrownBy(() -> logins.create("-bob", "long enough", "agent"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> logins.create("bob", "long enough", "root"))
        .hasMessageContaining("role");
    assertThatThrownBy(() -> logins.create("root", "long enough", "agent"))
        .isInstanceOf(ConflictException.class);
    assertThat(logins.list()).hasSize(1);
  }

  @Test
  void aNewPasswordKeepsTheRole() {
    logins.create("ann", "first secret", "supervisor");
    String before = engine.password("ann");
    logins.password("ann", "second secret");
    assertThat(engine.password("ann")).isNotEqualTo(before);
    assertThat(role("ann")).isEqualTo("supervisor");
    assertThatThrownBy(() -> logins.password("nobody", "long enough"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRoleChangeReplacesGroupsAndDirectRolesOfTheOldRole() {
    engine.addUser("demo", "x");
    engine.addRole("demo", "admin");
    engine.addRole("demo", "ssh");
    engine.addRole("demo", "custom");
    logins.role("demo", "agent", "root");
    assertThat(role("demo")).isEqualTo("agent");
    assertThat(engine.lines.get("demo"))
        .containsExactly(engine.password("demo"), "custom", "_g_:agentgroup");
  }

  @Test
  void aRoleWhoseGroupKarafDeletedStillGivesItsRoles() {
    logins.create("ann", "ann's secret", "agent");
    logins.role("ann", "supervisor", "root");
    assertThat(engine.lines).doesNotContainKey("_g_:agentgroup");
    logins.create("bob", "bob's secret", "agent");
    assertThat(role("bob")).isEqualTo("agent");
    assertThat(engine.lines.get("_g_:agentgroup")).containsExactly("group", "agent");
  }

  @Test
  void theLastAdminStaysAndNobodyRemovesThemselves() {
    assertThatThrownBy(() -> logins.role("root", "agent", "someone"))
        .hasMessageContaining("last admin");
    assertThatThrownBy(() -> logins.delete("root", "someone")).hasMessageContaining("last admin");
    logins.create("second", "long enough", "admin");
    assertThatThrownBy(() -> logins.delete("root", "root")).hasMessageContaining("your own");
    assertThatThrownBy(() -> logins.role("root", "agent", "root")).hasMessageContaining("yourself");
    logins.delete("root", "second");
    assertThat(logins.list()).extracting(Logins.Login::name).containsExactly("second");
  }
}
