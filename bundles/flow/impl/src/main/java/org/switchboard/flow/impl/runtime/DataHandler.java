package org.switchboard.flow.impl.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.flow.api.DataDip;
import org.switchboard.flow.impl.model.Node;

/**
 * {@code data}: calls a {@link DataDip} asynchronously. Results become variables {@code
 * <into>.<key>} and the run goes to {@code next}; a missing dip, an exception, a failed stage or no
 * answer within the timeout sets {@code <into>.error} and goes to {@code onError} (or the fallback
 * queue). A late answer is ignored.
 */
final class DataHandler implements NodeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DataHandler.class);

  @Override
  public void enter(Run run, Node node) {
    Node.Data data = (Node.Data) node;
    Optional<DataDip> dip = run.engine().dips().find(data.dip());
    if (dip.isEmpty()) {
      error(run, data, "no data dip named '" + data.dip() + "' is registered");
      return;
    }
    Map<String, String> input = new LinkedHashMap<>();
    data.input().forEach((k, v) -> input.put(k, run.render(v)));
    long millis =
        data.timeoutMillis() > 0
            ? data.timeoutMillis()
            : run.engine().settings().dataDipTimeoutMillis();
    int token = run.generation();
    run.startTimer(Duration.ofMillis(millis));
    CompletionStage<Map<String, String>> stage;
    try {
      stage = dip.get().lookup(Map.copyOf(input));
    } catch (RuntimeException e) {
      LOG.warn("Data dip {} threw instead of completing its stage", data.dip(), e);
      error(run, data, "data dip '" + data.dip() + "' failed: " + e);
      return;
    }
    if (stage == null) {
      error(run, data, "data dip '" + data.dip() + "' returned no result");
      return;
    }
    stage.whenComplete(
        (result, failure) ->
            run.submit(
                () -> {
                  if (token == run.generation()) {
                    run.cancelTimer();
                    if (failure != null) {
                      Throwable cause =
                          failure instanceof CompletionException && failure.getCause() != null
                              ? failure.getCause()
                              : failure;
                      error(run, data, "data dip '" + data.dip() + "' failed: " + cause);
                    } else {
                      succeed(run, data, result);
                    }
                  }
                }));
  }

  @Override
  public void timeout(Run run, Node node) {
    Node.Data data = (Node.Data) node;
    run.nextGeneration();
    error(run, data, "data dip '" + data.dip() + "' did not answer in time");
  }

  private static void succeed(Run run, Node.Data data, Map<String, String> result) {
    if (result != null) {
      result.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              run.variablesForUpdate().put(data.into() + "." + k, v);
            }
          });
    }
    run.variablesForUpdate().remove(data.into() + ".error");
    run.go(data.next());
  }

  private static void error(Run run, Node.Data data, String reason) {
    run.variablesForUpdate().put(data.into() + ".error", reason);
    if (data.onError() != null) {
      LOG.info("Flow {} at node {}: {}; taking onError", run.flow().id(), data.id(), reason);
      run.go(data.onError());
    } else {
      run.fail(reason + " and the node has no onError", null);
    }
  }
}
