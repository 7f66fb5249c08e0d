package io.github.smimekit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the {@code smime} command in-process and captures what it prints. */
final class CliRunner {
  /** The fixed "now" of CLI tests. */
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private CliRunner() {}

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            Clock.fixed(NOW, ZoneOffset.UTC));
    return new Result(code, out.toString(), err.toString());
  }
}
