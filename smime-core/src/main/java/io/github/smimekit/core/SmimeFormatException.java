package io.github.smimekit.core;

import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Input bytes are not in the expected format, or are damaged: a truncated DER structure, a PKCS#12
 * file that is not one, an unknown text encoding, a malformed {@code .sst} element.
 *
 * <p>{@link #offset()} gives the byte offset in the input where the problem was found, when known.
 */
public class SmimeFormatException extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public SmimeFormatException(String message) {
    this(message, -1, null);
  }

  public SmimeFormatException(String message, Throwable cause) {
    this(message, -1, cause);
  }

  public SmimeFormatException(String message, long offset) {
    this(message, offset, null);
  }

  /**
   * @param offset byte offset in the input where the problem was found, or -1 when unknown
   */
  public SmimeFormatException(String message, long offset, @Nullable Throwable cause) {
    super(message, cause);
    this.offset = offset < 0 ? -1 : offset;
  }

  /** The byte offset in the input where the problem was found, when known. */
  public OptionalLong offset() {
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }
}
