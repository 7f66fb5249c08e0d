package io.github.smimekit.cli;

/** Bad input found by the command line itself (an unset variable, an unreadable option value). */
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
}
