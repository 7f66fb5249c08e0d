package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Severity;

/**
 * Something a plan, an operation or a store check found: a stable code, a severity and a sentence.
 * Errors block what they are about; warnings and infos are shown.
 *
 * @param severity how serious it is
 * @param code a stable kebab-case code, for example {@code missing-ca}
 * @param message one lower-case sentence naming the recipient or certificate and the value
 */
public record ExchangeFinding(Severity severity, String code, String message) {
  /** Validates the finding. */
  public ExchangeFinding {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(message, "message");
    if (!code.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("not a kebab-case code: " + code);
    }
  }

  /** An error. */
  public static ExchangeFinding error(String code, String message) {
    return new ExchangeFinding(Severity.ERROR, code, message);
  }

  /** A warning. */
  public static ExchangeFinding warning(String code, String message) {
    return new ExchangeFinding(Severity.WARNING, code, message);
  }

  /** An information. */
  public static ExchangeFinding info(String code, String message) {
    return new ExchangeFinding(Severity.INFO, code, message);
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + code + ": " + message;
  }
}
