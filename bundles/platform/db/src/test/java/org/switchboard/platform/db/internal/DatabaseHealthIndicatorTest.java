package org.switchboard.platform.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.health.Health;

class DatabaseHealthIndicatorTest {

  @Test
  void upWithUrlAndProductButNoCredentials() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:health;DB_CLOSE_DELAY=-1;PASSWORD=hunter2");
    h2.setUser("sa");

    Health health = new DatabaseHealthIndicator(h2).check();

    assertThat(health.status()).isEqualTo(Health.Status.UP);
    assertThat(health.metrics().get("product").toString()).startsWith("H2 ");
    assertThat(health.metrics().get("url").toString())
        .startsWith("jdbc:h2:mem:health")
        .doesNotContain("hunter2");
  }

  @Test
  void downWithoutDataSource() {
    Health health = new DatabaseHealthIndicator().check();

    assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.detail()).contains("(dataSourceName=switchboard)");
  }

  @Test
  void downWhenConnectionFailsAndSecretsAreRedacted() {
    DataSource failing =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException("cannot reach jdbc:postgresql://db/x?user=sb&password=s3");
                });

    Health health = new DatabaseHealthIndicator(failing).check();

    assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    assertThat(health.detail()).contains("cannot reach").doesNotContain("s3").doesNotContain("sb&");
  }

  @Test
  void redactsUserInfoAndParameters() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://bob:pw@host:5432/sb?ssl=true&password=pw"))
        .isEqualTo("jdbc:postgresql://***@host:5432/sb?ssl=true&password=***");
    assertThat(JdbcUrls.redact(null)).isEmpty();
    assertThat(new DatabaseHealthIndicator().component()).isEqualTo("db");
  }
}
