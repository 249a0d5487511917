package org.switchboard.core.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.SkillRequirement;

/** Queue administration over the queue tables. */
@Component(service = QueueService.class)
public class QueueServiceImpl implements QueueService {
  private final CoreStore store;

  @Activate
  public QueueServiceImpl(@Reference CoreStore store) {
    this.store = store;
  }

  @Override
  public List<Queue> list() {
    return store.read(QueueRows::all);
  }

  @Override
  public Optional<Queue> find(String id) {
    return store.read(c -> QueueRows.find(c, id));
  }

  @Override
  public Queue create(Queue queue) {
    return store.write(
        c -> {
          if (QueueRows.find(c, queue.id()).isPresent()) {
            throw new ConflictException("queue '" + queue.id() + "' already exists");
          }
          checkReferences(c, queue);
          Queue stored = queue.withVersion(1);
          QueueRows.insert(c, stored);
          Events.queue(c, EventTypes.QUEUE_CREATED, stored);
          return stored;
        });
  }

  @Override
  public Queue update(Queue queue) {
    return store.write(
        c -> {
          Queue current =
              QueueRows.find(c, queue.id())
                  .orElseThrow(() -> new NotFoundException("queue", queue.id()));
          checkReferences(c, queue);
          long expected = queue.version() == 0 ? current.version() : queue.version();
          Queue stored = queue.withVersion(expected + 1);
          if (!QueueRows.update(c, stored)) {
            throw new ConflictException(
                "queue '"
                    + queue.id()
                    + "' was changed by someone else (version "
                    + current.version()
                    + ", you sent "
                    + queue.version()
                    + "); read it again and retry");
          }
          Events.queue(c, EventTypes.QUEUE_UPDATED, stored);
          return stored;
        });
  }

  @Override
  public void delete(String id) {
    store.write(
        c -> {
          Queue queue = QueueRows.find(c, id).orElseThrow(() -> new NotFoundException("queue", id));
          long waiting =
              SkillServiceImpl.count(
                  c,
                  "SELECT COUNT(*) FROM interaction WHERE queue_id = ?"
                      + " AND state IN ('QUEUED', 'OFFERED')",
                  id);
          if (waiting > 0) {
            throw new ConflictException(
                "queue '"
                    + id
                    + "' still has "
                    + waiting
                    + " waiting interactions; move them first");
          }
          if (SkillServiceImpl.count(c, "SELECT COUNT(*) FROM queue WHERE overflow_queue = ?", id)
              > 0) {
            throw new ConflictException(
                "queue '" + id + "' is the overflow target of another queue; change that first");
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM queue WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
          }
          Events.queue(c, EventTypes.QUEUE_DELETED, queue);
          return null;
        });
  }

  private static void checkReferences(Connection c, Queue queue) throws SQLException {
    SkillServiceImpl.requireExisting(
        c, queue.requiredSkills().stream().map(SkillRequirement::skill).toList());
    if (queue.overflowQueue() != null && QueueRows.find(c, queue.overflowQueue()).isEmpty()) {
      throw new NotFoundException("queue", queue.overflowQueue());
    }
  }
}
