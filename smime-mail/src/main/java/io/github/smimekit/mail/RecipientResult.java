package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the certificate selection decided for one recipient of a test message.
 *
 * @param address the recipient's primary SMTP address
 * @param sender true for the sender's own copy (Outlook on the web encrypts to the sender too)
 * @param certificate the certificate the message is encrypted to; empty when the recipient is
 *     refused
 * @param rejections the candidates that were not usable, with reasons; for a refused recipient
 *     without candidates, one {@link RejectionReason#NO_CERTIFICATE} (or {@link
 *     RejectionReason#NOT_IN_DIRECTORY}) entry
 * @param warnings what another client would do differently, for an included recipient (a stale
 *     {@code UserSMimeCertificate} that classic Outlook would use instead of the chosen
 *     certificate); empty when there is nothing to say
 */
public record RecipientResult(
    String address,
    boolean sender,
    Optional<X509Certificate> certificate,
    List<CertificateRejection> rejections,
    List<String> warnings) {

  /** Checks and copies the components. */
  public RecipientResult {
    requireNonNull(address, "address");
    requireNonNull(certificate, "certificate");
    rejections = List.copyOf(requireNonNull(rejections, "rejections"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
    if (certificate.isEmpty() && rejections.isEmpty()) {
      throw new IllegalArgumentException("a refused recipient needs a reason");
    }
  }

  /**
   * A result without warnings.
   *
   * @param address the recipient's primary SMTP address
   * @param sender true for the sender's own copy
   * @param certificate the certificate encrypted to, or empty
   * @param rejections the unusable candidates with reasons
   */
  public RecipientResult(
      String address,
      boolean sender,
      Optional<X509Certificate> certificate,
      List<CertificateRejection> rejections) {
    this(address, sender, certificate, rejections, List.of());
  }

  /** True when the message is encrypted to this recipient. */
  public boolean included() {
    return certificate.isPresent();
  }

  /**
   * Why the recipient is refused: the rejections joined by {@code "; "}; empty when included.
   *
   * @return the reason, or empty
   */
  public Optional<String> refusal() {
    if (included()) {
      return Optional.empty();
    }
    return Optional.of(
        rejections.stream().map(CertificateRejection::detail).collect(Collectors.joining("; ")));
  }
}
