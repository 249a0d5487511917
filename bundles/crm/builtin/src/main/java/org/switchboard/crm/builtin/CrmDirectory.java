package org.switchboard.crm.builtin;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.CustomerMatch;
import org.switchboard.core.api.interaction.CustomerResolver;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.crm.api.CrmConnector;
import org.switchboard.crm.api.Customer;
import org.switchboard.crm.api.CustomerDirectory;
import org.switchboard.crm.api.CustomerDraft;
import org.switchboard.crm.api.CustomerService;
import org.switchboard.crm.api.CustomerView;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.crm.api.Identity;

/**
 * Who the customer of a contact is, across the built-in CRM and the external connectors. For a new
 * interaction (as the core's {@link CustomerResolver}): the built-in customer with one of its
 * addresses, else the first connector's, else (when configured) a new built-in customer; the
 * interaction gets their priority, VIP flag and tier. For the screen pop: the built-in record and
 * every connector's record, asked in parallel.
 */
@Component(
    service = {CustomerResolver.class, CustomerDirectory.class},
    configurationPid = "org.switchboard.crm",
    property = Constants.SERVICE_RANKING + ":Integer=100")
public class CrmDirectory implements CustomerResolver, CustomerDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(CrmDirectory.class);

  /** Interaction attribute: the customer's tier. */
  static final String TIER = "customer.tier";

  /** Interaction attribute: the customer's name as the CRM has it. */
  static final String NAME = "customer.name";

  /** Interaction attribute: the identity the customer was recognised by ({@code phone:+49...}). */
  static final String MATCHED_BY = "customer.matchedBy";

  private final CustomerService crm;
  private final Connectors connectors = new Connectors();
  private final boolean createUnknown;
  private final int screenPopTimeout;
  private final ExecutorService pool;

  @Activate
  public CrmDirectory(@Reference CustomerService crm, CrmConfig config) {
    this(crm, config.createUnknownCustomers(), config.screenPopTimeout());
  }

  CrmDirectory(CustomerService crm, boolean createUnknown, int screenPopTimeout) {
    this.crm = crm;
    this.createUnknown = createUnknown;
    this.screenPopTimeout = Math.max(1, screenPopTimeout);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "switchboard-crm-lookup-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Deactivate
  void deactivate() {
    pool.shutdownNow();
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addConnector(CrmConnector connector, Map<String, Object> properties) {
    connectors.add(connector, properties);
  }

  void removeConnector(CrmConnector connector) {
    connectors.remove(connector);
  }

  @Override
  public Optional<CustomerMatch> resolve(OpenInteraction r) {
    List<Identity> ids =
        ContactAddresses.of(crm, r.channel(), r.direction(), r.from(), r.to(), r.attributes());
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    for (Identity id : ids) {
      Optional<Customer> known = crm.findByIdentity(id);
      if (known.isPresent()) {
        return Optional.of(match(known.get(), id));
      }
    }
    Optional<ExternalCustomer> external = connectors.first(ids);
    if (external.isPresent()) {
      return Optional.of(match(external.get(), ids.get(0)));
    }
    return createUnknown
        ? created(ids, nameOf(r)).map(c -> match(c, ids.get(0)))
        : Optional.empty();
  }

  @Override
  public CustomerView screenPop(Interaction i) {
    Customer customer = builtin(i).orElse(null);
    Set<Identity> ids = new LinkedHashSet<>();
    if (customer != null) {
      ids.addAll(customer.identities());
    }
    ids.addAll(
        ContactAddresses.of(crm, i.channel(), i.direction(), i.from(), i.to(), i.attributes()));
    List<ExternalCustomer> external = new java.util.ArrayList<>();
    Map<String, String> unavailable = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      for (Connectors.Answer a : connectors.all(List.copyOf(ids), pool, screenPopTimeout)) {
        a.customer().ifPresent(external::add);
        if (a.failure() != null) {
          unavailable.put(a.connector(), a.failure());
        }
      }
    }
    return new CustomerView(i.customerRef(), customer, external, unavailable);
  }

  private Optional<Customer> builtin(Interaction i) {
    if (i.customerRef() != null) {
      return crm.find(i.customerRef());
    }
    return Optional.empty();
  }

  /** Creates the customer; another contact from the same address may have just done so. */
  private Optional<Customer> created(List<Identity> ids, String name) {
    try {
      return Optional.of(
          crm.create(new CustomerDraft(name, null, 0, Set.of(), Map.of(), List.of(ids.get(0)))));
    } catch (ConflictException e) {
      return crm.findByIdentity(ids.get(0));
    } catch (ValidationException e) {
      LOG.debug("no customer created for {}: {}", ids.get(0), e.getMessage());
      return Optional.empty();
    }
  }

  private static String nameOf(OpenInteraction r) {
    for (String key : List.of("chat.name", "sip.callerName")) {
      String v = r.attributes().get(key);
      if (v != null && !v.isBlank()) {
        return v.length() > 200 ? v.substring(0, 200) : v;
      }
    }
    return r.direction() == org.switchboard.core.api.interaction.Direction.OUTBOUND
        ? r.to()
        : r.from();
  }

  private static CustomerMatch match(Customer c, Identity by) {
    boolean vip = "vip".equalsIgnoreCase(c.tier()) || c.tags().contains("vip");
    return new CustomerMatch(c.id(), attributes(c.name(), c.tier(), c.priority(), vip, by));
  }

  private static CustomerMatch match(ExternalCustomer c, Identity by) {
    boolean vip = "vip".equalsIgnoreCase(c.tier());
    return new CustomerMatch(
        c.customerRef(), attributes(c.name(), c.tier(), c.priority(), vip, by));
  }

  private static Map<String, String> attributes(
      String name, String tier, int priority, boolean vip, Identity by) {
    Map<String, String> a = new HashMap<>();
    if (priority > 0) {
      a.put(Attributes.CUSTOMER_PRIORITY, Integer.toString(priority));
    }
    if (vip) {
      a.put(Attributes.VIP, "true");
    }
    if (tier != null) {
      a.put(TIER, clip(tier));
    }
    if (name != null) {
      a.put(NAME, clip(name));
    }
    a.put(MATCHED_BY, clip(by.toString()));
    return a;
  }

  private static String clip(String v) {
    return v.length() > 200 ? v.substring(0, 200) : v;
  }
}
