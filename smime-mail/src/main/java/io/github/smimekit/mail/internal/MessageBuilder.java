package io.github.smimekit.mail.internal;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.mail.AlgorithmSettings;
import io.github.smimekit.mail.BuiltMessage;
import io.github.smimekit.mail.EncryptionAlgorithm;
import io.github.smimekit.mail.MessageOptions;
import io.github.smimekit.mail.Recipient;
import io.github.smimekit.mail.RecipientResult;
import io.github.smimekit.mail.SigningAlgorithm;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a test message from {@link MessageOptions}. */
public final class MessageBuilder {
  private MessageBuilder() {}

  /**
   * Builds the message.
   *
   * @param o the options
   * @return the message and what was used
   */
  public static BuiltMessage build(MessageOptions o) {
    Instant now = o.clock().instant();
    AlgorithmSettings algorithms = o.algorithms();
    EncryptionAlgorithm encryption = algorithms.preferredEncryption();
    SigningAlgorithm signing = algorithms.preferredSigning();
    X509Certificate signer = o.sender().certificate();

    CertificateSelector selector =
        new CertificateSelector(
            o.trustStore().certificates(), now, o.useSecondaryProxies(), o.userSMimeCertificates());
    List<RecipientResult> results = new ArrayList<>();
    for (Recipient r : o.recipients()) {
      results.add(selector.select(r, false));
    }
    results.add(selector.select(Recipient.of(o.senderAddress(), List.of(signer)), true));

    byte[] text = MimeWriter.textPart(o.text());
    byte[] inner;
    if (o.opaque()) {
      byte[] der =
          CmsCodec.sign(
              text, o.sender().privateKey(), signer, signing, algorithms.encryption(), now, true);
      inner = MimeWriter.pkcs7Mime("signed-data", der);
    } else {
      byte[] der =
          CmsCodec.sign(
              text, o.sender().privateKey(), signer, signing, algorithms.encryption(), now, false);
      inner = MimeWriter.multipartSigned(text, der, signing.micalg());
    }

    List<X509Certificate> to = new ArrayList<>();
    for (RecipientResult r : results) {
      r.certificate().ifPresent(to::add);
    }
    Optional<Bytes> eml = Optional.empty();
    if (!to.isEmpty()) {
      byte[] enveloped = CmsCodec.envelope(inner, to, encryption);
      eml =
          Optional.of(
              Bytes.copyOf(
                  MimeWriter.message(
                      o.senderAddress(),
                      o.recipients().isEmpty()
                          ? List.of(o.senderAddress())
                          : o.recipients().stream().map(Recipient::primarySmtpAddress).toList(),
                      o.subject(),
                      now,
                      enveloped)));
    }
    return new BuiltMessage(eml, encryption, signing, o.opaque(), signer, results);
  }
}
