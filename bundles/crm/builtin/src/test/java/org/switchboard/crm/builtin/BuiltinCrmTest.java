package org.switchboard.crm.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerDraft;
import org.switchboard.crm.api.CustomerNote;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;
import org.switchboard.crm.api.ImportReport;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;

/** The built-in CRM on H2: identities, conflicts, merges, the cache, CSV in and out. */
class BuiltinCrmTest {
  private JdbcDataSource db;
  private BuiltinCrm crm;

  @BeforeEach
  void setUp() {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:crm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    crm = new BuiltinCrm(db, new FlywaySchemaMigrations(), "DE", 1000, Clock.systemUTC());
  }

  private Identity phone(String value) {
    return new Identity(IdentityKind.PHONE, value);
  }

  @Test
  void identitiesAreNormalisedAndBadOnesRefusedWithTheReason() {
    assertThat(crm.normalize(IdentityKind.PHONE, "030 1234567").value()).isEqualTo("+49301234567");
    assertThat(crm.normalize(IdentityKind.PHONE, "+86 138 0013 8000").value())
        .isEqualTo("+8613800138000");
    assertThat(crm.normalize(IdentityKind.EMAIL, " Li.Wei@Example.COM ").value())
        .isEqualTo("li.wei@example.com");
    assertThat(crm.normalize(IdentityKind.SOCIAL, " wechat:li-wei ").value())
        .isEqualTo("wechat:li-wei");
    assertThatThrownBy(() -> crm.normalize(IdentityKind.PHONE, "call me"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not a phone number");
    assertThatThrownBy(() -> crm.normalize(IdentityKind.EMAIL, "li@"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not an email address");
    BuiltinCrm international =
        new BuiltinCrm(db, new FlywaySchemaMigrations(), "", 10, Clock.systemUTC());
    assertThatThrownBy(() -> international.normalize(IdentityKind.PHONE, "030 1234567"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("international form");
    assertThatThrownBy(
            () -> new BuiltinCrm(db, new FlywaySchemaMigrations(), "XX", 10, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("defaultRegion");
    assertThat(Identity.parse("email:li@example.com").kind()).isEqualTo(IdentityKind.EMAIL);
    assertThatThrownBy(() -> Identity.parse("li@example.com"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aCustomerIsFoundByAnyOfTheirIdentitiesHoweverTheyAreWritten() {
    Customer li =
        crm.create(
            new CustomerDraft(
                "Li Wei",
                "vip",
                30,
                Set.of("wholesale"),
                Map.of("recording", false),
                List.of(
                    phone("+49 30 1234567"), new Identity(IdentityKind.EMAIL, "Li@Example.com"))));
    assertThat(li.identities())
        .containsExactlyInAnyOrder(
            phone("+49301234567"), new Identity(IdentityKind.EMAIL, "li@example.com"));
    assertThat(crm.findByIdentity(phone("030/123 45 67"))).contains(li);
    assertThat(crm.findByIdentity(new Identity(IdentityKind.EMAIL, "LI@example.com"))).contains(li);
    assertThat(crm.find(li.id())).contains(li);
    assertThat(crm.search("wei", 10)).containsExactly(li);
    assertThat(crm.search("100%_", 10)).isEmpty();
    assertThat(li.consents()).containsEntry("recording", false);
  }

  @Test
  void lookupsComeFromMemoryAndWritesKeepTheMemoryTrue() throws Exception {
    Identity unknown = phone("+49301111111");
    assertThat(crm.findByIdentity(unknown)).isEmpty();
    assertThat(crm.cached()).isEqualTo(1); // "nobody" is remembered too
    Customer ann = crm.create(CustomerDraft.of("Ann", unknown));
    assertThat(crm.findByIdentity(unknown)).contains(ann);

    // Served from memory: the row can go behind the CRM's back and the answer stays.
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM crm_identity");
    }
    assertThat(crm.findByIdentity(unknown)).contains(ann);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO crm_identity (kind, address, customer_id) VALUES ('PHONE', '+49301111111', '"
              + ann.id()
              + "')");
    }

    Customer moved =
        crm.update(ann.id(), ann.version(), CustomerDraft.of("Ann", phone("+49302222222")));
    assertThat(moved.version()).isEqualTo(ann.version() + 1);
    assertThat(crm.findByIdentity(unknown)).isEmpty();
    assertThat(crm.findByIdentity(phone("+49302222222"))).contains(moved);
  }

  @Test
  void anIdentityBelongsToOneCustomer_andStaleUpdatesAreRefused() {
    Customer li = crm.create(CustomerDraft.of("Li Wei", phone("+49301234567")));
    assertThatThrownBy(() -> crm.create(CustomerDraft.of("Someone", phone("030 1234567"))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already belongs to customer " + li.id());
    Customer again = crm.update(li.id(), li.version(), li.draft());
    assertThatThrownBy(() -> crm.update(li.id(), li.version(), li.draft()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version");
    assertThat(crm.update(li.id(), 0, again.draft()).version()).isEqualTo(again.version() + 1);
    assertThatThrownBy(() -> crm.update("nobody", 0, li.draft()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> new CustomerDraft("x", "Not An Id", 0, null, null, null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new CustomerDraft("x", null, 101, null, null, null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void mergingMovesTheDuplicatesIdentitiesTagsAndConsentsToTheSurvivor() {
    Customer keep =
        crm.create(
            new CustomerDraft(
                "Li Wei",
                "gold",
                10,
                Set.of("a"),
                Map.of("marketing", true),
                List.of(phone("+49301234567"))));
    Customer dup =
        crm.create(
            new CustomerDraft(
                "Wei Li",
                null,
                40,
                Set.of("b"),
                Map.of("marketing", false, "recording", false),
                List.of(new Identity(IdentityKind.CHAT, "visitor-9"))));
    Customer merged = crm.merge(keep.id(), dup.id());
    assertThat(merged.name()).isEqualTo("Li Wei");
    assertThat(merged.priority()).isEqualTo(40);
    assertThat(merged.tags()).containsExactlyInAnyOrder("a", "b");
    assertThat(merged.consents())
        .containsEntry("marketing", true)
        .containsEntry("recording", false);
    assertThat(crm.find(dup.id())).isEmpty();
    assertThat(crm.findByIdentity(new Identity(IdentityKind.CHAT, "visitor-9"))).contains(merged);
    assertThatThrownBy(() -> crm.merge(keep.id(), keep.id()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm.merge(keep.id(), dup.id())).isInstanceOf(NotFoundException.class);
    crm.delete(keep.id());
    assertThat(crm.findByIdentity(phone("+49301234567"))).isEmpty();
  }

  @Test
  void csvImportCreatesAndUpdatesReportsBadRowsAndExportReadsBack() throws Exception {
    crm.create(CustomerDraft.of("Known Customer", phone("+49301234567")));
    String csv =
        "name,tier,priority,tags,phone,email\n"
            + "Li Wei,vip,20,wholesale|asia,+86 138 0013 8000,li@example.com\n"
            + "Known Customer Renamed,,,,030 1234567,known@example.com\n"
            + "Bad Phone,,,,not a number,\n"
            + "Bad Priority,,lots,,,x@example.com\n"
            + "\"=HYPERLINK(\"\"http://evil\"\")\",,,,,evil@example.com\n";
    ImportReport report = crm.importCsv(new StringReader(csv));
    assertThat(report.created()).isEqualTo(2);
    assertThat(report.updated()).isEqualTo(1);
    assertThat(report.failedRows()).isEqualTo(2);
    assertThat(report.failed()).extracting(ImportReport.Failure::line).containsExactly(4L, 5L);
    assertThat(report.failed().get(0).reason()).contains("not a phone number");
    assertThat(report.failed().get(1).reason()).contains("'lots' is not a number");
    Customer known = crm.findByIdentity(phone("+49301234567")).orElseThrow();
    assertThat(known.name()).isEqualTo("Known Customer Renamed");
    assertThat(known.identities()).hasSize(2);

    StringBuilder out = new StringBuilder();
    crm.exportCsv(out);
    assertThat(out.toString()).startsWith("name,tier,priority,tags,phone,email,chat,social");
    assertThat(out.toString()).contains("'=HYPERLINK(").contains("+8613800138000");

    BuiltinCrm other =
        new BuiltinCrm(fresh(), new FlywaySchemaMigrations(), "", 100, Clock.systemUTC());
    ImportReport again = other.importCsv(new StringReader(out.toString()));
    assertThat(again.failed()).isEmpty();
    assertThat(again.created()).isEqualTo(3);
    assertThat(
            other
                .findByIdentity(new Identity(IdentityKind.EMAIL, "evil@example.com"))
                .orElseThrow()
                .name())
        .isEqualTo("=HYPERLINK(\"http://evil\")");
    assertThat(other.findByIdentity(phone("+8613800138000")).orElseThrow().tags())
        .containsExactlyInAnyOrder("wholesale", "asia");

    assertThatThrownBy(() -> crm.importCsv(new StringReader("nom,phone\nx,+49301\n")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown column 'nom'");
    assertThatThrownBy(() -> crm.importCsv(new StringReader("phone\n+49301234567\n")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no 'name' column");
    assertThatThrownBy(() -> crm.importCsv(new StringReader("name,phone\n\"unterminated,+49301\n")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not valid CSV");
  }

  @Test
  void aSyncUpdatesKnownCustomersCreatesNewOnesAndReportsBadRecordsByPosition() {
    Customer li =
        crm.create(
            new CustomerDraft(
                "Li Wei",
                "gold",
                10,
                Set.of("old"),
                Map.of("marketing", true, "surveys", false),
                List.of(Identity.parse("phone:030 5550100"))));

    ImportReport report =
        crm.sync(
            java.util.Arrays.asList(
                new CustomerDraft(
                    "Li Wei (ACME)",
                    "vip",
                    40,
                    Set.of("wholesale"),
                    Map.of("surveys", true),
                    List.of(
                        Identity.parse("phone:+49 30 5550100"),
                        Identity.parse("email:li@acme.example"))),
                new CustomerDraft(
                    "Chen Jing",
                    null,
                    0,
                    Set.of(),
                    Map.of(),
                    List.of(Identity.parse("email:chen@example.com"))),
                new CustomerDraft(
                    "Bad Number",
                    null,
                    0,
                    Set.of(),
                    Map.of(),
                    List.of(Identity.parse("email:no-at-sign"))),
                null));

    assertThat(report.created()).isEqualTo(1);
    assertThat(report.updated()).isEqualTo(1);
    assertThat(report.failedRows()).isEqualTo(2);
    assertThat(report.failed()).extracting(ImportReport.Failure::line).containsExactly(3L, 4L);
    Customer now = crm.find(li.id()).orElseThrow();
    assertThat(now.name()).isEqualTo("Li Wei (ACME)");
    assertThat(now.tier()).isEqualTo("vip");
    assertThat(now.priority()).isEqualTo(40);
    assertThat(now.tags()).containsExactly("wholesale");
    assertThat(now.consents()).containsEntry("marketing", true).containsEntry("surveys", true);
    assertThat(now.identities())
        .extracting(Identity::toString)
        .containsExactlyInAnyOrder("phone:+49305550100", "email:li@acme.example");
    assertThat(crm.findByIdentity(Identity.parse("email:chen@example.com"))).isPresent();
    assertThat(crm.findByIdentity(Identity.parse("email:li@acme.example")).orElseThrow().id())
        .isEqualTo(li.id());
  }

  @Test
  void notesAreKeptNewestFirstFollowAMergeAndGoWithTheCustomer() {
    Customer li =
        crm.create(
            new CustomerDraft(
                "Li Wei",
                null,
                0,
                Set.of(),
                Map.of(),
                List.of(Identity.parse("email:li@n.example"))));
    Customer dup =
        crm.create(
            new CustomerDraft(
                "Li W.",
                null,
                0,
                Set.of(),
                Map.of(),
                List.of(Identity.parse("email:lw@n.example"))));
    crm.addNote(li.id(), "agent1", "  prefers email  ", "i-1");
    crm.addNote(dup.id(), "agent2", "promised a refund for order 1001", null);
    assertThat(crm.notes(li.id(), 10))
        .extracting(CustomerNote::text)
        .containsExactly("prefers email");
    assertThatThrownBy(() -> crm.addNote(li.id(), "agent1", " ", null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("1 to 2000");
    assertThatThrownBy(() -> crm.addNote(li.id(), "agent1", "x".repeat(2001), null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm.addNote("nobody", "agent1", "hello", null))
        .isInstanceOf(NotFoundException.class);

    crm.merge(li.id(), dup.id());
    List<CustomerNote> notes = crm.notes(li.id(), 10);
    assertThat(notes)
        .extracting(CustomerNote::author)
        .containsExactlyInAnyOrder("agent1", "agent2");
    assertThat(notes.get(0).createdAt()).isAfterOrEqualTo(notes.get(1).createdAt());
    assertThat(notes).extracting(CustomerNote::interactionId).contains("i-1");

    crm.delete(li.id());
    assertThat(crm.notes(li.id(), 10)).isEmpty();
  }

  @Test
  void aFileWrongThroughoutIsCountedButListedOnlyInPart() throws Exception {
    StringBuilder csv = new StringBuilder("name,phone\n");
    for (int i = 0; i < ImportReport.MAX_LISTED + 500; i++) {
      csv.append("Row ").append(i).append(",not a number\n");
    }
    ImportReport report = crm.importCsv(new StringReader(csv.toString()));
    assertThat(report.created()).isZero();
    assertThat(report.failedRows()).isEqualTo(ImportReport.MAX_LISTED + 500);
    assertThat(report.failed()).hasSize(ImportReport.MAX_LISTED);
    assertThat(report.failed().get(0).line()).isEqualTo(2);
  }

  private static JdbcDataSource fresh() {
    JdbcDataSource d = new JdbcDataSource();
    d.setURL("jdbc:h2:mem:crm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    return d;
  }
}
