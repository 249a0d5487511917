package org.switchboard.core.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.core.api.interaction.Interaction;

/**
 * The open interactions as last committed, and the ones that ended most recently, so the many reads
 * of one interaction that follow each change (the ACD, the channel, the reports, the next
 * operation) do not go to the database. Filled only by writes, after they commit and while the
 * write lock is held, so it holds exactly what the database holds; never from reads, whose row may
 * be outdated by a write that committed meanwhile. A final interaction never changes again, so the
 * last {@value #RECENTLY_ENDED} of them stay right until they are pushed out. Right for one node,
 * like the core's write lock.
 */
final class InteractionSnapshots {
  /** Past this many open entries the map is emptied: a cache, not the record. */
  static final int MAX_ENTRIES = 100_000;

  /** How many final interactions are kept, the most recent ones. */
  static final int RECENTLY_ENDED = 10_000;

  private final Map<String, Interaction> byId = new ConcurrentHashMap<>();

  /** Final interactions, oldest first; guarded by itself. */
  private final Map<String, Interaction> ended =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Interaction> eldest) {
          return size() > RECENTLY_ENDED;
        }
      };

  Optional<Interaction> get(String id) {
    Interaction open = byId.get(id);
    if (open != null) {
      return Optional.of(open);
    }
    synchronized (ended) {
      return Optional.ofNullable(ended.get(id));
    }
  }

  /** Keeps {@code i} (just committed) unless a newer version is already there. */
  void offer(Interaction i) {
    if (i.state().isFinal()) {
      synchronized (ended) {
        ended.put(i.id(), i);
      }
      byId.remove(i.id());
      return;
    }
    if (byId.size() >= MAX_ENTRIES) {
      byId.clear();
    }
    byId.merge(i.id(), i, (had, now) -> had.version() >= now.version() ? had : now);
  }

  /** How many open interactions are kept. */
  int size() {
    return byId.size();
  }
}
