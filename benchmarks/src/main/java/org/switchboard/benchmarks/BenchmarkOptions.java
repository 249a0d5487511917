package org.switchboard.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults; an unknown name is an error. */
final class BenchmarkOptions {
  private final Map<String, String> values = new LinkedHashMap<>();

  BenchmarkOptions(Map<String, String> defaults, String[] args) {
    values.putAll(defaults);
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 == args.length
          || !args[i].startsWith("--")
          || !values.containsKey(args[i].substring(2))) {
        throw new IllegalArgumentException(
            "options: --NAME VALUE with NAME one of " + values.keySet());
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  String get(String name) {
    return values.get(name);
  }

  int integer(String name) {
    return Integer.parseInt(values.get(name));
  }

  int[] integers(String name) {
    return Arrays.stream(values.get(name).split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
