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
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO erp_delivered (delivery, delivery_key, delivered_at) VALUES (?, ?, ?)")) {
      s.setString(1, delivery);
      s.setString(2, key);
      s.setTimestamp(3, Timestamp.from(Instant.now()));
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (contains(key)) {
        return false; // another consumer recorded it a moment ago
      }
      throw new SwitchboardException("cannot record delivery " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean contains(String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT 1 FROM erp_delivered WHERE delivery = ? AND delivery_key = ?")) {
      s.setString(1, delivery);
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw new SwitchboardException("cannot read delivery " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean remove(String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM erp_delivered WHERE delivery = ? AND delivery_key = ?")) {
      s.setString(1, delivery);
      s.setString(2, key);
      return s.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new SwitchboardException("cannot remove delivery " + key + ": " + e.getMessage(), e);
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
