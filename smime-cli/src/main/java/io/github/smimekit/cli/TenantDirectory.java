package io.github.smimekit.cli;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.CmdletResult;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.ExchangeOperationException;
import io.github.smimekit.exchange.RecipientRef;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.ResultObject;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.mail.Recipient;
import io.github.smimekit.mail.RecipientSource;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code smime message test --tenant} takes from the tenant, read the way Outlook on the web
 * reads it (spec section 3.2): each address looked up in the directory ({@code Get-Mailbox}, then
 * {@code Get-MailUser}, then {@code Get-MailContact}, by the address as identity, which matches any
 * proxy address), its {@code UserCertificate} and {@code UserSMimeCertificate} values, and the
 * organisation's {@code Get-SmimeConfig}. Values that are not certificates are left out with a
 * warning, never silently.
 */
final class TenantDirectory implements RecipientSource {
  /**
   * The S/MIME settings of {@code Get-SmimeConfig} that the test message uses; each empty when the
   * tenant returns no value (then the documented default applies).
   *
   * @param issuingCa {@code SMIMECertificateIssuingCA}, the store OWA trusts exclusively
   * @param encryptionAlgorithms {@code OWAEncryptionAlgorithms}
   * @param signingAlgorithms {@code OWASigningAlgorithms}
   * @param useSecondaryProxies {@code OWAUseSecondaryProxiesWhenFindingCertificates}
   * @param clearSign {@code OWAClearSign}
   */
  record SmimeConfig(
      Optional<Bytes> issuingCa,
      Optional<String> encryptionAlgorithms,
      Optional<String> signingAlgorithms,
      Optional<Boolean> useSecondaryProxies,
      Optional<Boolean> clearSign) {}

  private final ExchangeClient client;
  private final List<String> warnings = new ArrayList<>();

  TenantDirectory(ExchangeClient client) {
    this.client = client;
  }

  /** The warnings collected so far (values that are not certificates). */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Reads {@code Get-SmimeConfig}.
   *
   * @throws ExchangeOperationException if the call fails or a value has the wrong type
   */
  SmimeConfig smimeConfig() {
    CmdletResult r = client.invoke(CmdletCall.builder("Get-SmimeConfig").build());
    if (r.values().isEmpty()) {
      return new SmimeConfig(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
    ResultObject o = r.values().get(0);
    try {
      return new SmimeConfig(
          o.byteArray("SMIMECertificateIssuingCA"),
          o.text("OWAEncryptionAlgorithms").filter(s -> !s.isBlank()),
          o.text("OWASigningAlgorithms").filter(s -> !s.isBlank()),
          flag(o, "OWAUseSecondaryProxiesWhenFindingCertificates"),
          flag(o, "OWAClearSign"));
    } catch (SmimeException e) {
      throw ExchangeOperationException.builder(
              ExchangeOperationException.Reason.BAD_RESPONSE, "Get-SmimeConfig")
          .detail(e.getMessage())
          .cause(e)
          .build();
    }
  }

  private static Optional<Boolean> flag(ResultObject o, String name) {
    Optional<String> v = o.text(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().strip().toLowerCase(Locale.ROOT);
    if (s.equals("true")) {
      return Optional.of(true);
    }
    if (s.equals("false")) {
      return Optional.of(false);
    }
    throw new io.github.smimekit.core.SmimeFormatException(
        "property " + name + " is not a boolean: '" + v.get() + "'");
  }

  @Override
  public Recipient resolve(String address) {
    for (RecipientType type :
        List.of(RecipientType.MAILBOX, RecipientType.MAIL_USER, RecipientType.MAIL_CONTACT)) {
      Optional<TenantRecipient> found = client.readRecipient(new RecipientRef(type, address));
      if (found.isPresent()) {
        return recipient(address, found.get());
      }
    }
    return Recipient.notInDirectory(address);
  }

  private Recipient recipient(String typed, TenantRecipient t) {
    String primary = t.primarySmtpAddress().isBlank() ? typed : t.primarySmtpAddress();
    List<X509Certificate> user = new ArrayList<>();
    int i = 0;
    for (Bytes value : t.userCertificates()) {
      try {
        user.add(Certificates.readOne(value));
      } catch (SmimeException e) {
        warnings.add(
            primary
                + ": UserCertificate value "
                + i
                + " ("
                + value.size()
                + " bytes) is not a certificate and is left out: "
                + e.getMessage());
      }
      i++;
    }
    List<X509Certificate> smime = new ArrayList<>();
    i = 0;
    for (Bytes value : t.userSMimeCertificates()) {
      try {
        for (X509Certificate c : Certificates.read(value)) {
          if (c.getBasicConstraints() < 0) {
            smime.add(c); // the CA certificates of the blob are its chain, not candidates
          }
        }
      } catch (SmimeException e) {
        warnings.add(
            primary
                + ": UserSMimeCertificate value "
                + i
                + " ("
                + value.size()
                + " bytes) holds no readable certificate and is left out: "
                + e.getMessage());
      }
      i++;
    }
    return new Recipient(primary, t.proxyAddresses(), user, smime, true);
  }
}
