package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A chain of trust that passed validation: the certificates from the leaf to the last certificate
 * (a trust anchor, or a self-signed root when the resolver has no anchors), with their SHA-1
 * thumbprints.
 *
 * @param certificates leaf first, then each issuer, the anchor or root last; never empty
 * @param thumbprints the SHA-1 thumbprint (upper-case hex of the DER) of each certificate, same
 *     order
 * @param anchored true when the last certificate is one of the resolver's trust anchors; false when
 *     the chain ends in a self-signed certificate from the pool that nobody said to trust
 * @param warnings things that did not stop validation but deserve attention (a SHA-1 signature, an
 *     unanchored root), one sentence each naming the certificate
 */
public record CertificateChain(
    List<X509Certificate> certificates,
    List<String> thumbprints,
    boolean anchored,
    List<String> warnings) {

  /** Validates and copies the lists. */
  public CertificateChain {
    certificates = List.copyOf(requireNonNull(certificates, "certificates"));
    thumbprints = List.copyOf(requireNonNull(thumbprints, "thumbprints"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("a chain has at least one certificate");
    }
    if (certificates.size() != thumbprints.size()) {
      throw new IllegalArgumentException(
          "certificates and thumbprints differ in size: "
              + certificates.size()
              + " != "
              + thumbprints.size());
    }
  }

  /** The end-entity certificate the chain was built for. */
  public X509Certificate leaf() {
    return certificates.get(0);
  }

  /**
   * The last certificate: the trust anchor, or the self-signed root when not {@link #anchored()}.
   */
  public X509Certificate root() {
    return certificates.get(certificates.size() - 1);
  }

  /**
   * The CA certificates of the chain (every certificate but the leaf), issuing CA first. Empty when
   * the leaf is itself an anchor.
   */
  public List<X509Certificate> caCertificates() {
    return certificates.subList(1, certificates.size());
  }

  /** The number of certificates, leaf and anchor included. */
  public int length() {
    return certificates.size();
  }
}
