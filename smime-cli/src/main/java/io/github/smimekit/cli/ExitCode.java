package io.github.smimekit.cli;

/** The exit codes of the {@code smime} command: a stable contract (see DESIGN.md). */
final class ExitCode {
  static final int OK = 0;
  static final int FOUND_PROBLEM = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int INTERNAL_ERROR = 70;

  private ExitCode() {}
}
