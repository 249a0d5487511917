package org.switchboard.crm.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.CustomerMatch;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.crm.api.CrmConnector;
import org.switchboard.crm.api.CrmUnavailableException;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerDraft;
import org.switchboard.crm.api.CustomerView;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.crm.api.Identity;
import org.switchboard.crm.api.IdentityKind;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;

/** Who the customer of a contact is: built-in first, then connectors, else a new customer. */
class CrmDirectoryTest {
  private BuiltinCrm crm;
  private CrmDirectory directory;
  private final List<List<Identity>> asked = new CopyOnWriteArrayList<>();
  private final CountDownLatch hang = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:crmdir-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    crm = new BuiltinCrm(db, new FlywaySchemaMigrations(), "DE", 1000, Clock.systemUTC());
    directory = new CrmDirectory(crm, true, 300);
  }

  @AfterEach
  void tearDown() {
    hang.countDown();
    directory.deactivate();
  }

  private static OpenInteraction call(String from) {
    return new OpenInteraction(
        ChannelType.VOICE, null, Direction.INBOUND, from, "100", null, Map.of());
  }

  private Customer vip(String name, String phone) {
    return crm.create(
        new CustomerDraft(
            name,
            "vip",
            30,
            Set.of("key-account"),
            Map.of(),
            List.of(new Identity(IdentityKind.PHONE, phone))));
  }

  private void connector(String name, int ranking, CrmConnector c) {
    directory.addConnector(c, Map.of(CrmConnector.NAME, name, Constants.SERVICE_RANKING, ranking));
  }

  private CrmConnector knows(String connector, String phone, String id, int priority) {
    return ids -> {
      asked.add(ids);
      return ids.contains(new Identity(IdentityKind.PHONE, phone))
          ? Optional.of(
              new ExternalCustomer(
                  connector, id, "Ext " + id, "gold", priority, Map.of("account", "ACME"), null))
          : Optional.empty();
    };
  }

  @Test
  void aBuiltinCustomerIsFoundByTheirNumberInAnyWritingAndBringsPriorityAndVip() {
    Customer li = vip("Li Wei", "+49301234567");
    connector("ext", 0, knows("ext", "+49301234567", "E-1", 90));

    CustomerMatch m = directory.resolve(call("030 1234567")).orElseThrow();

    assertThat(m.customerRef()).isEqualTo(li.id());
    assertThat(m.attributes())
        .containsEntry(Attributes.CUSTOMER_PRIORITY, "30")
        .containsEntry(Attributes.VIP, "true")
        .containsEntry(CrmDirectory.TIER, "vip")
        .containsEntry(CrmDirectory.NAME, "Li Wei")
        .containsEntry(CrmDirectory.MATCHED_BY, "phone:+49301234567");
    assertThat(asked).as("the built-in CRM answered; no connector asked").isEmpty();
  }

  @Test
  void aCustomerOnlyAnExternalCrmKnowsIsReferencedByConnectorAndId() {
    connector(
        "broken",
        50,
        ids -> {
          throw new CrmUnavailableException("HTTP 503");
        });
    connector("ext", 0, knows("ext", "+49309999", "E-7", 20));

    CustomerMatch m = directory.resolve(call("+49309999")).orElseThrow();

    assertThat(m.customerRef()).isEqualTo("ext:E-7");
    assertThat(m.attributes()).containsEntry(Attributes.CUSTOMER_PRIORITY, "20");
    assertThat(m.attributes()).doesNotContainKey(Attributes.VIP);
    assertThat(crm.findByIdentity(new Identity(IdentityKind.PHONE, "+49309999"))).isEmpty();
  }

  @Test
  void aNewAddressBecomesANewCustomerFoundAgainNextTimeAnonymousCallersDoNot() {
    OpenInteraction chat =
        new OpenInteraction(
            ChannelType.CHAT,
            null,
            Direction.INBOUND,
            "Li.Wei@Example.com",
            "web",
            null,
            Map.of("chat.name", "Li Wei", "chat.email", "Li.Wei@Example.com"));

    CustomerMatch first = directory.resolve(chat).orElseThrow();
    CustomerMatch second = directory.resolve(chat).orElseThrow();

    assertThat(second.customerRef()).isEqualTo(first.customerRef());
    Customer created = crm.find(first.customerRef()).orElseThrow();
    assertThat(created.name()).isEqualTo("Li Wei");
    assertThat(created.identities())
        .containsExactly(new Identity(IdentityKind.EMAIL, "li.wei@example.com"));
    assertThat(directory.resolve(call("anonymous"))).isEmpty();
    assertThat(new CrmDirectory(crm, false, 300).resolve(call("+49305550"))).isEmpty();
  }

  @Test
  void theScreenPopMergesEveryCrmAndNamesTheOnesThatDidNotAnswer() {
    Customer li = vip("Li Wei", "+49301234567");
    connector("ext", 10, knows("ext", "+49301234567", "E-1", 0));
    connector(
        "slow",
        5,
        ids -> {
          try {
            hang.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Optional.empty();
        });
    connector(
        "down",
        0,
        ids -> {
          throw new CrmUnavailableException("connection refused");
        });

    long start = System.nanoTime();
    CustomerView view = directory.screenPop(interaction(li.id(), "+49301234567"));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(view.customer().id()).isEqualTo(li.id());
    assertThat(view.external())
        .extracting(ExternalCustomer::customerRef)
        .containsExactly("ext:E-1");
    assertThat(view.external().get(0).fields()).containsEntry("account", "ACME");
    assertThat(view.unavailable())
        .containsEntry("slow", "no answer in time")
        .containsEntry("down", "connection refused");
    assertThat(tookMillis).as("bounded by the screen pop timeout").isLessThan(10_000);
  }

  @Test
  void aConnectorWithoutAValidNameIsIgnored() {
    directory.addConnector(
        knows("x", "+49309999", "E-7", 0), Map.of(CrmConnector.NAME, "Bad Name"));
    directory.addConnector(knows("x", "+49309999", "E-7", 0), Map.of());

    assertThat(directory.resolve(call("+49309999")).orElseThrow().customerRef())
        .doesNotContain(":");
  }

  private static Interaction interaction(String customerRef, String from) {
    Instant now = Instant.now();
    return new Interaction(
        UUID.randomUUID().toString(),
        ChannelType.VOICE,
        null,
        Direction.INBOUND,
        from,
        "100",
        customerRef,
        null,
        0,
        List.of(),
        Map.of(),
        InteractionState.QUEUED,
        null,
        null,
        now,
        null,
        null,
        null,
        now,
        1);
  }
}
