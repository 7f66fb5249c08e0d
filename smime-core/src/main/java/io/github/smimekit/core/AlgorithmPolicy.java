package io.github.smimekit.core;

import org.jspecify.annotations.Nullable;

/**
 * Which signature algorithms and public keys smimekit accepts: one immutable value shared by the
 * S/MIME fitness check ({@link SmimeFitness}) and chain building ({@link ChainResolver}), so that
 * {@code cert check} and {@code chain build} never disagree about an algorithm. It is passed in;
 * there is no global policy.
 *
 * <ul>
 *   <li>Signatures with a broken digest (MD2, MD4, MD5, also as the hash of RSASSA-PSS) are always
 *       refused.
 *   <li>SHA-1 signatures (RSA, DSA, ECDSA, RSASSA-PSS with SHA-1) are accepted with a warning by
 *       default and refused with {@link Builder#allowSha1(boolean) allowSha1(false)}.
 *   <li>DSA signatures are accepted by default and refused with {@link Builder#allowDsa(boolean)
 *       allowDsa(false)} (NIST PKITS 4.1.4–4.1.6 use DSA).
 *   <li>An RSA key whose modulus is longer than {@link #maxRsaModulusBits()} or whose public
 *       exponent is longer than {@link #maxRsaPublicExponentBits()} is refused before any signature
 *       is verified with it: verifying costs time in proportion to the exponent's length and the
 *       square of the modulus' length, so such keys would let a hostile pool of CA certificates
 *       stall chain building. The defaults accept every key the CA/Browser Forum Baseline
 *       Requirements allow (section 6.1.6: an exponent of at most 2<sup>256</sup>−1) and every
 *       modulus the JDK accepts.
 * </ul>
 *
 * <pre>{@code
 * AlgorithmPolicy strict = AlgorithmPolicy.builder().allowSha1(false).build();
 * ChainResolver resolver = ChainResolver.builder().algorithmPolicy(strict).trustAnchors(roots).build();
 * SmimeFitness fitness = SmimeFitness.builder().algorithmPolicy(strict).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AlgorithmPolicy {
  /** Default {@link #maxRsaModulusBits()}: 16,384, the longest modulus the JDK accepts. */
  public static final int DEFAULT_MAX_RSA_MODULUS_BITS = 16_384;

  /**
   * Default {@link #maxRsaPublicExponentBits()}: 256 (the CA/Browser Forum's largest exponent is
   * 2<sup>256</sup>−1; real keys use 65537, 17 bits).
   */
  public static final int DEFAULT_MAX_RSA_PUBLIC_EXPONENT_BITS = 256;

  private static final AlgorithmPolicy DEFAULTS = new Builder().build();

  private final boolean allowSha1;
  private final boolean allowDsa;
  private final int maxRsaModulusBits;
  private final int maxRsaPublicExponentBits;

  private AlgorithmPolicy(Builder b) {
    this.allowSha1 = b.allowSha1;
    this.allowDsa = b.allowDsa;
    this.maxRsaModulusBits = b.maxRsaModulusBits;
    this.maxRsaPublicExponentBits = b.maxRsaPublicExponentBits;
  }

  /**
   * The default policy: SHA-1 accepted with a warning, DSA accepted, RSA keys up to {@value
   * #DEFAULT_MAX_RSA_MODULUS_BITS} bits with exponents up to {@value
   * #DEFAULT_MAX_RSA_PUBLIC_EXPONENT_BITS} bits.
   *
   * @return the default policy
   */
  public static AlgorithmPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the default policy.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this policy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .allowSha1(allowSha1)
        .allowDsa(allowDsa)
        .maxRsaModulusBits(maxRsaModulusBits)
        .maxRsaPublicExponentBits(maxRsaPublicExponentBits);
  }

  /**
   * Whether SHA-1 signatures are accepted (with a warning).
   *
   * @return true when accepted
   */
  public boolean allowSha1() {
    return allowSha1;
  }

  /**
   * Whether DSA signatures are accepted.
   *
   * @return true when accepted
   */
  public boolean allowDsa() {
    return allowDsa;
  }

  /**
   * The longest RSA modulus accepted, in bits.
   *
   * @return the limit
   */
  public int maxRsaModulusBits() {
    return maxRsaModulusBits;
  }

  /**
   * The longest RSA public exponent accepted, in bits.
   *
   * @return the limit
   */
  public int maxRsaPublicExponentBits() {
    return maxRsaPublicExponentBits;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AlgorithmPolicy p
        && p.allowSha1 == allowSha1
        && p.allowDsa == allowDsa
        && p.maxRsaModulusBits == maxRsaModulusBits
        && p.maxRsaPublicExponentBits == maxRsaPublicExponentBits;
  }

  @Override
  public int hashCode() {
    return ((Boolean.hashCode(allowSha1) * 31 + Boolean.hashCode(allowDsa)) * 31
                + maxRsaModulusBits)
            * 31
        + maxRsaPublicExponentBits;
  }

  @Override
  public String toString() {
    return "AlgorithmPolicy[allowSha1="
        + allowSha1
        + ", allowDsa="
        + allowDsa
        + ", maxRsaModulusBits="
        + maxRsaModulusBits
        + ", maxRsaPublicExponentBits="
        + maxRsaPublicExponentBits
        + "]";
  }

  /** Settings of an {@link AlgorithmPolicy}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private boolean allowSha1 = true;
    private boolean allowDsa = true;
    private int maxRsaModulusBits = DEFAULT_MAX_RSA_MODULUS_BITS;
    private int maxRsaPublicExponentBits = DEFAULT_MAX_RSA_PUBLIC_EXPONENT_BITS;

    private Builder() {}

    /**
     * Whether SHA-1 signatures are accepted (with a warning). Default true.
     *
     * @param allow false to refuse them
     * @return this builder
     */
    public Builder allowSha1(boolean allow) {
      this.allowSha1 = allow;
      return this;
    }

    /**
     * Whether DSA signatures are accepted. Default true.
     *
     * @param allow false to refuse them
     * @return this builder
     */
    public Builder allowDsa(boolean allow) {
      this.allowDsa = allow;
      return this;
    }

    /**
     * The longest RSA modulus accepted.
     *
     * @param bits between 512 and 65,536; default {@value
     *     AlgorithmPolicy#DEFAULT_MAX_RSA_MODULUS_BITS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRsaModulusBits(int bits) {
      if (bits < 512 || bits > 65_536) {
        throw new IllegalArgumentException("maxRsaModulusBits not in [512, 65536]: " + bits);
      }
      this.maxRsaModulusBits = bits;
      return this;
    }

    /**
     * The longest RSA public exponent accepted.
     *
     * @param bits between 2 (e = 3) and 65,536; default {@value
     *     AlgorithmPolicy#DEFAULT_MAX_RSA_PUBLIC_EXPONENT_BITS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRsaPublicExponentBits(int bits) {
      if (bits < 2 || bits > 65_536) {
        throw new IllegalArgumentException("maxRsaPublicExponentBits not in [2, 65536]: " + bits);
      }
      this.maxRsaPublicExponentBits = bits;
      return this;
    }

    /**
     * The policy.
     *
     * @return an immutable policy with these settings
     */
    public AlgorithmPolicy build() {
      return new AlgorithmPolicy(this);
    }
  }
}
