package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Thumbprint;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * {@code Set-Mailbox|Set-MailUser|Set-MailContact -Identity -UserCertificate}: replaces the whole
 * {@code UserCertificate} list of a recipient (spec {@code exchange-online.md} §1.4: Get, compute,
 * set the full list; no reliance on Add/Remove).
 *
 * <p>The certificates are deduplicated by SHA-1 thumbprint (first occurrence kept). Each DER value
 * must be at most {@link ExchangeLimits#MAX_CERTIFICATE_VALUE_BYTES} bytes and there may be at most
 * {@link ExchangeLimits#MAX_SYNCED_CERTIFICATE_VALUES}; more than {@link #RECOMMENDED_MAXIMUM} is a
 * warning (each value grows the offline address book). An empty list clears the attribute, rendered
 * as {@code $null}, never as an empty list (spec §2.0).
 *
 * @param type the kind of recipient, which decides the cmdlet
 * @param identity the recipient
 * @param certificates the certificates to hold, deduplicated; empty to clear
 */
public record SetUserCertificates(
    RecipientType type, RecipientIdentity identity, List<X509Certificate> certificates)
    implements ExchangeOperation {
  /** More values than this draw a warning: keep the current and the next certificate. */
  public static final int RECOMMENDED_MAXIMUM = 3;

  /**
   * Validates and deduplicates.
   *
   * @throws ExchangeException if a certificate is over the size limit or there are too many
   */
  public SetUserCertificates {
    requireNonNull(type, "type");
    requireNonNull(identity, "identity");
    certificates = Der.dedupe(requireNonNull(certificates, "certificates"));
    checkValues(certificates, identity, "UserCertificate");
  }

  /** Clears the recipient's {@code UserCertificate} ({@code $null}). */
  public static SetUserCertificates clear(RecipientType type, RecipientIdentity identity) {
    return new SetUserCertificates(type, identity, List.of());
  }

  static void checkValues(
      List<X509Certificate> certificates, RecipientIdentity identity, String attribute) {
    if (certificates.size() > ExchangeLimits.MAX_SYNCED_CERTIFICATE_VALUES) {
      throw new ExchangeException(
          attribute
              + " of '"
              + identity
              + "': "
              + certificates.size()
              + " certificates is over the limit of "
              + ExchangeLimits.MAX_SYNCED_CERTIFICATE_VALUES
              + " values (Entra Connect stops syncing above it)",
          identity.value());
    }
    for (X509Certificate c : certificates) {
      int size = Der.of(c).size();
      if (size > ExchangeLimits.MAX_CERTIFICATE_VALUE_BYTES) {
        throw new ExchangeException(
            attribute
                + " of '"
                + identity
                + "': certificate "
                + Thumbprint.sha1(c).hex()
                + " of "
                + size
                + " bytes is over the limit of "
                + ExchangeLimits.MAX_CERTIFICATE_VALUE_BYTES
                + " bytes per value",
            identity.value());
      }
    }
  }

  /** Whether this operation clears the attribute. */
  public boolean clears() {
    return certificates.isEmpty();
  }

  /** The DER values, in order. */
  public List<Bytes> derValues() {
    return certificates.stream().map(Der::of).toList();
  }

  /** The SHA-1 thumbprints of the values, in order. */
  public List<Thumbprint> thumbprints() {
    return certificates.stream().map(Thumbprint::sha1).toList();
  }

  @Override
  public CmdletCall toCmdletCall() {
    return CmdletCall.builder(type.setCmdlet())
        .put("Identity", ParameterValue.text(identity.value()))
        .put(
            "UserCertificate",
            clears() ? ParameterValue.nullValue() : ParameterValue.byteList(derValues()))
        .build();
  }

  @Override
  public Optional<RecipientIdentity> recipient() {
    return Optional.of(identity);
  }

  @Override
  public List<ExchangeFinding> warnings() {
    if (certificates.size() <= RECOMMENDED_MAXIMUM) {
      return List.of();
    }
    return List.of(
        ExchangeFinding.warning(
            "many-certificates",
            "'"
                + identity
                + "' would hold "
                + certificates.size()
                + " certificates; more than "
                + RECOMMENDED_MAXIMUM
                + " grow the offline address book"));
  }
}
