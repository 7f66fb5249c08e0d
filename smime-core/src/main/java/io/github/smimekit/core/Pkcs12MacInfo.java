package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

/**
 * The integrity protection (MAC) of a PKCS#12 file, as {@link Pkcs12#inspect} found it.
 *
 * @param algorithm for the RFC 7292 MAC the HMAC, e.g. {@code "HMAC-SHA256"}; for RFC 9579 PBMAC1
 *     e.g. {@code "PBMAC1 HMAC-SHA256 PBKDF2-HMAC-SHA256"}
 * @param iterations key derivation iterations (PBKDF2 iterations for PBMAC1)
 * @param saltLength salt length in bytes (PBKDF2 salt for PBMAC1)
 * @param weak MD5, or SHA-1 with fewer than 2048 iterations, or any digest with fewer than 1000
 *     iterations
 */
public record Pkcs12MacInfo(String algorithm, int iterations, int saltLength, boolean weak) {
  /** Checks the components. */
  public Pkcs12MacInfo {
    requireNonNull(algorithm, "algorithm");
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations < 1: " + iterations);
    }
    if (saltLength < 0) {
      throw new IllegalArgumentException("saltLength < 0: " + saltLength);
    }
  }

  /** E.g. {@code "HMAC-SHA256, 2048 iterations, 8-byte salt"}. */
  public String describe() {
    return algorithm + ", " + iterations + " iterations, " + saltLength + "-byte salt";
  }
}
