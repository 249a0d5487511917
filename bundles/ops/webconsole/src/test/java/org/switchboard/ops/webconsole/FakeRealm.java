package org.switchboard.ops.webconsole;

import java.util.function.Function;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.switchboard.platform.realm.RealmUsers;

/** {@link RealmUsers} over one in-memory engine, counting the changes made. */
final class FakeRealm implements RealmUsers {
  final PropertiesLikeEngine engine = new PropertiesLikeEngine();
  int changes;

  @Override
  public <T> T read(Function<BackingEngine, T> query) {
    return query.apply(engine);
  }

  @Override
  public <T> T change(Function<BackingEngine, T> change) {
    changes++;
    return change.apply(engine);
  }
}
