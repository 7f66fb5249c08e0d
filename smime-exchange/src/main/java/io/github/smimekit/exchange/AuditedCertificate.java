package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Thumbprint;
import java.time.Instant;
import java.util.List;

/**
 * One audited certificate.
 *
 * @param sha1 its SHA-1 thumbprint
 * @param subject its subject (RFC 2253)
 * @param notAfter its expiry
 * @param emails the e-mail addresses it names (subjectAltName rfc822Name, then {@code E=})
 * @param findings what the audit found about it
 */
public record AuditedCertificate(
    Thumbprint sha1,
    String subject,
    Instant notAfter,
    List<String> emails,
    List<ExchangeFinding> findings) {
  /** Validates and copies. */
  public AuditedCertificate {
    requireNonNull(sha1, "sha1");
    requireNonNull(subject, "subject");
    requireNonNull(notAfter, "notAfter");
    emails = List.copyOf(emails);
    findings = List.copyOf(findings);
  }
}
