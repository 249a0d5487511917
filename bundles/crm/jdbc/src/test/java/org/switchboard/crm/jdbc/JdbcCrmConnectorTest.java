package org.switchboard.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.crm.api.CrmUnavailableException;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;

/** The JDBC connector against a real database (H2) standing in for the CRM's. */
class JdbcCrmConnectorTest {
  private JdbcDataSource db;

  @BeforeEach
  void setUp() throws Exception {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:crmdb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE contacts (contact_id INT PRIMARY KEY, full_name VARCHAR(100),"
              + " segment VARCHAR(20), score INT, phone VARCHAR(20), email VARCHAR(100),"
              + " account_name VARCHAR(100), open_orders INT)");
      s.execute(
          "INSERT INTO contacts VALUES (4711, 'Li Wei', 'gold', 35, '+49301234567',"
              + " 'li@example.com', 'ACME GmbH', 2)");
      s.execute(
          "INSERT INTO contacts VALUES (4712, 'O''Brien; DROP TABLE contacts', NULL, NULL,"
              + " '+49301234568', NULL, NULL, NULL)");
    }
  }

  private JdbcCrmConnector connector(Map<String, Object> settings) {
    return new JdbcCrmConnector(config(settings), db, Clock.systemUTC());
  }

  private JdbcCrmConnector standard() {
    return connector(
        Map.of(
            "query",
            "SELECT * FROM contacts WHERE ({kind} = 'phone' AND phone = {value})"
                + " OR ({kind} = 'email' AND email = {value})",
            "idColumn",
            "contact_id",
            "nameColumn",
            "full_name",
            "tierColumn",
            "segment",
            "priorityColumn",
            "score",
            "fields",
            new String[] {"Account=account_name, Open orders=open_orders"},
            "linkTemplate",
            "https://crm.example.com/contacts/{id}"));
  }

  @Test
  void aCustomerIsReadByTheConfiguredQueryAndColumns() throws Exception {
    ExternalCustomer c =
        standard().lookup(List.of(new Identity(IdentityKind.PHONE, "+49301234567"))).orElseThrow();

    assertThat(c.customerRef()).isEqualTo("erp-db:4711");
    assertThat(c.name()).isEqualTo("Li Wei");
    assertThat(c.tier()).isEqualTo("gold");
    assertThat(c.priority()).isEqualTo(35);
    assertThat(c.fields())
        .containsExactly(Map.entry("Account", "ACME GmbH"), Map.entry("Open orders", "2"));
    assertThat(c.link()).isEqualTo("https://crm.example.com/contacts/4711");
  }

  @Test
  void kindsAreTriedInTurnAndTheIdentityIsAParameterNotSql() throws Exception {
    JdbcCrmConnector c = standard();
    assertThat(
            c.lookup(
                    List.of(
                        new Identity(IdentityKind.PHONE, "+4930999"),
                        new Identity(IdentityKind.EMAIL, "li@example.com")))
                .orElseThrow()
                .id())
        .isEqualTo("4711");
    assertThat(c.lookup(List.of(new Identity(IdentityKind.EMAIL, "x' OR '1'='1")))).isEmpty();
    assertThat(
            c.lookup(List.of(new Identity(IdentityKind.PHONE, "+49301234568")))
                .orElseThrow()
                .name())
        .isEqualTo("O'Brien; DROP TABLE contacts");
    assertThat(c.lookup(List.of(new Identity(IdentityKind.CHAT, "visitor")))).isEmpty();
  }

  @Test
  void aFailingDatabaseIsUnavailableAndThenLeftAlone() throws Exception {
    JdbcCrmConnector c =
        connector(
            Map.of("query", "SELECT * FROM no_such_table WHERE x = {value}", "failuresToOpen", 2));
    List<Identity> phone = List.of(new Identity(IdentityKind.PHONE, "+49301234567"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> c.lookup(phone))
          .isInstanceOf(CrmUnavailableException.class)
          .hasMessageContaining("NO_SUCH_TABLE");
    }
    assertThatThrownBy(() -> c.lookup(phone)).hasMessageContaining("not asked until");

    JdbcCrmConnector noId =
        connector(
            Map.of(
                "query",
                "SELECT full_name FROM contacts WHERE phone = {value}",
                "idColumn",
                "full_name"));
    assertThat(noId.lookup(phone).orElseThrow().id()).isEqualTo("Li Wei");
  }

  @Test
  void aWrongConfigurationNamesTheSetting() {
    assertThatThrownBy(() -> connector(Map.of("query", "SELECT * FROM contacts")))
        .hasMessageContaining("{value}");
    assertThatThrownBy(
            () -> connector(Map.of("query", "SELECT 1 WHERE 1 = {value}", "idColumn", "id; DROP")))
        .hasMessageContaining("idColumn");
    assertThatThrownBy(
            () ->
                connector(
                    Map.of("query", "SELECT 1 WHERE 1 = {value}", "fields", new String[] {"x"})))
        .hasMessageContaining("fields");
    assertThatThrownBy(
            () -> connector(Map.of("query", "SELECT 1 WHERE 1 = {value}", "name", "Bad")))
        .hasMessageContaining("name");
  }

  /** The configuration with defaults as metatype declares them, overridden by {@code s}. */
  private static JdbcCrmConfig config(Map<String, Object> s) {
    return new JdbcCrmConfig() {
      private <T> T get(String key, T fallback) {
        @SuppressWarnings("unchecked")
        T v = (T) s.getOrDefault(key, fallback);
        return v;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return JdbcCrmConfig.class;
      }

      @Override
      public String name() {
        return get("name", "erp-db");
      }

      @Override
      public String dataSourceName() {
        return "crmdb";
      }

      @Override
      public String query() {
        return get("query", "");
      }

      @Override
      public String[] kinds() {
        return get("kinds", new String[] {"phone", "email"});
      }

      @Override
      public String idColumn() {
        return get("idColumn", "id");
      }

      @Override
      public String nameColumn() {
        return get("nameColumn", "full_name");
      }

      @Override
      public String tierColumn() {
        return get("tierColumn", "");
      }

      @Override
      public String priorityColumn() {
        return get("priorityColumn", "");
      }

      @Override
      public String[] fields() {
        return get("fields", new String[0]);
      }

      @Override
      public String linkTemplate() {
        return get("linkTemplate", "");
      }

      @Override
      public int timeoutSeconds() {
        return 1;
      }

      @Override
      public int failuresToOpen() {
        return get("failuresToOpen", 5);
      }

      @Override
      public int openSeconds() {
        return 30;
      }

      @Override
      public int ranking() {
        return 0;
      }
    };
  }
}
