package org.switchboard.crm.builtin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.Identity;

/**
 * Who an identity leads to, kept in memory (least recently used out first), including "nobody", so
 * that the lookup of every new call or chat does not go to the database. A write invalidates the
 * identities it touches and moves the generation on; a read that began before a write does not put
 * its (maybe outdated) answer in.
 */
final class CustomerCache {
  private final Map<Identity, Optional<Customer>> byIdentity;
  private long generation;

  CustomerCache(int capacity) {
    int max = Math.max(1, capacity);
    this.byIdentity =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Identity, Optional<Customer>> eldest) {
            return size() > max;
          }
        };
  }

  /** The cached answer, or null when there is none. */
  synchronized Optional<Customer> get(Identity identity) {
    return byIdentity.get(identity);
  }

  /** The generation to hand back to {@link #put} after reading the database. */
  synchronized long generation() {
    return generation;
  }

  synchronized void put(Identity identity, Optional<Customer> answer, long readAt) {
    if (readAt == generation) {
      byIdentity.put(identity, answer);
    }
  }

  /** A write changed who these identities lead to. */
  synchronized void invalidate(Collection<Identity> identities) {
    generation++;
    identities.forEach(byIdentity::remove);
  }

  synchronized int size() {
    return byIdentity.size();
  }
}
