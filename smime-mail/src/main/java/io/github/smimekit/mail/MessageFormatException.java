package io.github.smimekit.mail;

import io.github.smimekit.core.SmimeFormatException;

/**
 * A message is not a well-formed MIME message, or exceeds a {@link MessageLimits} bound. The
 * message names the entity (by its path of part numbers, for example {@code part 1.2}) and the
 * offending value.
 */
public class MessageFormatException extends SmimeFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public MessageFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong and where
   * @param cause the underlying failure
   */
  public MessageFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
