package org.switchboard.crm.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.crm.api.CrmConnector;
import org.switchboard.crm.api.CrmUnavailableException;
import org.switchboard.crm.api.ExternalCustomer;
import org.switchboard.crm.api.Identity;

/**
 * The external CRMs that are registered right now, in service ranking order. A connector that
 * throws anything is treated as unavailable for that lookup; it never breaks the caller.
 */
final class Connectors {
  private static final Logger LOG = LoggerFactory.getLogger(Connectors.class);

  private final List<Named> connectors = new CopyOnWriteArrayList<>();

  /** One connector's answer: a record, nothing, or why it could not answer. */
  record Answer(String connector, Optional<ExternalCustomer> customer, String failure) {}

  void add(CrmConnector connector, Map<String, Object> properties) {
    Object name = properties.get(CrmConnector.NAME);
    if (!(name instanceof String n) || !n.matches("[a-z][a-z0-9-]{0,31}")) {
      LOG.warn(
          "CRM connector {} without a valid {} property is ignored", connector, CrmConnector.NAME);
      return;
    }
    int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    connectors.add(new Named(n, ranking, connector));
    connectors.sort((a, b) -> Integer.compare(b.ranking, a.ranking));
  }

  void remove(CrmConnector connector) {
    connectors.removeIf(n -> n.connector == connector);
  }

  /** The first connector's record of the customer, asking one after the other. */
  Optional<ExternalCustomer> first(List<Identity> identities) {
    for (Named n : List.copyOf(connectors)) {
      Answer a = n.ask(identities);
      if (a.customer.isPresent()) {
        return a.customer;
      }
    }
    return Optional.empty();
  }

  /** Every connector's answer, asked in parallel; one that is not done by the deadline failed. */
  List<Answer> all(List<Identity> identities, Executor pool, long timeoutMillis) {
    List<Named> asked = List.copyOf(connectors);
    Map<Named, CompletableFuture<Answer>> pending = new LinkedHashMap<>();
    for (Named n : asked) {
      pending.put(n, CompletableFuture.supplyAsync(() -> n.ask(identities), pool));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    List<Answer> answers = new ArrayList<>();
    for (Map.Entry<Named, CompletableFuture<Answer>> e : pending.entrySet()) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        answers.add(e.getValue().get(left, TimeUnit.NANOSECONDS));
      } catch (TimeoutException ex) {
        answers.add(new Answer(e.getKey().name, Optional.empty(), "no answer in time"));
      } catch (ExecutionException ex) {
        answers.add(new Answer(e.getKey().name, Optional.empty(), ex.getCause().toString()));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        answers.add(new Answer(e.getKey().name, Optional.empty(), "interrupted"));
      }
    }
    return answers;
  }

  private record Named(String name, int ranking, CrmConnector connector) {
    Answer ask(List<Identity> identities) {
      try {
        Optional<ExternalCustomer> found = connector.lookup(identities);
        return new Answer(name, found == null ? Optional.empty() : found, null);
      } catch (CrmUnavailableException e) {
        LOG.debug("CRM {} unavailable: {}", name, e.getMessage());
        return new Answer(name, Optional.empty(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("CRM connector {} failed", name, e);
        return new Answer(name, Optional.empty(), e.toString());
      }
    }
  }
}
