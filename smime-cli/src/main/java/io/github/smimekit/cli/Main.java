package io.github.smimekit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Entry point of the {@code smime} command.
 *
 * <p>Exit codes: 0 success; 1 the check or build found a problem; 2 usage error; 3 bad input
 * (unreadable file, wrong format, wrong password), with one line on stderr; 70 an internal error (a
 * bug: please report it with the output of {@code --verbose}).
 */
public final class Main {
  private Main() {}

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err, System.getenv(), Clock.systemUTC());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in-process: the way tests and embedding tools call it.
   *
   * @param env the environment that {@code --password-env} reads
   * @param clock the clock that gives "now" when {@code --at} is absent
   * @return the exit code
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    return SmimeCommand.commandLine(new CliContext(out, err, env, clock)).execute(args);
  }
}
