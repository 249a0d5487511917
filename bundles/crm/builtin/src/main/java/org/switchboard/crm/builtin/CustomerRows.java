package org.switchboard.crm.builtin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;

/** The crm_customer and crm_identity tables. Every method runs on the caller's connection. */
final class CustomerRows {
  private static final String COLUMNS =
      "id, name, tier, priority, tags, consents, created_at, updated_at, version";

  private CustomerRows() {}

  static void insert(Connection c, Customer x) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO crm_customer (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, x.id());
      fill(ps, 2, x);
      ps.executeUpdate();
    }
    insertIdentities(c, x);
  }

  /** Replaces the row and its identities if its version is {@code expected}; false otherwise. */
  static boolean update(Connection c, Customer x, long expected) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE crm_customer SET name = ?, tier = ?, priority = ?, tags = ?, consents = ?,"
                + " created_at = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")) {
      fill(ps, 1, x);
      ps.setString(9, x.id());
      ps.setLong(10, expected);
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM crm_identity WHERE customer_id = ?")) {
      ps.setString(1, x.id());
      ps.executeUpdate();
    }
    insertIdentities(c, x);
    return true;
  }

  static void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_customer WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  static Optional<Customer> find(Connection c, String id) throws SQLException {
    List<Customer> found = select(c, "WHERE id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Who an identity belongs to, if anyone. */
  static Optional<String> owner(Connection c, Identity i) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT customer_id FROM crm_identity WHERE kind = ? AND address = ?")) {
      ps.setString(1, i.kind().name());
      ps.setString(2, i.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static List<Customer> search(Connection c, String text, int limit) throws SQLException {
    String like =
        "%"
            + text.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
            + "%";
    return select(
        c,
        "WHERE LOWER(name) LIKE ? ESCAPE '\\' ORDER BY name, id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        like);
  }

  /** Customers after {@code afterId} by id, at most {@code limit} (to walk the whole table). */
  static List<Customer> page(Connection c, String afterId, int limit) throws SQLException {
    return select(c, "WHERE id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", afterId);
  }

  private static List<Customer> select(Connection c, String where, String param)
      throws SQLException {
    Map<String, Customer> rows = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM crm_customer " + where)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Customer x = row(rs, List.of());
          rows.put(x.id(), x);
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<Identity>> identities = identitiesOf(c, rows.keySet());
    List<Customer> out = new ArrayList<>();
    for (Customer x : rows.values()) {
      out.add(withIdentities(x, identities.getOrDefault(x.id(), List.of())));
    }
    return out;
  }

  private static Map<String, List<Identity>> identitiesOf(Connection c, Set<String> ids)
      throws SQLException {
    Map<String, List<Identity>> out = new TreeMap<>();
    String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT customer_id, kind, address FROM crm_identity WHERE customer_id IN ("
                + marks
                + ") ORDER BY customer_id, kind, address")) {
      int k = 1;
      for (String id : ids) {
        ps.setString(k++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), x -> new ArrayList<>())
              .add(new Identity(IdentityKind.valueOf(rs.getString(2)), rs.getString(3)));
        }
      }
    }
    return out;
  }

  private static void insertIdentities(Connection c, Customer x) throws SQLException {
    if (x.identities().isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO crm_identity (kind, address, customer_id) VALUES (?, ?, ?)")) {
      for (Identity i : new HashSet<>(x.identities())) {
        ps.setString(1, i.kind().name());
        ps.setString(2, i.value());
        ps.setString(3, x.id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void fill(PreparedStatement ps, int from, Customer x) throws SQLException {
    ps.setString(from, x.name());
    ps.setString(from + 1, x.tier());
    ps.setInt(from + 2, x.priority());
    ps.setString(from + 3, String.join("|", new TreeSet<>(x.tags())));
    ps.setString(from + 4, consents(x.consents()));
    ps.setTimestamp(from + 5, Timestamp.from(x.createdAt()));
    ps.setTimestamp(from + 6, Timestamp.from(x.updatedAt()));
    ps.setLong(from + 7, x.version());
  }

  private static Customer row(ResultSet rs, List<Identity> identities) throws SQLException {
    return new Customer(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("tier"),
        rs.getInt("priority"),
        tags(rs.getString("tags")),
        consents(rs.getString("consents")),
        identities,
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")),
        rs.getLong("version"));
  }

  private static Customer withIdentities(Customer x, List<Identity> identities) {
    return new Customer(
        x.id(),
        x.name(),
        x.tier(),
        x.priority(),
        x.tags(),
        x.consents(),
        identities,
        x.createdAt(),
        x.updatedAt(),
        x.version());
  }

  private static Set<String> tags(String joined) {
    return joined.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(joined.split("\\|")));
  }

  private static String consents(Map<String, Boolean> consents) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(consents).forEach((k, v) -> parts.add(k + "=" + v));
    return String.join("|", parts);
  }

  private static Map<String, Boolean> consents(String joined) {
    Map<String, Boolean> out = new TreeMap<>();
    if (!joined.isEmpty()) {
      for (String part : joined.split("\\|")) {
        int eq = part.indexOf('=');
        out.put(part.substring(0, eq), Boolean.parseBoolean(part.substring(eq + 1)));
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t.toInstant();
  }
}
