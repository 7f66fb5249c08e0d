package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a plan does to one recipient and why.
 *
 * @param type the kind of recipient
 * @param identity the recipient
 * @param status create, change, unchanged or blocked
 * @param changes the certificate values added, removed and kept
 * @param findings errors (which block), warnings and infos, in the order found
 * @param operations this recipient's operations, in order (none when unchanged or blocked)
 */
public record RecipientPlan(
    RecipientType type,
    RecipientIdentity identity,
    RecipientStatus status,
    List<CertificateChange> changes,
    List<ExchangeFinding> findings,
    List<ExchangeOperation> operations) {
  /** Validates and copies. */
  public RecipientPlan {
    requireNonNull(type, "type");
    requireNonNull(identity, "identity");
    requireNonNull(status, "status");
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
    operations = List.copyOf(operations);
  }
}
