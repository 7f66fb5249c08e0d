package io.github.smimekit.cli;

/** Bad input found by the command line itself (an unset variable, an unreadable option value). */
final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }
}
