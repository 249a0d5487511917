package org.switchboard.crm.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;

/** Customer sync by file drop: stable files imported once, reported, moved; bad files refused. */
class CustomerDropTest {
  @TempDir Path dir;
  private BuiltinCrm crm;
  private CustomerDrop drop;

  @BeforeEach
  void setUp() {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:drop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    crm = new BuiltinCrm(db, new FlywaySchemaMigrations(), "DE", 1000, Clock.systemUTC());
    drop = new CustomerDrop(crm, dir);
  }

  @AfterEach
  void tearDown() {
    drop.deactivate();
  }

  private Path write(String name, String csv) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, csv);
    return f;
  }

  @Test
  void aStableFileIsImportedOnceReportedAndMovedToDone() throws Exception {
    write(
        "erp-2026-12-01.csv",
        "name,tier,priority,phone,email\n"
            + "Li Wei,vip,30,030 5550100,li@example.com\n"
            + "Zhang San,,,not a number,\n"
            + "Anna Schmidt,gold,10,+49 30 5550199,\n");

    drop.scan();
    assertThat(crm.search("", 10)).as("first seen: it may still be growing").isEmpty();
    drop.scan();

    assertThat(crm.findByIdentity(new Identity(IdentityKind.PHONE, "+49305550100")))
        .hasValueSatisfying(c -> assertThat(c.tier()).isEqualTo("vip"));
    assertThat(dir.resolve("erp-2026-12-01.csv")).doesNotExist();
    assertThat(dir.resolve("done/erp-2026-12-01.csv")).exists();
    String report = Files.readString(dir.resolve("done/erp-2026-12-01.csv.report.json"));
    assertThat(report)
        .contains("\"created\" : 2", "\"failedRows\" : 1", "\"line\" : 3", "not a phone number");

    drop.scan();
    assertThat(crm.search("", 10)).hasSize(2);
  }

  @Test
  void aFileStillBeingWrittenWaitsUntilItStopsChanging() throws Exception {
    Path f = write("partial.csv", "name,phone\nLi Wei,+49305550100\n");
    drop.scan();
    Files.writeString(f, "name,phone\nLi Wei,+49305550100\nAnna,+49305550101\n");
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
    drop.scan();
    assertThat(f).exists();
    drop.scan();
    assertThat(crm.search("", 10)).hasSize(2);
  }

  @Test
  void filesThatCannotBeImportedGoToFailedWithTheReason() throws Exception {
    write("columns.csv", "name,fax\nLi Wei,123\n");
    Files.write(
        dir.resolve("latin1.csv"), "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    drop.scan();
    drop.scan();

    assertThat(Files.readString(dir.resolve("failed/columns.csv.report.json"))).contains("fax");
    assertThat(Files.readString(dir.resolve("failed/latin1.csv.report.json")))
        .contains("not UTF-8");
    assertThat(dir.resolve("columns.csv")).doesNotExist();
    assertThat(crm.search("", 10)).isEmpty();
  }
}
