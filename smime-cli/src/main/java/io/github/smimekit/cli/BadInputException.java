package io.github.smimekit.cli;

import org.jspecify.annotations.Nullable;

/**
 * Bad input found by the command line itself (an unset variable, a store with nothing to convert):
 * exit code 3, the message printed as one line. The message is a lower-case fragment that names the
 * file or option it is about, and never holds a secret.
 */
final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }

  /** The message given at construction: never null. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? "" : message;
  }

  BadInputException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
