package org.switchboard.ops.demo;

import java.util.function.Function;

/**
 * Whether demo mode is on: environment variable {@code SWITCHBOARD_DEMO=true}, or system property
 * {@code switchboard.demo=true} (for test containers, which cannot set the environment).
 */
final class DemoMode {
  private DemoMode() {}

  static boolean isOn(Function<String, String> env, Function<String, String> systemProperties) {
    return "true".equalsIgnoreCase(trim(env.apply("SWITCHBOARD_DEMO")))
        || "true".equalsIgnoreCase(trim(systemProperties.apply("switchboard.demo")));
  }

  static boolean isOn() {
    return isOn(System::getenv, System::getProperty);
  }

  private static String trim(String value) {
    return value == null ? "" : value.trim();
  }
}
