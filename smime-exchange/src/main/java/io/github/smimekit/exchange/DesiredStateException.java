package io.github.smimekit.exchange;

/**
 * A desired-state or current-state file that cannot be read: malformed JSON, an unknown or missing
 * field, a wrong type, a certificate file that is missing, unreadable or a PKCS#12. The message
 * names the file and the JSON pointer of the element ({@code /recipients/2/certificates/0}).
 */
public final class DesiredStateException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  private final String pointer;

  /**
   * Creates the error.
   *
   * @param message the lower-case message, naming the file and pointer
   * @param pointer the JSON pointer of the offending element ({@code ""} for the whole document)
   */
  public DesiredStateException(String message, String pointer) {
    super(message);
    this.pointer = pointer;
  }

  /**
   * Creates the error with its cause.
   *
   * @param message the lower-case message, naming the file and pointer
   * @param pointer the JSON pointer of the offending element
   * @param cause the cause
   */
  public DesiredStateException(String message, String pointer, Throwable cause) {
    super(message, cause);
    this.pointer = pointer;
  }

  /** The JSON pointer (RFC 6901) of the offending element; empty for the whole document. */
  public String pointer() {
    return pointer;
  }
}
