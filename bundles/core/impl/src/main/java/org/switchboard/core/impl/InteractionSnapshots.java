package org.switchboard.core.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.core.api.interaction.Interaction;

/**
 * The open interactions as last committed, so the many reads of one interaction that follow each
 * change (the ACD, the channel, the next operation) do not go to the database. Filled only by
 * writes, after they commit and while the write lock is held, so it holds exactly what the database
 * holds; never from reads, whose row may be outdated by a write that committed meanwhile. Final
 * interactions are dropped (they are read rarely, and never change). Right for one node, like the
 * core's write lock.
 */
final class InteractionSnapshots {
  /** Past this many entries the map is emptied: a cache, not the record. */
  static final int MAX_ENTRIES = 100_000;

  private final Map<String, Interaction> byId = new ConcurrentHashMap<>();

  Optional<Interaction> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Keeps {@code i} (just committed) unless a newer version is already there. */
  void offer(Interaction i) {
    if (i.state().isFinal()) {
      byId.remove(i.id());
      return;
    }
    if (byId.size() >= MAX_ENTRIES) {
      byId.clear();
    }
    byId.merge(i.id(), i, (had, now) -> had.version() >= now.version() ? had : now);
  }

  int size() {
    return byId.size();
  }
}
