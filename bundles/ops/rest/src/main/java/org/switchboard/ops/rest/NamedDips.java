package org.switchboard.ops.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.switchboard.flow.api.DataDip;

/** The data dips present, by their {@code dip.name}; asks one with a time limit. */
final class NamedDips {
  private final Map<String, DataDip> byName = new ConcurrentHashMap<>();

  void add(DataDip dip, Map<String, Object> properties) {
    Object name = properties.get(DataDip.NAME_PROPERTY);
    if (name != null) {
      byName.put(name.toString(), dip);
    }
  }

  void remove(DataDip dip, Map<String, Object> properties) {
    Object name = properties.get(DataDip.NAME_PROPERTY);
    if (name != null) {
      byName.remove(name.toString(), dip);
    }
  }

  void clear() {
    byName.clear();
  }

  /** Asks a dip; never throws for the dip's own failures, which become a failed view. */
  OrderView ask(String name, Map<String, String> input, long timeoutMillis) {
    DataDip dip = byName.get(name);
    if (dip == null) {
      return OrderView.none(name);
    }
    try {
      return OrderView.of(
          name,
          dip.lookup(input)
              .toCompletableFuture()
              .get(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return OrderView.failed(name, "no answer within " + timeoutMillis + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return OrderView.failed(name, String.valueOf(cause.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OrderView.failed(name, "interrupted");
    } catch (RuntimeException e) {
      return OrderView.failed(name, e.toString());
    }
  }
}
