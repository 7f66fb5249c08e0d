package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.exchange.internal.plan.CertsOnlyPkcs7;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * {@code Set-Mailbox|Set-MailUser|Set-MailContact -Identity -UserSMimeCertificate}: sets the
 * attribute to one PKCS#7 certs-only blob holding {@code certificates}, or clears it ({@code
 * $null}) when the list is empty.
 *
 * <p>Outlook prefers {@code UserSMimeCertificate} over {@code UserCertificate} whenever it is set,
 * so a stale value hides a fresh certificate (spec {@code exchange-online.md} §1.2); clearing it is
 * the usual use.
 *
 * @param type the kind of recipient, which decides the cmdlet
 * @param identity the recipient
 * @param certificates the certificates of the blob, deduplicated by SHA-1; empty to clear
 */
public record SetUserSMimeCertificate(
    RecipientType type, RecipientIdentity identity, List<X509Certificate> certificates)
    implements ExchangeOperation {
  /**
   * Validates and deduplicates.
   *
   * @throws ExchangeException if there are too many certificates or the blob is over the size limit
   *     of one value
   */
  public SetUserSMimeCertificate {
    requireNonNull(type, "type");
    requireNonNull(identity, "identity");
    certificates = Der.dedupe(requireNonNull(certificates, "certificates"));
    SetUserCertificates.checkValues(certificates, identity, "UserSMimeCertificate");
    if (!certificates.isEmpty()) {
      int size = CertsOnlyPkcs7.encode(certificates).size();
      if (size > ExchangeLimits.MAX_CERTIFICATE_VALUE_BYTES) {
        throw new ExchangeException(
            "UserSMimeCertificate of '"
                + identity
                + "': the PKCS#7 blob of "
                + size
                + " bytes is over the limit of "
                + ExchangeLimits.MAX_CERTIFICATE_VALUE_BYTES
                + " bytes per value",
            identity.value());
      }
    }
  }

  /** Clears the recipient's {@code UserSMimeCertificate} ({@code $null}). */
  public static SetUserSMimeCertificate clear(RecipientType type, RecipientIdentity identity) {
    return new SetUserSMimeCertificate(type, identity, List.of());
  }

  /** Whether this operation clears the attribute. */
  public boolean clears() {
    return certificates.isEmpty();
  }

  /** The PKCS#7 certs-only blob (a SignedData without signers); empty when clearing. */
  public Optional<Bytes> blob() {
    return clears() ? Optional.empty() : Optional.of(CertsOnlyPkcs7.encode(certificates));
  }

  @Override
  public CmdletCall toCmdletCall() {
    return CmdletCall.builder(type.setCmdlet())
        .put("Identity", ParameterValue.text(identity.value()))
        .put(
            "UserSMimeCertificate",
            blob()
                .<ParameterValue>map(b -> ParameterValue.byteList(List.of(b)))
                .orElse(ParameterValue.nullValue()))
        .build();
  }

  @Override
  public Optional<RecipientIdentity> recipient() {
    return Optional.of(identity);
  }
}
