package org.switchboard.platform.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.MigrationReport;
import org.switchboard.platform.db.SchemaMigrationException;

class FlywaySchemaMigrationsTest {
  private final FlywaySchemaMigrations migrations = new FlywaySchemaMigrations();
  private JdbcDataSource dataSource;

  @BeforeEach
  void newDatabase() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void appliesPendingMigrationsOnceAndReportsVersion() throws SQLException {
    MigrationReport first = migrations.migrate(dataSource, plan("alpha"));
    MigrationReport second = migrations.migrate(dataSource, plan("alpha"));

    assertThat(first).isEqualTo(new MigrationReport("alpha", 2, "2"));
    assertThat(second.applied()).isZero();
    assertThat(second.schemaVersion()).isEqualTo("2");
    assertThat(count("SELECT COUNT(*) FROM alpha_item")).isZero();
  }

  @Test
  void eachOwnerKeepsItsOwnHistoryInASharedSchema() throws SQLException {
    migrations.migrate(dataSource, plan("alpha"));

    MigrationReport beta = migrations.migrate(dataSource, plan("beta"));

    assertThat(beta.applied()).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM beta_item")).isZero();
    assertThat(count("SELECT COUNT(*) FROM \"schema_history_alpha\" WHERE \"script\" LIKE 'V%'"))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM \"schema_history_beta\" WHERE \"success\" AND \"version\" ="
                    + " '1'"))
        .isEqualTo(1);
  }

  @Test
  void failingScriptNamesOwnerAndScript() {
    assertThatThrownBy(() -> migrations.migrate(dataSource, plan("broken")))
        .isInstanceOf(SchemaMigrationException.class)
        .hasMessageContaining("'broken'")
        .hasMessageContaining("V1__broken.sql")
        .hasCauseInstanceOf(org.flywaydb.core.api.FlywayException.class);
  }

  @Test
  void missingLocationIsAClearError() {
    assertThatThrownBy(() -> migrations.migrate(dataSource, plan("nowhere")))
        .isInstanceOf(SchemaMigrationException.class)
        .hasMessageContaining("'nowhere'")
        .hasMessageContaining("db/migration/nowhere");
  }

  @Test
  void planRejectsBadValues() {
    ClassLoader loader = getClass().getClassLoader();
    assertThatThrownBy(() -> new MigrationPlan("x", loader, "db/migration/x", "history_x"))
        .hasMessageContaining("classpath:");
    assertThatThrownBy(() -> new MigrationPlan("x", loader, "classpath:db/x", "History; DROP"))
        .hasMessageContaining("historyTable");
    assertThatThrownBy(() -> new MigrationPlan("x", null, "classpath:db/x", "history_x"))
        .hasMessageContaining("classLoader");
    assertThat(MigrationPlan.forOwner("call-log", getClass()).historyTable())
        .isEqualTo("schema_history_call_log");
  }

  private MigrationPlan plan(String owner) {
    return MigrationPlan.forOwner(owner, getClass());
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
