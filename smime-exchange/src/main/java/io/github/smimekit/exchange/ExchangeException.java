package io.github.smimekit.exchange;

import io.github.smimekit.core.SmimeException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An Exchange operation, a desired-state file or a current-state file that cannot be accepted: a
 * recipient identity with a control character, a certificate over the size limit, too many
 * certificate values, an issuing-CA store Exchange would reject, an unknown field in a file.
 *
 * <p>The message names the recipient (or the file and JSON pointer) and the offending value.
 */
public class ExchangeException extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String recipient;

  /**
   * An error not tied to one recipient.
   *
   * @param message the lower-case message
   */
  public ExchangeException(String message) {
    super(message);
    this.recipient = null;
  }

  /**
   * An error with its cause.
   *
   * @param message the lower-case message
   * @param cause the cause
   */
  public ExchangeException(String message, Throwable cause) {
    super(message, cause);
    this.recipient = null;
  }

  /**
   * An error about one recipient.
   *
   * @param message the lower-case message (already naming the recipient)
   * @param recipient the recipient's identity as given (may hold the offending characters)
   */
  public ExchangeException(String message, @Nullable String recipient) {
    super(message);
    this.recipient = recipient;
  }

  /** The recipient the error is about, when it is about one. */
  public Optional<String> recipient() {
    return Optional.ofNullable(recipient);
  }
}
