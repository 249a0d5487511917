package org.switchboard.flow.impl.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.switchboard.flow.api.DataDip;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.impl.testing.Flows;
import org.switchboard.flow.impl.testing.ManualTimers;
import org.switchboard.flow.impl.testing.RecordingSession;

/** An interpreter that runs events inline, on manual timers and clock. */
final class Harness {
  final ManualTimers timers;
  final Map<String, DataDip> dips = new HashMap<>();
  final Interpreter interpreter;

  Harness() {
    this(new ManualTimers(), 100);
  }

  Harness(ManualTimers timers, int maxSteps) {
    this.timers = timers;
    this.interpreter =
        new Interpreter(
            Runnable::run,
            timers,
            timers.clock(),
            name -> Optional.ofNullable(dips.get(name)),
            new RunSettings("support", maxSteps, 3000));
  }

  FlowRun start(String yaml, RecordingSession session) {
    return start(yaml, session, Map.of());
  }

  FlowRun start(String yaml, RecordingSession session, Map<String, String> attributes) {
    return interpreter.start(Flows.compile(yaml), 1, session, attributes);
  }
}
