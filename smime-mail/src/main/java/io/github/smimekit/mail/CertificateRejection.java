package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Thumbprint;
import java.util.Optional;

/**
 * One candidate certificate of a recipient that was not usable, and why.
 *
 * @param sha1 the certificate's SHA-1 thumbprint; empty for {@link RejectionReason#NO_CERTIFICATE}
 * @param subject the certificate's subject, as Windows shows it; empty for {@link
 *     RejectionReason#NO_CERTIFICATE}
 * @param reason the first rule it broke, in the order Outlook on the web checks them
 * @param detail a sentence with the values that broke it
 */
public record CertificateRejection(
    Optional<Thumbprint> sha1, String subject, RejectionReason reason, String detail) {
  /** Checks the components. */
  public CertificateRejection {
    requireNonNull(sha1, "sha1");
    requireNonNull(subject, "subject");
    requireNonNull(reason, "reason");
    requireNonNull(detail, "detail");
  }
}
