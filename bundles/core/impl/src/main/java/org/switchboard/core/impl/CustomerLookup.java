package org.switchboard.core.impl;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.interaction.CustomerMatch;
import org.switchboard.core.api.interaction.CustomerResolver;
import org.switchboard.core.api.interaction.OpenInteraction;

/**
 * Finds the customer of a new interaction through the registered {@link CustomerResolver}s, in
 * service ranking order, within a time budget, before the core takes its write lock. A resolver
 * that is slow, throws or answers nonsense costs that one lookup at most the budget and the
 * interaction opens without a customer; the CRM can never hold up the contact center.
 */
@Component(service = CustomerLookup.class, configurationPid = "org.switchboard.core.customers")
@Designate(ocd = CustomerLookup.Config.class)
public class CustomerLookup {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerLookup.class);

  /** How long the core waits for the customer of a new interaction. */
  @ObjectClassDefinition(
      name = "Switchboard customer lookup",
      description = "How the core finds the customer of each new interaction.")
  public @interface Config {
    @AttributeDefinition(
        name = "Lookup timeout (ms)",
        description =
            "How long a new interaction waits for the CRM to say who the customer is; after it,"
                + " the interaction opens without a customer.")
    int customerLookupTimeout() default 500;
  }

  /** Lookups that may run at once; more are skipped (the interaction opens without a customer). */
  private static final int MAX_IN_FLIGHT = 32;

  private final List<Ranked> resolvers = new CopyOnWriteArrayList<>();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final ExecutorService pool;
  private volatile Duration timeout;

  @Activate
  public CustomerLookup(Config config) {
    this(Duration.ofMillis(config.customerLookupTimeout()));
  }

  /** A lookup outside OSGi (tests, benchmarks) that waits at most {@code timeout}. */
  public CustomerLookup(Duration timeout) {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            MAX_IN_FLIGHT,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "switchboard-customer-lookup-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.timeout = atLeastOneMilli(timeout);
  }

  @Modified
  void modified(Config config) {
    timeout = atLeastOneMilli(Duration.ofMillis(config.customerLookupTimeout()));
  }

  private static Duration atLeastOneMilli(Duration d) {
    return d.toMillis() < 1 ? Duration.ofMillis(1) : d;
  }

  @Deactivate
  void deactivate() {
    pool.shutdownNow();
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addResolver(CustomerResolver resolver, Map<String, Object> properties) {
    resolvers.add(new Ranked(resolver, ranking(properties)));
    resolvers.sort((a, b) -> Integer.compare(b.ranking, a.ranking));
  }

  void removeResolver(CustomerResolver resolver) {
    resolvers.removeIf(r -> r.resolver == resolver);
  }

  /**
   * The request with the customer filled in when a resolver knows them; the request unchanged when
   * it already names a customer, no resolver knows them, or none answers in time.
   */
  public OpenInteraction resolve(OpenInteraction request) {
    if (request.customerRef() != null || resolvers.isEmpty()) {
      return request;
    }
    return firstMatch(request).map(m -> withCustomer(request, m)).orElse(request);
  }

  /** The resolvers in the order they are asked. */
  List<CustomerResolver> resolversForTest() {
    return resolvers.stream().map(Ranked::resolver).toList();
  }

  /** How many lookups ran out of time, and how many failed, since the start. */
  public long[] misses() {
    return new long[] {timeouts.get(), failures.get()};
  }

  private Optional<CustomerMatch> firstMatch(OpenInteraction request) {
    List<Ranked> ordered = List.copyOf(resolvers);
    CompletableFuture<Optional<CustomerMatch>> lookup;
    try {
      lookup = CompletableFuture.supplyAsync(() -> ask(ordered, request), pool);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      failures.incrementAndGet();
      LOG.warn("customer lookup skipped: too many lookups in flight");
      return Optional.empty();
    }
    try {
      return lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      lookup.cancel(true);
      timeouts.incrementAndGet();
      LOG.warn(
          "customer lookup for {} took over {} ms; opened without a customer",
          request.from(),
          timeout.toMillis());
    } catch (ExecutionException e) {
      failures.incrementAndGet();
      LOG.warn("customer lookup for {} failed: {}", request.from(), e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private static Optional<CustomerMatch> ask(List<Ranked> ordered, OpenInteraction request) {
    for (Ranked r : ordered) {
      Optional<CustomerMatch> match = r.resolver.resolve(request);
      if (match != null && match.isPresent()) {
        return match;
      }
    }
    return Optional.empty();
  }

  /** The channel's own attributes win over the customer's. */
  private static OpenInteraction withCustomer(OpenInteraction r, CustomerMatch m) {
    Map<String, String> attributes = new HashMap<>(m.attributes());
    attributes.putAll(r.attributes());
    try {
      return new OpenInteraction(
          r.channel(),
          r.channelRef(),
          r.direction(),
          r.from(),
          r.to(),
          m.customerRef(),
          attributes);
    } catch (RuntimeException e) {
      LOG.warn(
          "customer {} not applied to the new interaction: {}", m.customerRef(), e.getMessage());
      return r;
    }
  }

  private static int ranking(Map<String, Object> properties) {
    return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
  }

  private record Ranked(CustomerResolver resolver, int ranking) {}
}
