package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.mail.internal.MessageBuilder;
import io.github.smimekit.mail.internal.MessageOpener;

/**
 * Proves an S/MIME set-up with a test message, built and opened the way Outlook on the web does.
 *
 * <pre>{@code
 * BuiltMessage built = TestMessage.build(MessageOptions.builder()
 *     .sender(Pkcs12.read(Path.of("alice.p12"), password))
 *     .recipient(Recipient.of("bob@fabrikam.example", Certificates.read(Path.of("bob.cer"))))
 *     .trustStore(TrustStore.read(Path.of("chainOfTrust.sst")))
 *     .algorithms(AlgorithmSettings.parse("6610", "800C"))
 *     .clock(Clock.systemUTC())
 *     .build());
 * built.refused().forEach(r -> System.out.println(r.address() + ": " + r.refusal().get()));
 *
 * OpenReport report = TestMessage.open(OpenOptions.builder()
 *     .message(built.message().get()).identity(bob).trustStore(store).clock(clock).build());
 * report.firstFailure().ifPresent(v -> System.out.println(v.step() + ": " + v.detail()));
 * }</pre>
 */
public final class TestMessage {
  private TestMessage() {}

  /**
   * Builds a test message: chooses each recipient's certificate as Outlook on the web does (spec
   * section 3.2), signs (clear or opaque) and encrypts for every included recipient and the sender.
   *
   * @param options what to build
   * @return the message (when anyone could be encrypted to) and what was used and refused
   * @throws io.github.smimekit.core.UnsupportedAlgorithmException if the sender's key cannot sign
   *     with the configured digest (MD5 with an EC key) or is neither RSA nor EC
   * @throws io.github.smimekit.core.SmimeException if signing or encryption fails
   */
  public static BuiltMessage build(MessageOptions options) {
    return MessageBuilder.build(requireNonNull(options, "options"));
  }

  /**
   * Opens a message as its recipient: parse, decrypt, check the algorithms, verify the signature,
   * validate the signer's chain with exclusive trust in the store, compare the signer's e-mail with
   * {@code From}. Malformed or oversized input is a failing step, never an exception.
   *
   * @param options what to open, as whom
   * @return one verdict per step
   */
  public static OpenReport open(OpenOptions options) {
    return MessageOpener.open(requireNonNull(options, "options"));
  }
}
