package org.switchboard.core.impl;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.event.EventHistory;
import org.switchboard.core.api.event.SwitchboardEvent;

/** The event log read in sequence order, straight from the event_log table. */
@Component(service = EventHistory.class)
public class EventHistoryImpl implements EventHistory {
  private final CoreStore store;

  @Activate
  public EventHistoryImpl(@Reference CoreStore store) {
    this.store = store;
  }

  @Override
  public List<SwitchboardEvent> after(long sequence, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
    return store.read(c -> EventLog.after(c, sequence, limit));
  }

  @Override
  public long lastSequence() {
    return store.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM event_log");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }
}
