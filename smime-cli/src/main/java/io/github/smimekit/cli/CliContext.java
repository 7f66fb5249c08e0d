package io.github.smimekit.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** What a command needs from its surroundings: output streams, the environment and a clock. */
record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
  CliContext {
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    env = Map.copyOf(env);
    requireNonNull(clock, "clock");
  }
}
