package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * The audited issuing-CA store ({@code Get-SmimeConfig}'s {@code SMIMECertificateIssuingCA}).
 *
 * @param store the stored {@code .sst} bytes; empty when none is set
 * @param certificates its certificates, each audited (empty when it is absent or undecodable)
 * @param findings findings about the store as a whole (absent, undecodable, over the size limit)
 */
public record AuditedStore(
    Optional<Bytes> store, List<AuditedCertificate> certificates, List<ExchangeFinding> findings) {
  /** Validates and copies. */
  public AuditedStore {
    requireNonNull(store, "store");
    certificates = List.copyOf(certificates);
    findings = List.copyOf(findings);
  }
}
