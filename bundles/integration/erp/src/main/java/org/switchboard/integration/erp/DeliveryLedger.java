package org.switchboard.integration.erp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;

/**
 * The keys an idempotent delivery has delivered, in the appliance's database ({@code
 * erp_delivered}), so that "exactly one ticket per interaction" holds across redeliveries, replays
 * and restarts.
 */
final class DeliveryLedger implements IdempotentRepository {
  private final DataSource dataSource;
  private final String delivery;

  DeliveryLedger(DataSource dataSource, SchemaMigrations migrations, String delivery) {
    this.dataSource = dataSource;
    this.delivery = delivery;
    migrations.migrate(dataSource, MigrationPlan.forOwner("erp", DeliveryLedger.class));
  }

  @Override
  public boolean add(String key) {
    if (contains(key)) {
      return false;
    }
    try {
      return run(
          "INSERT INTO erp_delivered (delivery, delivery_key, delivered_at) VALUES (?, ?, ?)",
          key,
          s -> {
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            return s.executeUpdate() > 0;
          });
    } catch (SwitchboardException e) {
      if (contains(key)) {
        return false; // another consumer recorded it a moment ago
      }
      throw e;
    }
  }

  @Override
  public boolean contains(String key) {
    return run(
        "SELECT 1 FROM erp_delivered WHERE delivery = ? AND delivery_key = ?",
        key,
        s -> {
          try (ResultSet r = s.executeQuery()) {
            return r.next();
          }
        });
  }

  @Override
  public boolean remove(String key) {
    return run(
        "DELETE FROM erp_delivered WHERE delivery = ? AND delivery_key = ?",
        key,
        s -> s.executeUpdate() > 0);
  }

  /** What to do with a statement whose first two parameters are the delivery and the key. */
  @FunctionalInterface
  private interface Statement {
    boolean run(PreparedStatement s) throws SQLException;
  }

  private boolean run(String sql, String key, Statement work) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, delivery);
      s.setString(2, key);
      return work.run(s);
    } catch (SQLException e) {
      throw new SwitchboardException("delivery ledger, key " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean confirm(String key) {
    return true;
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException("the delivery ledger is never cleared");
  }

  @Override
  public void start() {
    // the table is migrated in the constructor
  }

  @Override
  public void stop() {
    // nothing held open
  }
}
