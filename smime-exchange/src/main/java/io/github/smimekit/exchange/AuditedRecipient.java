package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One audited recipient.
 *
 * @param recipient what the tenant holds for it
 * @param certificates its {@code UserCertificate} values, then the certificates of its {@code
 *     UserSMimeCertificate} blobs, each audited
 * @param findings findings about the recipient as a whole (too many values, a stale {@code
 *     UserSMimeCertificate}, an undecodable value)
 */
public record AuditedRecipient(
    TenantRecipient recipient,
    List<AuditedCertificate> certificates,
    List<ExchangeFinding> findings) {
  /** Validates and copies. */
  public AuditedRecipient {
    requireNonNull(recipient, "recipient");
    certificates = List.copyOf(certificates);
    findings = List.copyOf(findings);
  }
}
