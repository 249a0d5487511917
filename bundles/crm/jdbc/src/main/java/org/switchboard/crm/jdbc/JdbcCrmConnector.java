package org.switchboard.crm.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.switchboard.core.api.ConfigValues;
import org.switchboard.crm.api.CircuitBreaker;
import org.switchboard.crm.api.CrmConnector;
import org.switchboard.crm.api.CrmUnavailableException;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.crm.api.Identity;

/**
 * Reads customers from a CRM's database: the configured query per identity kind until one returns a
 * row. The identity goes in as a statement parameter, never into the SQL text; every query has a
 * timeout, and a database that keeps failing is left alone for a while.
 */
final class JdbcCrmConnector implements CrmConnector {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(value|kind)}");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final int MAX_TEXT = 500;

  private final String name;
  private final DataSource dataSource;
  private final String sql;
  private final List<String> parameters = new ArrayList<>();
  private final Set<String> kinds = new HashSet<>();
  private final String idColumn;
  private final String nameColumn;
  private final String tierColumn;
  private final String priorityColumn;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final String linkTemplate;
  private final int timeoutSeconds;
  private final CircuitBreaker breaker;

  /**
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  JdbcCrmConnector(JdbcCrmConfig c, DataSource dataSource, Clock clock) {
    this.name = c.name() == null ? "" : c.name().strip();
    if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException(
          "name: 1-32 lower-case letters, digits or dashes starting with a letter, got '"
              + c.name()
              + "'");
    }
    this.dataSource = dataSource;
    String query = c.query() == null ? "" : c.query().strip();
    Matcher m = PLACEHOLDER.matcher(query);
    while (m.find()) {
      parameters.add(m.group(1));
    }
    if (!parameters.contains("value")) {
      throw new IllegalArgumentException("query: it must use {value}, e.g. WHERE phone = {value}");
    }
    this.sql = m.replaceAll("?");
    for (String k : ConfigValues.list(c.kinds())) {
      kinds.add(k.toLowerCase(Locale.ROOT));
    }
    this.idColumn = column("idColumn", c.idColumn(), true);
    this.nameColumn = column("nameColumn", c.nameColumn(), false);
    this.tierColumn = column("tierColumn", c.tierColumn(), false);
    this.priorityColumn = column("priorityColumn", c.priorityColumn(), false);
    for (String f : ConfigValues.list(c.fields())) {
      int eq = f.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("fields: write 'Label=column', got '" + f + "'");
      }
      fields.put(f.substring(0, eq).strip(), column("fields", f.substring(eq + 1), true));
    }
    this.linkTemplate = c.linkTemplate() == null ? "" : c.linkTemplate().strip();
    this.timeoutSeconds = Math.max(1, c.timeoutSeconds());
    this.breaker =
        new CircuitBreaker(
            c.failuresToOpen(), Duration.ofSeconds(Math.max(1, c.openSeconds())), clock);
  }

  String name() {
    return name;
  }

  @Override
  public Optional<ExternalCustomer> lookup(List<Identity> identities)
      throws CrmUnavailableException {
    for (Identity id : identities) {
      if (kinds.contains(id.kind().id())) {
        Optional<ExternalCustomer> found = ask(id);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<ExternalCustomer> ask(Identity id) throws CrmUnavailableException {
    if (!breaker.allows()) {
      throw new CrmUnavailableException(
          "not asked until " + breaker.openUntil() + " after repeated failures");
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setQueryTimeout(timeoutSeconds);
      s.setMaxRows(1);
      for (int i = 0; i < parameters.size(); i++) {
        s.setString(i + 1, parameters.get(i).equals("value") ? id.value() : id.kind().id());
      }
      try (ResultSet r = s.executeQuery()) {
        Optional<ExternalCustomer> found = r.next() ? Optional.of(customer(r)) : Optional.empty();
        breaker.succeeded();
        return found;
      }
    } catch (SQLTimeoutException e) {
      breaker.failed();
      throw new CrmUnavailableException("no answer within " + timeoutSeconds + " s", e);
    } catch (SQLException e) {
      breaker.failed();
      throw new CrmUnavailableException("the CRM database failed: " + e.getMessage(), e);
    }
  }

  private ExternalCustomer customer(ResultSet r) throws SQLException, CrmUnavailableException {
    String customerId = text(r, idColumn);
    if (customerId == null) {
      throw new CrmUnavailableException("the row has no id in column " + idColumn);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      String v = text(r, f.getValue());
      if (v != null) {
        values.put(f.getKey(), v);
      }
    }
    String priority = text(r, priorityColumn);
    return new ExternalCustomer(
        name,
        customerId,
        text(r, nameColumn),
        text(r, tierColumn),
        priority == null ? 0 : parseOrZero(priority),
        values,
        linkTemplate.isEmpty() ? null : linkTemplate.replace("{id}", customerId));
  }

  private static int parseOrZero(String v) {
    try {
      return (int) Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(ResultSet r, String column) throws SQLException {
    if (column == null) {
      return null;
    }
    String v = r.getString(column);
    if (v == null || v.isBlank()) {
      return null;
    }
    v = v.strip();
    return v.length() > MAX_TEXT ? v.substring(0, MAX_TEXT) : v;
  }

  private static String column(String setting, String value, boolean required) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty() && !required) {
      return null;
    }
    if (!COLUMN.matcher(v).matches()) {
      throw new IllegalArgumentException(setting + ": '" + value + "' is not a column name");
    }
    return v;
  }
}
