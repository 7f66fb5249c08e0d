package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * What a tenant holds that the S/MIME set-up touches: its recipients' certificate attributes and
 * the organisation's issuing-CA store ({@code Get-SmimeConfig}'s {@code SMIMECertificateIssuingCA},
 * the raw {@code .sst} bytes).
 *
 * @param recipients the recipients read (possibly only those the plan names)
 * @param issuingCaStore the stored issuing-CA store bytes, empty when none is set
 */
public record TenantState(List<TenantRecipient> recipients, Optional<Bytes> issuingCaStore) {
  public TenantState {
    recipients = List.copyOf(recipients);
    requireNonNull(issuingCaStore, "issuingCaStore");
  }

  /** A tenant with no recipients and no store. */
  public static TenantState empty() {
    return new TenantState(List.of(), Optional.empty());
  }
}
