package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A chain of trust: the certificates from the leaf to the last certificate (a trust anchor, or a
 * self-signed root when the resolver has no anchors), with their SHA-1 thumbprints and the warnings
 * of validation. The chains a {@link ChainResolver} returns passed validation.
 *
 * <p>The value is consistent by construction: the certificates are linked by name (each
 * certificate's issuer name is the next one's subject name), appear once each, and an unanchored
 * chain ends in a self-issued certificate; the thumbprints are computed from the certificates, so
 * they cannot disagree with them. Building one with {@link #of} does not validate signatures or
 * dates: that is what {@link ChainResolver} does. Immutable and thread-safe.
 */
public final class CertificateChain {
  private final List<X509Certificate> certificates;
  private final boolean anchored;
  private final List<String> warnings;
  private volatile @Nullable List<Thumbprint> thumbprints;

  private CertificateChain(
      List<X509Certificate> certificates, boolean anchored, List<String> warnings) {
    this.certificates = certificates;
    this.anchored = anchored;
    this.warnings = warnings;
  }

  /**
   * A chain of the given certificates.
   *
   * @param certificates leaf first, then each issuer, the anchor or root last; not empty
   * @param anchored true when the last certificate is a trust anchor; false when it is a
   *     self-signed certificate nobody said to trust
   * @param warnings things that did not stop validation but deserve attention, one sentence each
   * @return the chain
   * @throws IllegalArgumentException if the list is empty, holds a certificate twice, a
   *     certificate's issuer name differs from the next one's subject name, an unanchored chain
   *     does not end in a self-issued certificate, or a warning is blank
   */
  public static CertificateChain of(
      List<X509Certificate> certificates, boolean anchored, List<String> warnings) {
    List<X509Certificate> certs = List.copyOf(requireNonNull(certificates, "certificates"));
    List<String> warns = List.copyOf(requireNonNull(warnings, "warnings"));
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("a chain has at least one certificate");
    }
    for (int i = 0; i < certs.size(); i++) {
      X509Certificate c = certs.get(i);
      if (certs.subList(0, i).contains(c)) {
        throw new IllegalArgumentException("certificate #" + (i + 1) + " is already on the chain");
      }
      if (i + 1 < certs.size()
          && !c.getIssuerX500Principal().equals(certs.get(i + 1).getSubjectX500Principal())) {
        throw new IllegalArgumentException(
            "certificate #"
                + (i + 1)
                + " names the issuer '"
                + c.getIssuerX500Principal().getName()
                + "' but certificate #"
                + (i + 2)
                + " has the subject '"
                + certs.get(i + 1).getSubjectX500Principal().getName()
                + "'");
      }
    }
    X509Certificate last = certs.get(certs.size() - 1);
    if (!anchored && !last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
      throw new IllegalArgumentException(
          "an unanchored chain ends in a self-issued certificate, not in '"
              + last.getSubjectX500Principal().getName()
              + "'");
    }
    for (String w : warns) {
      if (w.isBlank()) {
        throw new IllegalArgumentException("blank warning");
      }
    }
    return new CertificateChain(certs, anchored, warns);
  }

  /** Leaf first, then each issuer, the anchor or root last; never empty. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** The SHA-1 thumbprint of each certificate, same order. */
  public List<Thumbprint> thumbprints() {
    List<Thumbprint> t = thumbprints;
    if (t == null) {
      List<Thumbprint> computed = new ArrayList<>(certificates.size());
      for (X509Certificate c : certificates) {
        computed.add(Thumbprint.sha1(c));
      }
      t = List.copyOf(computed);
      thumbprints = t;
    }
    return t;
  }

  /**
   * True when the last certificate is one of the resolver's trust anchors; false when the chain
   * ends in a self-signed certificate from the pool that nobody said to trust.
   */
  public boolean anchored() {
    return anchored;
  }

  /**
   * Things that did not stop validation but deserve attention (a SHA-1 signature, an unanchored
   * root), one sentence each naming the certificate.
   */
  public List<String> warnings() {
    return warnings;
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

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CertificateChain c
        && c.anchored == anchored
        && c.certificates.equals(certificates)
        && c.warnings.equals(warnings);
  }

  @Override
  public int hashCode() {
    return (certificates.hashCode() * 31 + Boolean.hashCode(anchored)) * 31 + warnings.hashCode();
  }

  @Override
  public String toString() {
    return "CertificateChain[length="
        + certificates.size()
        + ", anchored="
        + anchored
        + ", thumbprints="
        + thumbprints()
        + ", warnings="
        + warnings.size()
        + "]";
  }
}
