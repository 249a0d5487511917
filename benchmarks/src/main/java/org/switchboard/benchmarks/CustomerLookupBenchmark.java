package org.switchboard.benchmarks;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;
import org.switchboard.crm.api.ImportReport;
import org.switchboard.crm.builtin.BuiltinCrm;
import org.switchboard.crm.builtin.CrmConfig;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;

/**
 * Customer lookups by phone number in the built-in CRM with 1,000,000 customers (one phone number
 * each) on the appliance's database setup (H2 file, {@code MODE=PostgreSQL}, pooled), the cache
 * sized as on the appliance (100,000 identities). What is measured:
 *
 * <ul>
 *   <li>{@code repeatCallerCached}: {@link CustomerService#findByIdentity} for one of 50,000
 *       numbers that called before (all in the cache): the common case.
 *   <li>{@code repeatCallerAsDialled}: the same, with the number as the channel saw it (national
 *       format) normalised first, as the directory does for every new contact.
 *   <li>{@code anyCallerApplianceCache}: a random one of the 1,000,000 numbers through the 100,000
 *       entry cache (mostly misses).
 *   <li>{@code anyCallerDatabase}: a random one of the 1,000,000 through a CRM whose cache holds
 *       one entry: every lookup goes to the indexed tables.
 *   <li>{@code unknownCaller}: a number nobody has (each one once), through the appliance cache.
 *   <li>{@code normalizeNational}, {@code normalizeE164}: {@link CustomerService#normalize} alone.
 *   <li>References: {@code referenceHashMap} (a {@code HashMap<String, String>} of the same
 *       1,000,000 E.164 strings to customer ids) and {@code referenceLibphonenumberParse}
 *       (libphonenumber's parse of the national number, nothing else).
 * </ul>
 *
 * <p>The database is loaded once and kept for later forks and runs, in {@code
 * ${java.io.tmpdir}/switchboard-crm-bench-<customers>} (delete it to load again): the first {@code
 * csvRows} customers through {@link CustomerService#importCsv} (the supported way, timed), the rest
 * with batched SQL in the exact format the service writes, then checked through the service.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CustomerLookupBenchmark -bm thrpt -tu s
 * -prof gc} (throughput), and {@code java -jar benchmarks/target/benchmarks.jar
 * "CustomerLookupBenchmark.(repeatCallerCached|anyCallerDatabase|unknownCaller)$" -bm sample -tu us
 * -wi 8} (latency percentiles). {@code -p h2Settings=;CACHE_SIZE=524288} tries a larger H2 page
 * cache.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CustomerLookupBenchmark {
  static final String REGION = "DE";
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** The numbers of the run, the same in every fork (a function of the index). */
  @State(Scope.Benchmark)
  public static class Numbers {
    @Param("1000000")
    public int customers;

    /** Callers who called before: all in the cache. */
    @Param("50000")
    public int repeatCallers;

    /** {@code +49151} and 8 digits, as stored (E.164). */
    Identity[] known;

    /** The same numbers as dialled in Germany ({@code 0151 1234 5678}). */
    String[] national;

    /** Numbers nobody has ({@code +49160...}), in a random order. */
    Identity[] unknown;

    @Setup(Level.Trial)
    public void setUp() {
      known = new Identity[customers];
      national = new String[customers];
      for (int i = 0; i < customers; i++) {
        String digits = subscriber(i);
        known[i] = new Identity(IdentityKind.PHONE, "+49151" + digits);
        national[i] = national(i);
      }
      unknown = new Identity[customers];
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < customers; i++) {
        unknown[i] =
            new Identity(IdentityKind.PHONE, "+49160" + eightDigits(random.nextInt(100_000_000)));
      }
    }

    /** Distinct for every index below 10^8: 7919 is coprime with 10^8. */
    static String subscriber(int i) {
      return eightDigits((i * 7919L + 12_345L) % 100_000_000L);
    }

    static String eightDigits(long v) {
      String s = Long.toString(v);
      return "00000000".substring(s.length()) + s;
    }

    static String national(int i) {
      String d = subscriber(i);
      return "0151 " + d.substring(0, 4) + " " + d.substring(4);
    }
  }

  /** Where each thread is in the numbers. */
  @State(Scope.Thread)
  public static class Cursor {
    private SplittableRandom random;
    private int customers;
    private int repeatCallers;
    private int next;

    @Setup(Level.Trial)
    public void setUp(Numbers n) {
      random = new SplittableRandom(Thread.currentThread().getId() * 31 + 1);
      customers = n.customers;
      repeatCallers = n.repeatCallers;
      next = random.nextInt(customers);
    }

    int any() {
      return random.nextInt(customers);
    }

    int repeatCaller() {
      return random.nextInt(repeatCallers);
    }

    /** Each index once (the unknown numbers are in random order already). */
    int nextUnseen() {
      next = next + 1 == customers ? 0 : next + 1;
      return next;
    }
  }

  /** The built-in CRM over the loaded database: one with the appliance's cache, one without. */
  @State(Scope.Benchmark)
  public static class Directory {
    /** The appliance's default ({@code cacheSize} of PID {@code org.switchboard.crm}). */
    @Param("100000")
    public int cacheSize;

    /** Customers created through the CSV import (timed); the rest by SQL. */
    @Param("10000")
    public int csvRows;

    /**
     * Appended to the appliance's H2 URL, e.g. {@code ;CACHE_SIZE=524288} (KiB; H2's default page
     * cache is 16 MiB).
     */
    @Param("")
    public String h2Settings;

    JdbcConnectionPool pool;
    CustomerService crm;
    CustomerService uncached;

    @Setup(Level.Trial)
    public void setUp(Numbers n) throws Exception {
      Path dir =
          Path.of(System.getProperty("java.io.tmpdir"), "switchboard-crm-bench-" + n.customers);
      Path marker = dir.resolve("loaded.properties");
      Properties loaded = new Properties();
      if (Files.exists(marker)) {
        try (var in = Files.newBufferedReader(marker)) {
          loaded.load(in);
        }
      }
      boolean reuse =
          Integer.toString(csvRows).equals(loaded.getProperty("csvRows"))
              && Integer.toString(n.customers).equals(loaded.getProperty("customers"));
      if (!reuse) {
        delete(dir);
        Files.createDirectories(dir);
      }
      pool = open(dir, h2Settings);
      crm = new BuiltinCrm(pool, new FlywaySchemaMigrations(), config(cacheSize));
      if (!reuse) {
        loaded = load(crm, pool, n, csvRows);
        check(crm, pool, n, csvRows);
        loaded.setProperty("bytesAfterLoad", Long.toString(size(dir)));
        store(loaded, marker);
      }
      if (loaded.getProperty("bytesCompacted") == null) {
        // H2 leaves the file of a bulk load mostly empty pages (4.6 GB for the million, fill rate
        // 20 %); measure on the compacted file, as after a restart with SHUTDOWN COMPACT.
        try (Connection c = pool.getConnection();
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN COMPACT");
        }
        pool.dispose();
        pool = open(dir, h2Settings);
        crm = new BuiltinCrm(pool, new FlywaySchemaMigrations(), config(cacheSize));
        loaded.setProperty("bytesCompacted", Long.toString(size(dir)));
        store(loaded, marker);
      }
      uncached = new BuiltinCrm(pool, new FlywaySchemaMigrations(), config(1));
      System.out.println();
      System.out.println(
          "CRM database " + dir + " (" + mib(size(dir)) + " MiB on disk): " + loaded);

      long before = heapAfterGc();
      for (int i = 0; i < n.repeatCallers; i++) {
        crm.findByIdentity(n.known[i]).orElseThrow();
      }
      long after = heapAfterGc();
      System.out.printf(
          Locale.ROOT,
          "heap used after GC: %.0f MiB with %d callers cached (%.0f MiB before; %.0f bytes per"
              + " cached caller, H2's page cache included)%n",
          mib(after),
          n.repeatCallers,
          mib(before),
          (after - before) / (double) n.repeatCallers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.dispose();
    }
  }

  /**
   * The database as the appliance opens it (pax-jdbc: H2 file, PostgreSQL mode, 10 connections).
   */
  static JdbcConnectionPool open(Path dir, String settings) {
    JdbcConnectionPool pool =
        JdbcConnectionPool.create(
            "jdbc:h2:file:"
                + dir.resolve("switchboard")
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
                + settings,
            "sa",
            "");
    pool.setMaxConnections(10);
    return pool;
  }

  static void store(Properties p, Path marker) throws IOException {
    try (var out = Files.newBufferedWriter(marker)) {
      p.store(out, "customers loaded by CustomerLookupBenchmark");
    }
  }

  /** A CRM for normalisation only (no customers, nothing loaded). */
  @State(Scope.Benchmark)
  public static class Normalizer {
    JdbcConnectionPool pool;
    CustomerService crm;

    @Setup(Level.Trial)
    public void setUp() {
      pool = JdbcConnectionPool.create("jdbc:h2:mem:normalize;MODE=PostgreSQL", "sa", "");
      crm = new BuiltinCrm(pool, new FlywaySchemaMigrations(), config(1000));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.dispose();
    }
  }

  /** The reference: every E.164 number to its customer id in a plain HashMap. */
  @State(Scope.Benchmark)
  public static class Reference {
    Map<String, String> byNumber;
    String[] e164;

    @Setup(Level.Trial)
    public void setUp(Numbers n) {
      byNumber = new HashMap<>();
      e164 = new String[n.customers];
      for (int i = 0; i < n.customers; i++) {
        e164[i] = n.known[i].value();
        byNumber.put(e164[i], UUID.randomUUID().toString());
      }
    }
  }

  // ---- the benchmarks -------------------------------------------------------------------------

  /** A caller who called before: answered from the cache (after normalising the number). */
  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  public Optional<Customer> repeatCallerCached(Directory d, Numbers n, Cursor c) {
    return d.crm.findByIdentity(n.known[c.repeatCaller()]);
  }

  /** The directory's path: the number as dialled, normalised, then looked up (cached). */
  @Benchmark
  public Optional<Customer> repeatCallerAsDialled(Directory d, Numbers n, Cursor c) {
    return d.crm.findByIdentity(d.crm.normalize(IdentityKind.PHONE, n.national[c.repeatCaller()]));
  }

  /** Any of the million through the appliance's cache of 100,000: mostly database lookups. */
  @Benchmark
  public Optional<Customer> anyCallerApplianceCache(Directory d, Numbers n, Cursor c) {
    return d.crm.findByIdentity(n.known[c.any()]);
  }

  /** Any of the million, every lookup from the database (a cache of one entry). */
  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  public Optional<Customer> anyCallerDatabase(Directory d, Numbers n, Cursor c) {
    return d.uncached.findByIdentity(n.known[c.any()]);
  }

  /** A number nobody has, each one once: a database miss, then "nobody" is cached. */
  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  public Optional<Customer> unknownCaller(Directory d, Numbers n, Cursor c) {
    return d.crm.findByIdentity(n.unknown[c.nextUnseen()]);
  }

  /** Normalising a number in national format ({@code 0151 1234 5678}, region DE). */
  @Benchmark
  public Identity normalizeNational(Normalizer z, Numbers n, Cursor c) {
    return z.crm.normalize(IdentityKind.PHONE, n.national[c.any()]);
  }

  /** Normalising a number already in E.164: what every findByIdentity does first. */
  @Benchmark
  public Identity normalizeE164(Normalizer z, Numbers n, Cursor c) {
    return z.crm.normalize(IdentityKind.PHONE, n.known[c.any()].value());
  }

  /** Reference: libphonenumber's parse of the national number alone. */
  @Benchmark
  public PhoneNumber referenceLibphonenumberParse(Numbers n, Cursor c) throws NumberParseException {
    return PHONES.parse(n.national[c.any()], REGION);
  }

  /** Reference: a HashMap lookup of the same E.164 strings. */
  @Benchmark
  public String referenceHashMap(Reference r, Cursor c) {
    return r.byNumber.get(r.e164[c.any()]);
  }

  // ---- loading --------------------------------------------------------------------------------

  /**
   * The first {@code csvRows} customers through the CSV import, the rest by batched SQL in the
   * format {@code CustomerRows.insert} writes (random UUID, tags joined by '|' in order, no
   * consents, version 1, timestamps to the millisecond, one identity row each).
   */
  static Properties load(CustomerService crm, JdbcConnectionPool pool, Numbers n, int csvRows)
      throws IOException, SQLException {
    int viaCsv = Math.min(csvRows, n.customers);
    StringBuilder csv = new StringBuilder("name,tier,priority,tags,phone\n");
    for (int i = 0; i < viaCsv; i++) {
      csv.append(name(i))
          .append(',')
          .append(tier(i))
          .append(',')
          .append(priority(i))
          .append(',')
          .append(tags(i))
          .append(',')
          .append(n.national[i])
          .append('\n');
    }
    long t0 = System.nanoTime();
    ImportReport report = crm.importCsv(new StringReader(csv.toString()));
    double csvSeconds = (System.nanoTime() - t0) / 1e9;
    if (report.created() != viaCsv || report.failedRows() != 0) {
      throw new IllegalStateException("CSV import: " + report);
    }

    long t1 = System.nanoTime();
    Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    int rest = n.customers - viaCsv;
    String[] ids = new String[rest];
    String[] numbers = new String[rest];
    for (int k = 0; k < rest; k++) {
      ids[k] = UUID.randomUUID().toString();
      numbers[k] = crm.normalize(IdentityKind.PHONE, n.national[viaCsv + k]).value();
    }
    // Rows in key order (ids, resp. numbers, sorted): the same rows, inserted faster into H2's
    // B-trees than in random order.
    Integer[] byId = new Integer[rest];
    Integer[] byNumber = new Integer[rest];
    for (int k = 0; k < rest; k++) {
      byId[k] = k;
      byNumber[k] = k;
    }
    java.util.Arrays.sort(byId, java.util.Comparator.comparing(k -> ids[k]));
    java.util.Arrays.sort(byNumber, java.util.Comparator.comparing(k -> numbers[k]));
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement customer =
          c.prepareStatement(
              "INSERT INTO crm_customer (id, name, tier, priority, tags, consents, created_at,"
                  + " updated_at, version) VALUES (?, ?, ?, ?, ?, '', ?, ?, 1)")) {
        for (int j = 0; j < rest; j++) {
          int k = byId[j];
          int i = viaCsv + k;
          customer.setString(1, ids[k]);
          customer.setString(2, name(i));
          customer.setString(3, tier(i));
          customer.setInt(4, priority(i));
          customer.setString(5, tags(i));
          customer.setTimestamp(6, now);
          customer.setTimestamp(7, now);
          customer.addBatch();
          if ((j + 1) % 5000 == 0 || j + 1 == rest) {
            customer.executeBatch();
            c.commit();
          }
        }
      }
      try (PreparedStatement identity =
          c.prepareStatement(
              "INSERT INTO crm_identity (kind, address, customer_id) VALUES ('PHONE', ?, ?)")) {
        for (int j = 0; j < rest; j++) {
          int k = byNumber[j];
          identity.setString(1, numbers[k]);
          identity.setString(2, ids[k]);
          identity.addBatch();
          if ((j + 1) % 5000 == 0 || j + 1 == rest) {
            identity.executeBatch();
            c.commit();
          }
        }
      }
    }
    double sqlSeconds = (System.nanoTime() - t1) / 1e9;
    Properties p = new Properties();
    p.setProperty("customers", Integer.toString(n.customers));
    p.setProperty("csvRows", Integer.toString(viaCsv));
    p.setProperty(
        "csvImportRowsPerSecond", String.format(Locale.ROOT, "%.0f", viaCsv / csvSeconds));
    p.setProperty("csvImportSeconds", String.format(Locale.ROOT, "%.1f", csvSeconds));
    p.setProperty("sqlRows", Integer.toString(n.customers - viaCsv));
    p.setProperty("sqlLoadSeconds", String.format(Locale.ROOT, "%.1f", sqlSeconds));
    return p;
  }

  /**
   * Checks that the SQL rows are what the service writes: the same shape as the imported ones, one
   * distinct identity per customer, and a sample read back through the service as built.
   */
  static void check(CustomerService crm, JdbcConnectionPool pool, Numbers n, int csvRows)
      throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      long customers = count(s, "SELECT COUNT(*) FROM crm_customer");
      long identities = count(s, "SELECT COUNT(DISTINCT address) FROM crm_identity");
      long orphans =
          count(
              s,
              "SELECT COUNT(*) FROM crm_customer c WHERE NOT EXISTS"
                  + " (SELECT 1 FROM crm_identity i WHERE i.customer_id = c.id)");
      long odd =
          count(
              s,
              "SELECT COUNT(*) FROM crm_customer WHERE consents <> '' OR version <> 1"
                  + " OR created_at <> updated_at OR LENGTH(id) <> 36");
      if (customers != n.customers || identities != n.customers || orphans != 0 || odd != 0) {
        throw new IllegalStateException(
            String.format(
                "loaded %d customers, %d identities, %d without one, %d odd rows",
                customers, identities, orphans, odd));
      }
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < 2000; k++) {
      // half from the imported customers, half from all
      int i = random.nextInt(k < 1000 ? Math.max(1, Math.min(csvRows, n.customers)) : n.customers);
      Customer x =
          crm.findByIdentity(crm.normalize(IdentityKind.PHONE, n.national[i]))
              .orElseThrow(() -> new IllegalStateException("a loaded number is not found"));
      boolean as =
          x.name().equals(name(i))
              && x.tier().equals(tier(i))
              && x.priority() == priority(i)
              && x.tags().equals(tags(i).isEmpty() ? Set.of() : Set.of(tags(i).split("\\|")))
              && x.consents().isEmpty()
              && x.identities().equals(List.of(n.known[i]))
              && x.version() == 1
              && crm.find(x.id()).orElseThrow().equals(x);
      if (!as) {
        throw new IllegalStateException("customer " + i + " reads back as " + x);
      }
    }
  }

  static String name(int i) {
    return "Customer " + i;
  }

  static String tier(int i) {
    return i % 10 == 0 ? "gold" : "standard";
  }

  static int priority(int i) {
    return i % 10 == 0 ? 20 : 0;
  }

  /** As the service stores them: sorted, joined by '|'. */
  static String tags(int i) {
    return i % 10 == 0 ? "retail|wholesale" : i % 3 == 0 ? "retail" : "";
  }

  static CrmConfig config(int cacheSize) {
    return new CrmConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return CrmConfig.class;
      }

      @Override
      public String defaultRegion() {
        return REGION;
      }

      @Override
      public int cacheSize() {
        return cacheSize;
      }

      @Override
      public boolean createUnknownCustomers() {
        return false;
      }

      @Override
      public int screenPopTimeout() {
        return 2000;
      }
    };
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  private static long size(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }
}
