package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

/**
 * One result of an S/MIME fitness check.
 *
 * @param code the stable identifier of the rule ({@link FindingCode#code()} is what scripts match)
 * @param severity how much it matters
 * @param message a lower-case fragment naming the offending values (dates, addresses, sizes)
 */
public record Finding(FindingCode code, Severity severity, String message) {
  /** Checks that no component is null. */
  public Finding {
    requireNonNull(code, "code");
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return severity + " " + code.code() + ": " + message;
  }
}
