package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why no valid chain was found for a certificate: a {@link ChainStatus}, one human sentence naming
 * the certificate where the chain broke (its subject and SHA-1 thumbprint) and why, and that
 * certificate itself.
 *
 * <p>When several routes were tried, the diagnosis describes the one that got furthest (a route
 * that reached an anchor and then failed a check is preferred over a route that found no issuer).
 */
public final class ChainDiagnosis {
  private final ChainStatus status;
  private final String reason;
  private final @Nullable X509Certificate certificate;
  private final @Nullable Thumbprint thumbprint;

  /**
   * A diagnosis that blames no single certificate.
   *
   * @param status what went wrong
   * @param reason the sentence explaining it, not blank
   * @throws IllegalArgumentException if {@code reason} is blank
   */
  public ChainDiagnosis(ChainStatus status, String reason) {
    this.status = requireNonNull(status, "status");
    this.reason = checkReason(reason);
    this.certificate = null;
    this.thumbprint = null;
  }

  /**
   * A diagnosis blaming one certificate; its thumbprint is computed from it.
   *
   * @param status what went wrong
   * @param reason the sentence explaining it, not blank
   * @param certificate the certificate where the chain broke
   * @throws IllegalArgumentException if {@code reason} is blank
   */
  public ChainDiagnosis(ChainStatus status, String reason, X509Certificate certificate) {
    this.status = requireNonNull(status, "status");
    this.reason = checkReason(reason);
    this.certificate = requireNonNull(certificate, "certificate");
    this.thumbprint = Thumbprint.sha1(certificate);
  }

  private static String checkReason(String reason) {
    if (requireNonNull(reason, "reason").isBlank()) {
      throw new IllegalArgumentException("blank reason");
    }
    return reason;
  }

  /** What went wrong. */
  public ChainStatus status() {
    return status;
  }

  /**
   * One sentence saying where the chain broke and why, naming the certificate by subject and SHA-1
   * thumbprint, with dates, names, key identifiers or URLs where they help.
   */
  public String reason() {
    return reason;
  }

  /** The certificate where the chain broke, when a single certificate is to blame. */
  public Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /** The SHA-1 thumbprint of {@link #certificate()}, when present. */
  public Optional<Thumbprint> thumbprint() {
    return Optional.ofNullable(thumbprint);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChainDiagnosis d
        && d.status == status
        && d.reason.equals(reason)
        && Objects.equals(d.thumbprint, thumbprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, reason, thumbprint);
  }

  @Override
  public String toString() {
    return status + ": " + reason;
  }
}
