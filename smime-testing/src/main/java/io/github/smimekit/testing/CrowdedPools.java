package io.github.smimekit.testing;

import io.github.smimekit.testing.internal.CrowdedPoolMaker;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Crowded CA pools for chain-building cost tests and benchmarks: a root (EC P-256), an issuing CA
 * with a 3072-bit RSA key, users it issued, and any number of other CA certificates that carry the
 * issuing CA's name, signed by the root, with crafted 3072-bit RSA public keys.
 *
 * <p>The keys are crafted, not generated: a public key needs no private key when nothing is signed
 * with it. Pool certificate {@code i} gets the modulus 2<sup>3072</sup> − (2i + 1) (distinct,
 * larger than any signature, so every verification really exponentiates) and either a random odd
 * public exponent of 3071 bits ({@link #hostilePool}: one verification costs about as much as a
 * private key operation) or 65537 ({@link #benignPool}: the same pool at the ordinary cost).
 * Certificates are valid from {@link #now()} minus a day for a year. The same seed gives the same
 * keys and exponents; serial numbers count up per instance.
 *
 * <pre>{@code
 * CrowdedPools p = CrowdedPools.create(7);
 * List<X509Certificate> pool = new ArrayList<>(p.hostilePool(1000));
 * pool.add(p.issuing());
 * ChainResolver.builder().trustAnchors(p.root()).intermediates(pool).build()
 *     .resolve(p.user("alice"), p.now());
 * }</pre>
 *
 * <p>Not thread-safe: one instance per test class or benchmark state.
 */
public final class CrowdedPools {
  private final CrowdedPoolMaker maker;

  private CrowdedPools(CrowdedPoolMaker maker) {
    this.maker = maker;
  }

  /**
   * Makes the root and the issuing CA (generating the 3072-bit RSA key takes about a second).
   *
   * @param seed fixes the keys and the crafted exponents
   * @return a new generator
   */
  public static CrowdedPools create(long seed) {
    return new CrowdedPools(CrowdedPoolMaker.create(seed));
  }

  /** The validation time the certificates are made for (that of {@link TestPki#DEFAULT_NOW}). */
  public Instant now() {
    return CrowdedPoolMaker.NOW;
  }

  /** The self-signed root (EC P-256), the one trust anchor. */
  public X509Certificate root() {
    return maker.root();
  }

  /** The real issuing CA (3072-bit RSA, exponent 65537), signed by the root. */
  public X509Certificate issuing() {
    return maker.issuing();
  }

  /**
   * A user certificate issued by the real issuing CA; its authority key identifier names the
   * issuing CA's key.
   *
   * @param commonName the user's CN
   * @return a new certificate
   */
  public X509Certificate user(String commonName) {
    return maker.user(Objects.requireNonNull(commonName, "commonName"));
  }

  /**
   * A user certificate signed with the issuing CA's key whose authority key identifier names the
   * root's key instead, so no pool certificate matches it by key identifier and a resolver has to
   * try the same-name candidates.
   *
   * @return a new certificate
   */
  public X509Certificate orphan() {
    return maker.orphan();
  }

  /**
   * {@code n} CA certificates named like the issuing CA, with 3072-bit moduli and 3071-bit public
   * exponents.
   *
   * @param n how many, at least 0
   * @return new certificates, in order
   */
  public List<X509Certificate> hostilePool(int n) {
    return maker.pool(n, true);
  }

  /**
   * {@code n} CA certificates named like the issuing CA, with 3072-bit moduli and exponent 65537:
   * the shape of {@link #hostilePool} at the ordinary cost.
   *
   * @param n how many, at least 0
   * @return new certificates, in order
   */
  public List<X509Certificate> benignPool(int n) {
    return maker.pool(n, false);
  }
}
