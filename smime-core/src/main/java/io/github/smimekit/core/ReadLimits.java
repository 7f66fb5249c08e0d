package io.github.smimekit.core;

/**
 * Bounds on what {@link Certificates} reads from untrusted input, checked before anything is
 * allocated for it.
 *
 * @param maxInputBytes the largest input accepted, in bytes (default 64 MiB)
 * @param maxCertificates the most certificates one input may hold (default 100,000)
 */
public record ReadLimits(long maxInputBytes, int maxCertificates) {
  /** The default input size limit: 64 MiB. */
  public static final long DEFAULT_MAX_INPUT_BYTES = 64L * 1024 * 1024;

  /** The default certificate count limit: 100,000. */
  public static final int DEFAULT_MAX_CERTIFICATES = 100_000;

  /** The largest input size that can be set: the largest Java array. */
  public static final long MAX_INPUT_BYTES = Integer.MAX_VALUE - 8L;

  private static final ReadLimits DEFAULTS =
      new ReadLimits(DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_CERTIFICATES);

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if a limit is less than 1 or the input limit exceeds {@link
   *     #MAX_INPUT_BYTES}
   */
  public ReadLimits {
    if (maxInputBytes < 1 || maxInputBytes > MAX_INPUT_BYTES) {
      throw new IllegalArgumentException(
          "maxInputBytes not in [1, " + MAX_INPUT_BYTES + "]: " + maxInputBytes);
    }
    if (maxCertificates < 1) {
      throw new IllegalArgumentException("maxCertificates < 1: " + maxCertificates);
    }
  }

  /**
   * The default limits: 64 MiB of input, 100,000 certificates.
   *
   * @return the defaults
   */
  public static ReadLimits defaults() {
    return DEFAULTS;
  }

  /**
   * These limits with another input size limit.
   *
   * @param maxInputBytes the largest input accepted, in bytes
   * @return a new value
   */
  public ReadLimits withMaxInputBytes(long maxInputBytes) {
    return new ReadLimits(maxInputBytes, maxCertificates);
  }

  /**
   * These limits with another certificate count limit.
   *
   * @param maxCertificates the most certificates one input may hold
   * @return a new value
   */
  public ReadLimits withMaxCertificates(int maxCertificates) {
    return new ReadLimits(maxInputBytes, maxCertificates);
  }
}
