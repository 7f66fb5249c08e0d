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
 *     without candidates, one {@link RejectionReason#NO_CERTIFICATE} entry
 */
public record RecipientResult(
    String address,
    boolean sender,
    Optional<X509Certificate> certificate,
    List<CertificateRejection> rejections) {

  /** Checks and copies the components. */
  public RecipientResult {
    requireNonNull(address, "address");
    requireNonNull(certificate, "certificate");
    rejections = List.copyOf(requireNonNull(rejections, "rejections"));
    if (certificate.isEmpty() && rejections.isEmpty()) {
      throw new IllegalArgumentException("a refused recipient needs a reason");
    }
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
