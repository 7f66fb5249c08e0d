package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.internal.cert.FitnessRules;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks whether a certificate will work for S/MIME with Exchange Online, Outlook and Outlook on
 * the web before it is published (exchange-online.md, sections 3.2 and 3.4): validity at a given
 * time, the e-mail address OWA matches, the emailProtection extended key usage, key usage for the
 * purpose, key algorithm and size, signature algorithm, and CA or self-signed certificates used as
 * a user's certificate. Each rule is a {@link FindingCode}.
 *
 * <p>Immutable and thread-safe; the time is passed in, never read from a clock.
 *
 * <pre>{@code
 * FitnessReport r = SmimeFitness.defaults().check(cert, "alice@example.com", Purpose.BOTH, now);
 * if (r.hasErrors()) { ... }
 * }</pre>
 *
 * <p>Not checked here: the chain of trust (see chain building) and revocation.
 */
public final class SmimeFitness {
  /** Default warning period for {@link FindingCode#EXPIRING_SOON}: 30 days. */
  public static final Duration DEFAULT_EXPIRING_WITHIN = Duration.ofDays(30);

  /** Default minimum RSA key size: 2048 bits. */
  public static final int DEFAULT_MINIMUM_RSA_BITS = 2048;

  private static final SmimeFitness DEFAULTS = new Builder().build();

  private final Duration expiringWithin;
  private final int minimumRsaBits;
  private final AlgorithmPolicy algorithmPolicy;

  private SmimeFitness(Builder b) {
    this.expiringWithin = b.expiringWithin;
    this.minimumRsaBits = b.minimumRsaBits;
    this.algorithmPolicy = b.algorithmPolicy;
  }

  /**
   * The checker with the default settings (30-day expiry warning, RSA keys of at least 2048 bits,
   * {@link AlgorithmPolicy#defaults()}).
   *
   * @return the default checker
   */
  public static SmimeFitness defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the default settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this checker's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .expiringWithin(expiringWithin)
        .minimumRsaBits(minimumRsaBits)
        .algorithmPolicy(algorithmPolicy);
  }

  /**
   * The policy deciding which signature algorithms are broken ({@link
   * FindingCode#BROKEN_SIGNATURE_ALGORITHM}), refused ({@link
   * FindingCode#DISALLOWED_SIGNATURE_ALGORITHM}) or weak ({@link FindingCode#SHA1_SIGNATURE}): the
   * same value a {@link ChainResolver} takes, so both agree.
   *
   * @return the algorithm policy
   */
  public AlgorithmPolicy algorithmPolicy() {
    return algorithmPolicy;
  }

  /**
   * How long before notAfter {@link FindingCode#EXPIRING_SOON} is reported.
   *
   * @return the warning period
   */
  public Duration expiringWithin() {
    return expiringWithin;
  }

  /**
   * The smallest RSA key size accepted, in bits.
   *
   * @return the minimum
   */
  public int minimumRsaBits() {
    return minimumRsaBits;
  }

  /**
   * Checks a certificate meant for the mailbox {@code expectedEmail}.
   *
   * @param certificate the certificate to publish
   * @param expectedEmail the recipient's primary SMTP address (compared ignoring case)
   * @param purpose what the certificate is for
   * @param at the time to check validity at
   * @return the findings, in {@link FindingCode} order; no errors means fit
   * @throws IllegalArgumentException if {@code expectedEmail} is blank
   * @throws SmimeFormatException if an extension of the certificate is malformed
   */
  public FitnessReport check(
      X509Certificate certificate, String expectedEmail, Purpose purpose, Instant at) {
    requireNonNull(expectedEmail, "expectedEmail");
    if (expectedEmail.isBlank()) {
      throw new IllegalArgumentException("expectedEmail is blank");
    }
    return new FitnessReport(
        FitnessRules.check(
            requireNonNull(certificate, "certificate"),
            expectedEmail,
            requireNonNull(purpose, "purpose"),
            requireNonNull(at, "at"),
            expiringWithin,
            minimumRsaBits,
            algorithmPolicy));
  }

  /**
   * Checks a certificate without an expected address: every rule runs except the address comparison
   * ({@link FindingCode#NO_EMAIL} is still reported).
   *
   * @param certificate the certificate to publish
   * @param purpose what the certificate is for
   * @param at the time to check validity at
   * @return the findings, in {@link FindingCode} order; no errors means fit
   * @throws SmimeFormatException if an extension of the certificate is malformed
   */
  public FitnessReport check(X509Certificate certificate, Purpose purpose, Instant at) {
    return new FitnessReport(
        FitnessRules.check(
            requireNonNull(certificate, "certificate"),
            null,
            requireNonNull(purpose, "purpose"),
            requireNonNull(at, "at"),
            expiringWithin,
            minimumRsaBits,
            algorithmPolicy));
  }

  @Override
  public String toString() {
    return "SmimeFitness[expiringWithin="
        + expiringWithin
        + ", minimumRsaBits="
        + minimumRsaBits
        + ", algorithmPolicy="
        + algorithmPolicy
        + "]";
  }

  /** Settings of a {@link SmimeFitness}; each setter checks its argument. */
  public static final class Builder {
    private Duration expiringWithin = DEFAULT_EXPIRING_WITHIN;
    private int minimumRsaBits = DEFAULT_MINIMUM_RSA_BITS;
    private AlgorithmPolicy algorithmPolicy = AlgorithmPolicy.defaults();

    private Builder() {}

    /**
     * The algorithm policy for the signature rules; pass the same value to {@link
     * ChainResolver.Builder#algorithmPolicy(AlgorithmPolicy)} so fitness and chain building agree.
     * Default {@link AlgorithmPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder algorithmPolicy(AlgorithmPolicy policy) {
      this.algorithmPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How long before notAfter to warn ({@link FindingCode#EXPIRING_SOON}); zero disables the
     * warning.
     *
     * @param period the warning period, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder expiringWithin(Duration period) {
      requireNonNull(period, "period");
      if (period.isNegative()) {
        throw new IllegalArgumentException("expiringWithin < 0: " + period);
      }
      this.expiringWithin = period;
      return this;
    }

    /**
     * The smallest RSA key size accepted.
     *
     * @param bits at least 512
     * @return this builder
     * @throws IllegalArgumentException if below 512
     */
    public Builder minimumRsaBits(int bits) {
      if (bits < 512) {
        throw new IllegalArgumentException("minimumRsaBits < 512: " + bits);
      }
      this.minimumRsaBits = bits;
      return this;
    }

    /**
     * The checker.
     *
     * @return an immutable checker with these settings
     */
    public SmimeFitness build() {
      return new SmimeFitness(this);
    }
  }
}
