package io.github.smimekit.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception smimekit throws on bad input or a failed operation.
 *
 * <p>Unchecked: callers catch the subclass that tells them what they can do about it (a {@link
 * SmimeFormatException} for malformed bytes, a {@link WrongPasswordException} for a password that
 * does not open a file, ...). Messages say what failed and where, with the offending non-secret
 * value, and never contain passwords or key material. Programmer errors (a {@code null} argument,
 * an illegal setting) are reported with the JDK's own exceptions instead.
 */
public class SmimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SmimeException(String message) {
    super(message);
  }

  public SmimeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** The message given at construction: never null, as every constructor requires one. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? "" : message;
  }
}
