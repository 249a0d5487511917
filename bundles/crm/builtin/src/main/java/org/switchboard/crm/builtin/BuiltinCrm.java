package org.switchboard.crm.builtin;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerDraft;
import org.switchboard.crm.api.CustomerNote;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;
import org.switchboard.crm.api.ImportReport;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;

/**
 * The built-in CRM on the appliance's database. Writes are serialised (one node, like the core) so
 * that the identity check and the cache invalidation of a write see every earlier write; lookups by
 * identity are answered from {@link CustomerCache}.
 */
@Component(service = CustomerService.class, configurationPid = "org.switchboard.crm")
@Designate(ocd = CrmConfig.class)
public class BuiltinCrm implements CustomerService {
  private static final int PAGE = 500;

  private final DataSource dataSource;
  private final Identities identities;
  private final CustomerCache cache;
  private final Clock clock;
  private final ReentrantLock writes = new ReentrantLock();

  @Activate
  public BuiltinCrm(
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations,
      CrmConfig config) {
    this(dataSource, migrations, config.defaultRegion(), config.cacheSize(), Clock.systemUTC());
  }

  BuiltinCrm(
      DataSource dataSource,
      SchemaMigrations migrations,
      String defaultRegion,
      int cacheSize,
      Clock clock) {
    this.dataSource = dataSource;
    this.identities = new Identities(defaultRegion);
    this.cache = new CustomerCache(cacheSize);
    this.clock = clock;
    migrations.migrate(dataSource, MigrationPlan.forOwner("crm", BuiltinCrm.class));
  }

  @Override
  public Identity normalize(IdentityKind kind, String value) {
    return identities.normalize(kind, value);
  }

  @Override
  public Customer create(CustomerDraft draft) {
    Instant now = now();
    Customer x = build(UUID.randomUUID().toString(), normalized(draft), now, now, 1);
    return write(
        c -> {
          requireFree(c, x.identities(), null);
          CustomerRows.insert(c, x);
          return x;
        },
        x.identities());
  }

  @Override
  public Customer update(String id, long version, CustomerDraft draft) {
    Identifiers.require("id", id);
    CustomerDraft d = normalized(draft);
    Set<Identity> touched = new HashSet<>(d.identities());
    return write(
        c -> {
          Customer old =
              CustomerRows.find(c, id).orElseThrow(() -> new NotFoundException("customer", id));
          if (version != 0 && version != old.version()) {
            throw new ConflictException(
                "customer "
                    + id
                    + " is at version "
                    + old.version()
                    + ", not "
                    + version
                    + "; reload and retry");
          }
          touched.addAll(old.identities());
          requireFree(c, d.identities(), id);
          Customer next = build(id, d, old.createdAt(), now(), old.version() + 1);
          if (!CustomerRows.update(c, next, old.version())) {
            throw new ConflictException("customer " + id + " changed concurrently; retry");
          }
          return next;
        },
        touched);
  }

  @Override
  public Optional<Customer> find(String id) {
    return id == null ? Optional.empty() : read(c -> CustomerRows.find(c, id));
  }

  @Override
  public Optional<Customer> findByIdentity(Identity identity) {
    // The cache holds normalised identities only, so an identity found as given is one already
    // normalised (most lookups: the directory normalises first): no second libphonenumber parse.
    Optional<Customer> asGiven = cache.get(identity);
    if (asGiven != null) {
      return asGiven;
    }
    Identity i = identities.normalize(identity);
    Optional<Customer> cached = cache.get(i);
    if (cached != null) {
      return cached;
    }
    long readAt = cache.generation();
    Optional<Customer> found = read(c -> CustomerRows.owner(c, i).flatMap(owner -> find(c, owner)));
    cache.put(i, found, readAt);
    return found;
  }

  @Override
  public List<Customer> search(String text, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new ValidationException("limit", "must be between 1 and 1000, got " + limit);
    }
    String t = text == null ? "" : text.strip();
    return read(c -> CustomerRows.search(c, t, limit));
  }

  @Override
  public Customer merge(String survivorId, String duplicateId) {
    Identifiers.require("survivor", survivorId);
    Identifiers.require("duplicate", duplicateId);
    if (survivorId.equals(duplicateId)) {
      throw new ValidationException("duplicate", "a customer cannot be merged into themself");
    }
    Set<Identity> touched = new HashSet<>();
    return write(
        c -> {
          Customer keep =
              CustomerRows.find(c, survivorId)
                  .orElseThrow(() -> new NotFoundException("customer", survivorId));
          Customer gone =
              CustomerRows.find(c, duplicateId)
                  .orElseThrow(() -> new NotFoundException("customer", duplicateId));
          touched.addAll(keep.identities());
          touched.addAll(gone.identities());
          NoteRows.move(c, duplicateId, survivorId);
          CustomerRows.delete(c, duplicateId);
          Customer merged =
              build(survivorId, Merge.of(keep, gone), keep.createdAt(), now(), keep.version() + 1);
          if (!CustomerRows.update(c, merged, keep.version())) {
            throw new ConflictException("customer " + survivorId + " changed concurrently; retry");
          }
          return merged;
        },
        touched);
  }

  @Override
  public CustomerNote addNote(String customerId, String author, String text, String interactionId) {
    Identifiers.require("customer", customerId);
    Identifiers.require("author", author);
    String body = text == null ? "" : text.strip();
    if (body.isEmpty() || body.length() > CustomerNote.MAX_LENGTH) {
      throw new ValidationException(
          "text", "a note is 1 to " + CustomerNote.MAX_LENGTH + " characters");
    }
    CustomerNote note =
        new CustomerNote(
            UUID.randomUUID().toString(), customerId, author, body, interactionId, now());
    return write(
        c -> {
          if (CustomerRows.find(c, customerId).isEmpty()) {
            throw new NotFoundException("customer", customerId);
          }
          NoteRows.insert(c, note);
          return note;
        },
        Set.of());
  }

  @Override
  public List<CustomerNote> notes(String customerId, int limit) {
    Identifiers.require("customer", customerId);
    int rows = Math.min(Math.max(limit, 1), 500);
    return read(c -> NoteRows.newest(c, customerId, rows));
  }

  @Override
  public void delete(String id) {
    Identifiers.require("id", id);
    Set<Identity> touched = new HashSet<>();
    write(
        c -> {
          Customer x =
              CustomerRows.find(c, id).orElseThrow(() -> new NotFoundException("customer", id));
          touched.addAll(x.identities());
          CustomerRows.delete(c, id);
          return null;
        },
        touched);
  }

  @Override
  public ImportReport importCsv(Reader csv) throws IOException {
    return new CustomerCsv(this).importFrom(csv);
  }

  @Override
  public ImportReport sync(List<CustomerDraft> records) {
    return CustomerUpsert.applyAll(this, records);
  }

  @Override
  public void exportCsv(Appendable out) throws IOException {
    CustomerCsv writer = new CustomerCsv(this);
    String after = "";
    while (true) {
      String from = after;
      List<Customer> page = read(c -> CustomerRows.page(c, from, PAGE));
      writer.write(page, out, after.isEmpty());
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /** Identities kept in memory now (for health and tests). */
  int cached() {
    return cache.size();
  }

  // ---- inside ---------------------------------------------------------------------------------

  private CustomerDraft normalized(CustomerDraft d) {
    Set<Identity> unique = new LinkedHashSet<>();
    for (Identity i : d.identities()) {
      unique.add(identities.normalize(i));
    }
    return new CustomerDraft(
        d.name(), d.tier(), d.priority(), d.tags(), d.consents(), new ArrayList<>(unique));
  }

  private static Customer build(
      String id, CustomerDraft d, Instant created, Instant updated, long version) {
    return new Customer(
        id,
        d.name(),
        d.tier(),
        d.priority(),
        d.tags(),
        d.consents(),
        d.identities(),
        created,
        updated,
        version);
  }

  /** Fails when one of the identities belongs to a customer other than {@code self}. */
  private static void requireFree(Connection c, List<Identity> wanted, String self)
      throws SQLException {
    for (Identity i : wanted) {
      Optional<String> owner = CustomerRows.owner(c, i);
      if (owner.isPresent() && !owner.get().equals(self)) {
        throw new ConflictException(
            i + " already belongs to customer " + owner.get() + "; merge the two instead");
      }
    }
  }

  private static Optional<Customer> find(Connection c, String id) {
    try {
      return CustomerRows.find(c, id);
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Work on one connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  /** One transaction under the write lock; the identities touched leave the cache after it. */
  private <T> T write(Work<T> work, Set<Identity> touched) {
    writes.lock();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
        cache.invalidate(touched);
      }
    } catch (SQLException e) {
      throw databaseError(e);
    } finally {
      writes.unlock();
    }
  }

  private <T> T write(Work<T> work, List<Identity> touched) {
    return write(work, new HashSet<>(touched));
  }

  private static SwitchboardException databaseError(SQLException e) {
    return new SwitchboardException(
        "database error (" + e.getSQLState() + "): " + e.getMessage() + "; nothing was changed", e);
  }

  /** How a duplicate's data joins the survivor's. */
  private static final class Merge {
    private Merge() {}

    static CustomerDraft of(Customer keep, Customer gone) {
      Set<String> tags = new LinkedHashSet<>(keep.tags());
      tags.addAll(gone.tags());
      Map<String, Boolean> consents = new HashMap<>(gone.consents());
      consents.putAll(keep.consents());
      Set<Identity> ids = new LinkedHashSet<>(keep.identities());
      ids.addAll(gone.identities());
      return new CustomerDraft(
          keep.name(),
          keep.tier(),
          Math.max(keep.priority(), gone.priority()),
          tags, // more than the limits together: the draft refuses the merge, nothing is lost
          consents,
          new ArrayList<>(ids));
    }
  }
}
