package io.github.smimekit.core;

/**
 * The input is well-formed but protected or signed with an algorithm that this library (or the
 * policy in force) cannot or will not process. {@link #algorithm()} names it (OID or name).
 */
public class UnsupportedAlgorithmException extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final String algorithm;

  public UnsupportedAlgorithmException(String message, String algorithm) {
    super(message);
    this.algorithm = algorithm;
  }

  public UnsupportedAlgorithmException(String message, String algorithm, Throwable cause) {
    super(message, cause);
    this.algorithm = algorithm;
  }

  /** The algorithm's name or OID, as found in the input. */
  public String algorithm() {
    return algorithm;
  }
}
