package io.github.smimekit.cli;

/**
 * The constant parts of every command's help, for {@code @Command} attributes: put a command's
 * examples in {@code footer} with {@code footerHeading = Help.EXAMPLES}, and its exit codes with
 * {@code exitCodeListHeading = Help.EXIT_CODES} and the {@code exitCodeList} entries below (add
 * {@link #FOUND_PROBLEM} only for commands that report problems with exit 1).
 */
final class Help {
  /** The heading of the examples section. */
  static final String EXAMPLES = "%nExamples:%n";

  /** The heading of the exit codes section. */
  static final String EXIT_CODES = "%nExit codes:%n";

  /** Exit 0. */
  static final String OK = "0:success";

  /** Exit 1, for commands that check or build. */
  static final String FOUND_PROBLEM =
      "1:the check or build found a problem (the output says which)";

  /** Exit 2. */
  static final String USAGE = "2:usage error: unknown option, bad option value, missing argument";

  /** Exit 3. */
  static final String BAD_INPUT =
      "3:bad input: unreadable file, wrong format, wrong password (one line on stderr)";

  /** Exit 70. */
  static final String INTERNAL = "70:internal error: a bug; report it with the --verbose output";

  private Help() {}
}
