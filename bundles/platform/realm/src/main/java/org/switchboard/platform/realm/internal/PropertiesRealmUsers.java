package org.switchboard.platform.realm.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.switchboard.platform.realm.RealmUsers;

/** {@link RealmUsers} over the properties login module of the {@code karaf} realm. */
@Component(service = RealmUsers.class)
public class PropertiesRealmUsers implements RealmUsers {
  /** The login module option that names the users file. */
  static final String USERS_OPTION = "users";

  private final ReentrantLock changes = new ReentrantLock();
  private final RealmEntry.Finder finder;

  @Activate
  public PropertiesRealmUsers(
      @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE) List<JaasRealm> realms,
      @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE)
          List<BackingEngineFactory> factories) {
    this(() -> RealmEntry.find(realms, factories));
  }

  PropertiesRealmUsers(RealmEntry.Finder finder) {
    this.finder = finder;
  }

  @Override
  public <T> T read(Function<BackingEngine, T> query) {
    RealmEntry entry = finder.find();
    return query.apply(entry.engine(entry.options()));
  }

  @Override
  public <T> T change(Function<BackingEngine, T> change) {
    changes.lock();
    try {
      RealmEntry entry = finder.find();
      Path file = usersFile(entry);
      Path copy = Files.createTempFile(file.toAbsolutePath().getParent(), ".users-", ".edit");
      try {
        Files.copy(
            file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Map<String, Object> options = new HashMap<>(entry.options());
        options.put(USERS_OPTION, copy.toString());
        T result = change.apply(entry.engine(options));
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return result;
      } finally {
        Files.deleteIfExists(copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot change the realm's users file: " + e.getMessage(), e);
    } finally {
      changes.unlock();
    }
  }

  private static Path usersFile(RealmEntry entry) {
    Object users = entry.options().get(USERS_OPTION);
    if (users == null) {
      throw new IllegalStateException("the karaf realm's properties module names no users file");
    }
    Path file = Path.of(users.toString());
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("the realm's users file " + file + " does not exist");
    }
    return file;
  }
}
