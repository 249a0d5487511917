package org.switchboard.ops.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JaasAuthenticatorTest {
  @TempDir Path etc;

  @Test
  void aLoginIsRememberedUntilTheUsersFileChanges() throws Exception {
    Path users =
        Files.writeString(etc.resolve("users.properties"), "ann = {CRYPT}1{CRYPT},agent\n");
    AtomicInteger logins = new AtomicInteger();
    String[] role = {"agent"};
    JaasAuthenticator auth =
        new JaasAuthenticator(
            users,
            (user, password) -> {
              logins.incrementAndGet();
              return Optional.of(new Caller(user, Set.of(role[0])));
            });
    assertThat(auth.authenticate("ann", "secret")).map(Caller::roles).contains(Set.of("agent"));
    assertThat(auth.authenticate("ann", "secret")).isPresent();
    assertThat(logins).hasValue(1);

    // The admin gives ann another role: the file is rewritten, the next request logs in again.
    role[0] = "supervisor";
    Files.writeString(users, "ann = {CRYPT}1{CRYPT},_g_:supervisorgroup\n");
    assertThat(auth.authenticate("ann", "secret"))
        .map(Caller::roles)
        .contains(Set.of("supervisor"));
    assertThat(logins).hasValue(2);
  }

  @Test
  void aRefusedLoginIsNotRemembered() throws Exception {
    Path users = Files.writeString(etc.resolve("users.properties"), "");
    AtomicInteger logins = new AtomicInteger();
    JaasAuthenticator auth =
        new JaasAuthenticator(
            users,
            (user, password) -> {
              logins.incrementAndGet();
              return Optional.empty();
            });
    assertThat(auth.authenticate("ann", "wrong")).isEmpty();
    assertThat(auth.authenticate("ann", "wrong")).isEmpty();
    assertThat(logins).hasValue(2);
  }
}
