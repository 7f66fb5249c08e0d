package io.github.smimekit.mail;

import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The test organisation: a root and an issuing CA (the uploaded store), Alice (RSA) and Erin (EC
 * P-256) at contoso, Bob (RSA) and Carol (EC P-256) at fabrikam, and a second, untrusted CA.
 */
final class MailPki {
  static final char[] PASSWORD = "test-password".toCharArray();

  private static final MailPki SHARED = new MailPki();

  /** One instance for all test classes of a run: RSA key generation is the slow part. */
  static MailPki shared() {
    return SHARED;
  }

  final TestPki pki = TestPki.create(15L);
  final TestCertificate root = pki.rootCa("Mail Root CA").build();
  final TestCertificate ica = pki.intermediateCa("Mail Issuing CA", root).pathLength(0).build();
  final TestCertificate otherRoot = pki.rootCa("Untrusted Root CA").build();
  final TestCertificate alice = pki.leaf(ica).email("alice@contoso.example").build();
  final TestCertificate erin =
      pki.leaf(ica).email("erin@contoso.example").keyType(KeyType.EC_P256).build();
  final TestCertificate bob = pki.leaf(ica).email("bob@fabrikam.example").build();
  final TestCertificate carol =
      pki.leaf(ica).email("carol@fabrikam.example").keyType(KeyType.EC_P256).build();
  final Clock clock = Clock.fixed(pki.now(), ZoneOffset.UTC);
  final TrustStore store =
      TrustStore.of(
          SerializedStore.of(List.of(root.certificate(), ica.certificate()), StoreProfile.MINIMAL));

  static Pkcs12Identity identity(TestCertificate c) {
    return Pkcs12.read(c.pkcs12(PASSWORD), Password.of(PASSWORD));
  }

  MessageOptions.Builder from(TestCertificate sender) {
    return MessageOptions.builder().sender(identity(sender)).trustStore(store).clock(clock);
  }

  OpenReport open(byte[] eml, TestCertificate as) {
    return TestMessage.open(
        OpenOptions.builder()
            .message(io.github.smimekit.core.Bytes.copyOf(eml))
            .identity(identity(as))
            .trustStore(store)
            .clock(clock)
            .build());
  }
}
