package org.switchboard.core.api.queue;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Queue administration. Thread-safe; every write is transactional and emits an event. */
@ProviderType
public interface QueueService {
  /** All queues, ordered by id. */
  List<Queue> list();

  Optional<Queue> find(String id);

  /**
   * Creates a queue.
   *
   * @throws org.switchboard.core.api.ConflictException if the id is taken
   * @throws org.switchboard.core.api.NotFoundException if a required skill or the overflow queue
   *     does not exist
   */
  Queue create(Queue queue);

  /**
   * Replaces a queue's settings. The given version must match the stored one; version 0 means
   * "whatever is stored" (last writer wins).
   *
   * @throws org.switchboard.core.api.ConflictException on a stale version
   */
  Queue update(Queue queue);

  /**
   * Deletes a queue.
   *
   * @throws org.switchboard.core.api.ConflictException while interactions wait in it, or another
   *     queue overflows to it
   */
  void delete(String id);
}
