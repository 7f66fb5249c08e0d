package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A recipient as Outlook on the web sees it when it encrypts: the primary SMTP address, the other
 * proxy addresses, and the candidate certificates (the union of the directory's {@code
 * userCertificate} and {@code userSMimeCertificate} values, or the certificates given by hand).
 *
 * @param primarySmtpAddress the address a certificate's e-mail must match
 * @param proxyAddresses further SMTP addresses (matched when secondary proxies are allowed)
 * @param certificates the candidate certificates, possibly empty (then the recipient is refused)
 */
public record Recipient(
    String primarySmtpAddress, List<String> proxyAddresses, List<X509Certificate> certificates) {

  /** Checks and copies the components. */
  public Recipient {
    requireNonNull(primarySmtpAddress, "primarySmtpAddress");
    if (primarySmtpAddress.isBlank() || primarySmtpAddress.indexOf('@') < 1) {
      throw new IllegalArgumentException("not an SMTP address: '" + primarySmtpAddress + "'");
    }
    proxyAddresses = List.copyOf(requireNonNull(proxyAddresses, "proxyAddresses"));
    certificates = List.copyOf(requireNonNull(certificates, "certificates"));
  }

  /**
   * A recipient with no further proxy addresses.
   *
   * @param primarySmtpAddress the address
   * @param certificates the candidate certificates
   * @return the recipient
   */
  public static Recipient of(String primarySmtpAddress, List<X509Certificate> certificates) {
    return new Recipient(primarySmtpAddress, List.of(), certificates);
  }
}
