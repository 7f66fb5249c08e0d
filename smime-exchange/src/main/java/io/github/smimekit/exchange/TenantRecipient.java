package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import java.util.List;

/**
 * What the tenant holds for one recipient, as {@code Get-Mailbox}/{@code Get-MailUser}/{@code
 * Get-MailContact} return it (or as a {@code --current} file states it): the raw attribute values,
 * unparsed, so nothing the tenant holds is lost or normalised away.
 *
 * @param type the kind of recipient
 * @param identity the identity used to address it (primary SMTP address or GUID preferred)
 * @param primarySmtpAddress its primary SMTP address
 * @param proxyAddresses its other e-mail addresses (without the {@code smtp:} prefix)
 * @param userCertificates the {@code UserCertificate} values (DER certificates, as stored)
 * @param userSMimeCertificates the {@code UserSMimeCertificate} values (PKCS#7 blobs, as stored)
 */
public record TenantRecipient(
    RecipientType type,
    String identity,
    String primarySmtpAddress,
    List<String> proxyAddresses,
    List<Bytes> userCertificates,
    List<Bytes> userSMimeCertificates) {
  public TenantRecipient {
    requireNonNull(type, "type");
    requireNonNull(identity, "identity");
    requireNonNull(primarySmtpAddress, "primarySmtpAddress");
    proxyAddresses = List.copyOf(proxyAddresses);
    userCertificates = List.copyOf(userCertificates);
    userSMimeCertificates = List.copyOf(userSMimeCertificates);
  }
}
