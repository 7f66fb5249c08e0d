package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A recipient as Outlook on the web sees it when it encrypts: the primary SMTP address, the other
 * proxy addresses, and the candidate certificates — the directory's {@code userCertificate} values
 * (or the certificates given by hand) and, apart, the end-entity certificates of its {@code
 * userSMimeCertificate} blobs, whose precedence is a setting ({@link
 * MessageOptions.Builder#userSMimeCertificates(UserSMimeCertificates)}).
 *
 * @param primarySmtpAddress the address a certificate's e-mail must match
 * @param proxyAddresses further SMTP addresses (matched when secondary proxies are allowed)
 * @param certificates the {@code UserCertificate} candidates (or those given by hand), possibly
 *     empty
 * @param smimeCertificates the end-entity certificates of the {@code UserSMimeCertificate} values,
 *     possibly empty
 * @param listed false when the directory has no recipient with this address: Outlook on the web
 *     then treats it as a one-off address and finds no certificate
 */
public record Recipient(
    String primarySmtpAddress,
    List<String> proxyAddresses,
    List<X509Certificate> certificates,
    List<X509Certificate> smimeCertificates,
    boolean listed) {

  /** Checks and copies the components. */
  public Recipient {
    requireNonNull(primarySmtpAddress, "primarySmtpAddress");
    if (primarySmtpAddress.isBlank() || primarySmtpAddress.indexOf('@') < 1) {
      throw new IllegalArgumentException("not an SMTP address: '" + primarySmtpAddress + "'");
    }
    proxyAddresses = List.copyOf(requireNonNull(proxyAddresses, "proxyAddresses"));
    certificates = List.copyOf(requireNonNull(certificates, "certificates"));
    smimeCertificates = List.copyOf(requireNonNull(smimeCertificates, "smimeCertificates"));
    if (!listed && !(certificates.isEmpty() && smimeCertificates.isEmpty())) {
      throw new IllegalArgumentException(
          primarySmtpAddress + ": a recipient not in the directory has no certificates");
    }
  }

  /**
   * A listed recipient with {@code UserCertificate} candidates only.
   *
   * @param primarySmtpAddress the address
   * @param proxyAddresses further SMTP addresses
   * @param certificates the candidate certificates
   */
  public Recipient(
      String primarySmtpAddress, List<String> proxyAddresses, List<X509Certificate> certificates) {
    this(primarySmtpAddress, proxyAddresses, certificates, List.of(), true);
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

  /**
   * An address the directory does not know (a one-off address): refused with {@link
   * RejectionReason#NOT_IN_DIRECTORY}.
   *
   * @param address the address typed in the To line
   * @return the recipient
   */
  public static Recipient notInDirectory(String address) {
    return new Recipient(address, List.of(), List.of(), List.of(), false);
  }
}
