package org.switchboard.platform.realm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.felix.utils.properties.Properties;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesRealmUsersTest {
  @TempDir Path etc;

  private PropertiesRealmUsers realm(Path users) {
    RealmEntry entry =
        new RealmEntry(
            Map.of(PropertiesRealmUsers.USERS_OPTION, users.toString()),
            new PropertiesBackingEngineFactory());
    return new PropertiesRealmUsers(() -> entry);
  }

  private Path usersFile() throws IOException {
    Path users = etc.resolve("users.properties");
    Files.writeString(
        users,
        "# the realm\n_g_\\:agentgroup = group,agent\n",
        java.nio.charset.StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
    return users;
  }

  /**
   * Writers add logins in several engine steps each while a reader keeps loading the file the way
   * Karaf's login module does: it never sees a login without its group, never loses one it saw, and
   * in the end every login is there.
   */
  @Test
  void concurrentChangesAreWholeAndNoneIsLost() throws Exception {
    Path users = usersFile();
    PropertiesRealmUsers realm = realm(users);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<List<String>> reader =
          pool.submit(
              () -> {
                List<String> problems = new ArrayList<>();
                int seen = 0;
                int reads = 0;
                while (writing.get()) {
                  Properties p = new Properties(users.toFile());
                  reads++;
                  int logins = 0;
                  for (String name : p.keySet()) {
                    if (name.startsWith("user")) {
                      logins++;
                      if (!p.get(name).endsWith(",_g_:agentgroup")) {
                        problems.add(name + " = " + p.get(name));
                      }
                    }
                  }
                  if (logins < seen) {
                    problems.add("logins went from " + seen + " to " + logins);
                  }
                  seen = logins;
                }
                assertThat(reads).as("the reader read while the writers wrote").isPositive();
                return problems;
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    String name = "user" + writer + "-" + i;
                    realm.change(
                        e -> {
                          e.addUser(name, "secret-" + name);
                          e.addGroup(name, "agentgroup");
                          return null;
                        });
                  }
                }));
      }
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
    Properties end = new Properties(users.toFile());
    assertThat(end.keySet().stream().filter(k -> k.startsWith("user"))).hasSize(80);
    assertThat(Files.readString(users)).startsWith("# the realm");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users)))
        .isEqualTo("rw-------");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aChangeThatFailsLeavesTheFileAsItWas() throws Exception {
    Path users = usersFile();
    String before = Files.readString(users);
    PropertiesRealmUsers realm = realm(users);
    assertThatThrownBy(
            () ->
                realm.change(
                    e -> {
                      e.addUser("half", "done");
                      throw new IllegalArgumentException("refused");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.readString(users)).isEqualTo(before);
    assertThat(leftovers()).isEmpty();
    boolean absent = realm.read(e -> e.lookupUser("half") == null);
    assertThat(absent).isTrue();
  }

  @Test
  void aMissingUsersFileIsAClearError() {
    PropertiesRealmUsers realm = realm(etc.resolve("nothing.properties"));
    assertThatThrownBy(() -> realm.change(e -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not exist");
  }

  private List<Path> leftovers() throws IOException {
    try (var files = Files.list(etc)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".edit")).toList();
    }
  }
}
