package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Thumbprint;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of a plan's change table: a certificate value added, removed or kept.
 *
 * @param kind add, remove or keep
 * @param attribute {@code UserCertificate}, {@code UserSMimeCertificate} or {@code
 *     SMIMECertificateIssuingCA}
 * @param sha1 the SHA-1 thumbprint of the value (of its bytes, when it is not a certificate)
 * @param subject the certificate's subject, or a note when the value is not a certificate
 * @param notAfter the certificate's expiry, when the value is one
 */
public record CertificateChange(
    Kind kind, String attribute, Thumbprint sha1, String subject, Optional<Instant> notAfter) {
  /** Validates. */
  public CertificateChange {
    requireNonNull(kind, "kind");
    requireNonNull(attribute, "attribute");
    requireNonNull(sha1, "sha1");
    requireNonNull(subject, "subject");
    requireNonNull(notAfter, "notAfter");
  }

  /** What happens to the value. */
  public enum Kind {
    /** The value is added. */
    ADD("+"),
    /** The value is removed. */
    REMOVE("-"),
    /** The value stays. */
    KEEP(" ");

    private final String symbol;

    Kind(String symbol) {
      this.symbol = symbol;
    }

    /** {@code +}, {@code -} or a space, as in {@code terraform plan}. */
    public String symbol() {
      return symbol;
    }

    /** The name in JSON output: {@code add}, {@code remove}, {@code keep}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
