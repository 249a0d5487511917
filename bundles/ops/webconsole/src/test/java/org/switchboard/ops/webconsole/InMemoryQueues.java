package org.switchboard.ops.webconsole;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;

/** Queues in a map, with the core's version check on update. */
final class InMemoryQueues implements QueueService {
  final Map<String, Queue> queues = new TreeMap<>();

  @Override
  public List<Queue> list() {
    return List.copyOf(queues.values());
  }

  @Override
  public Optional<Queue> find(String id) {
    return Optional.ofNullable(queues.get(id));
  }

  @Override
  public Queue create(Queue queue) {
    if (queues.containsKey(queue.id())) {
      throw new ConflictException("queue '" + queue.id() + "' exists already");
    }
    Queue stored = queue.withVersion(1);
    queues.put(queue.id(), stored);
    return stored;
  }

  @Override
  public Queue update(Queue queue) {
    Queue current = find(queue.id()).orElseThrow(() -> new NotFoundException("queue", queue.id()));
    if (queue.version() != 0 && queue.version() != current.version()) {
      throw new ConflictException("queue '" + queue.id() + "' was changed by someone else");
    }
    Queue stored = queue.withVersion(current.version() + 1);
    queues.put(queue.id(), stored);
    return stored;
  }

  @Override
  public void delete(String id) {
    if (queues.remove(id) == null) {
      throw new NotFoundException("queue", id);
    }
  }
}
