package org.switchboard.flow.impl;

import java.nio.file.Path;
import org.switchboard.flow.impl.runtime.RunSettings;

/**
 * The flow engine's configuration with defaults resolved.
 *
 * @param directory the flow directory
 * @param historyDirectory the version history directory
 * @param run what runs use
 * @param scanSeconds seconds between directory scans, 0 for none
 */
record EngineSettings(Path directory, Path historyDirectory, RunSettings run, int scanSeconds) {

  static EngineSettings from(FlowEngineConfig config) {
    Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
    Path data = Path.of(System.getProperty("karaf.data", "data"));
    Path directory =
        config.directory().isBlank() ? etc.resolve("flows") : Path.of(config.directory());
    Path history =
        config.historyDirectory().isBlank()
            ? data.resolve("flows").resolve("history")
            : Path.of(config.historyDirectory());
    RunSettings run =
        new RunSettings(
            config.fallbackQueue().isBlank() ? "support" : config.fallbackQueue(),
            Math.max(1, config.maxStepsPerInput()),
            Math.max(1, config.dataDipTimeoutMillis()));
    return new EngineSettings(directory, history, run, Math.max(0, config.scanSeconds()));
  }
}
