package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A test message and what went into it.
 *
 * @param message the {@code .eml} bytes (RFC 5322, CRLF line ends); empty when no recipient (not
 *     even the sender) could be encrypted to
 * @param encryption the content-encryption algorithm used
 * @param signing the digest algorithm of the signature
 * @param opaque true for an opaque-signed ({@code application/pkcs7-mime; smime-type=signed-data})
 *     inner entity, false for clear-signed {@code multipart/signed}
 * @param signer the sender's signing certificate (included in the signature)
 * @param recipients one result per recipient, the sender last; included and refused ones
 */
public record BuiltMessage(
    Optional<Bytes> message,
    EncryptionAlgorithm encryption,
    SigningAlgorithm signing,
    boolean opaque,
    X509Certificate signer,
    List<RecipientResult> recipients) {

  /** Checks and copies the components. */
  public BuiltMessage {
    requireNonNull(message, "message");
    requireNonNull(encryption, "encryption");
    requireNonNull(signing, "signing");
    requireNonNull(signer, "signer");
    recipients = List.copyOf(requireNonNull(recipients, "recipients"));
  }

  /** The recipients the message is encrypted to. */
  public List<RecipientResult> included() {
    return recipients.stream().filter(RecipientResult::included).toList();
  }

  /** The recipients Outlook on the web could not encrypt to, each with its reason. */
  public List<RecipientResult> refused() {
    return recipients.stream().filter(r -> !r.included()).toList();
  }

  /** True when the message exists and every recipient is included. */
  public boolean complete() {
    return message.isPresent() && refused().isEmpty();
  }
}
