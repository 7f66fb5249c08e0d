package io.github.smimekit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.KeyUsageBit;
import io.github.smimekit.testing.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.Test;

/**
 * Every step that can fail, failed on purpose: recipients Outlook on the web would refuse (spec
 * section 3.2) and messages whose opening fails at a named step.
 */
final class TestMessageFailureStepsTest {
  private static final MailPki PKI = MailPki.shared();

  private static RecipientResult only(BuiltMessage built, String address) {
    return built.recipients().stream()
        .filter(r -> r.address().equals(address))
        .findFirst()
        .orElseThrow();
  }

  private static BuiltMessage toBob(TestCertificate bobCert) {
    return TestMessage.build(
        PKI.from(PKI.alice)
            .recipient(Recipient.of("bob@fabrikam.example", List.of(bobCert.certificate())))
            .build());
  }

  @Test
  void build_allFine_bobAndSenderIncluded_openPassesEveryStep() {
    BuiltMessage built = toBob(PKI.bob);
    assertThat(built.complete()).isTrue();
    assertThat(built.recipients())
        .extracting(RecipientResult::address)
        .containsExactly("bob@fabrikam.example", "alice@contoso.example");
    assertThat(built.recipients().get(1).sender()).isTrue();
    assertThat(built.encryption()).isEqualTo(EncryptionAlgorithm.AES_256);
    assertThat(built.signing()).isEqualTo(SigningAlgorithm.SHA1);
    String eml = new String(built.message().orElseThrow().toByteArray(), StandardCharsets.US_ASCII);
    assertThat(eml)
        .contains(
            "From: alice@contoso.example\r\n",
            "To: bob@fabrikam.example\r\n",
            "smime-type=enveloped-data",
            "Date: Thu, 1 Jan 2026 00:00:00 +0000");
    OpenReport asBob = PKI.open(built.message().get().toByteArray(), PKI.bob);
    assertThat(asBob.passed()).as("%s", asBob.steps()).isTrue();
    OpenReport asAlice = PKI.open(built.message().get().toByteArray(), PKI.alice);
    assertThat(asAlice.passed()).as("the sender's copy: %s", asAlice.steps()).isTrue();
    assertThat(asBob.text().orElseThrow()).contains("If you can read it");
  }

  @Test
  void build_rsaRecipientWithoutKeyEncipherment_refusedWithKeyUsage() {
    TestCertificate c =
        PKI.pki
            .leaf(PKI.ica)
            .email("bob@fabrikam.example")
            .keyUsage(KeyUsageBit.DIGITAL_SIGNATURE)
            .build();
    RecipientResult r = only(toBob(c), "bob@fabrikam.example");
    assertThat(r.included()).isFalse();
    assertThat(r.rejections())
        .singleElement()
        .extracting(CertificateRejection::reason)
        .isEqualTo(RejectionReason.KEY_USAGE);
    assertThat(r.refusal().orElseThrow()).contains("bob@fabrikam.example", "keyEncipherment");
  }

  @Test
  void build_ecRecipientWithoutKeyAgreement_refusedWithKeyUsage() {
    TestCertificate c =
        PKI.pki
            .leaf(PKI.ica)
            .email("bob@fabrikam.example")
            .keyType(KeyType.EC_P256)
            .keyUsage(KeyUsageBit.DIGITAL_SIGNATURE)
            .build();
    RecipientResult r = only(toBob(c), "bob@fabrikam.example");
    assertThat(r.rejections())
        .singleElement()
        .extracting(CertificateRejection::reason)
        .isEqualTo(RejectionReason.KEY_USAGE);
    assertThat(r.refusal().orElseThrow()).contains("keyAgreement");
  }

  @Test
  void build_recipientWithoutEmailProtection_refusedWithExtendedKeyUsage() {
    TestCertificate c =
        PKI.pki
            .leaf(PKI.ica)
            .email("bob@fabrikam.example")
            .extendedKeyUsage("1.3.6.1.5.5.7.3.2")
            .build();
    RecipientResult r = only(toBob(c), "bob@fabrikam.example");
    assertThat(r.rejections())
        .singleElement()
        .extracting(CertificateRejection::reason)
        .isEqualTo(RejectionReason.EXTENDED_KEY_USAGE);
    assertThat(r.refusal().orElseThrow()).contains("emailProtection");
  }

  @Test
  void build_expiredRecipient_refusedWithExpired() {
    TestCertificate c = PKI.pki.leaf(PKI.ica).email("bob@fabrikam.example").expired().build();
    RecipientResult r = only(toBob(c), "bob@fabrikam.example");
    assertThat(r.rejections())
        .singleElement()
        .extracting(CertificateRejection::reason)
        .isEqualTo(RejectionReason.EXPIRED);
    assertThat(r.refusal().orElseThrow()).contains("expired on");
  }

  @Test
  void build_recipientChainNotInStore_refusedWithChain() {
    TestCertificate c = PKI.pki.leaf(PKI.otherRoot).email("bob@fabrikam.example").build();
    BuiltMessage built = toBob(c);
    RecipientResult r = only(built, "bob@fabrikam.example");
    assertThat(r.rejections())
        .singleElement()
        .extracting(CertificateRejection::reason)
        .isEqualTo(RejectionReason.CHAIN);
    assertThat(r.refusal().orElseThrow())
        .contains("no chain into the trust store", "Untrusted Root CA");
    // the message is still built for the sender, and says who was refused
    assertThat(built.message()).isPresent();
    assertThat(built.complete()).isFalse();
    assertThat(built.refused())
        .extracting(RecipientResult::address)
        .containsExactly("bob@fabrikam.example");
  }

  @Test
  void build_recipientCertificateForAnotherAddress_refusedWithEmailMismatch() {
    RecipientResult r = only(toBob(PKI.carol), "bob@fabrikam.example");
    assertThat(r.rejections())
        .singleElement()
        .extracting(CertificateRejection::reason)
        .isEqualTo(RejectionReason.EMAIL_MISMATCH);
    assertThat(r.refusal().orElseThrow())
        .contains("'carol@fabrikam.example', not the primary SMTP address 'bob@fabrikam.example'");
  }

  @Test
  void build_certificateForProxyAddress_usedOnlyWhenSecondaryProxiesAllowed() {
    Recipient bob =
        new Recipient(
            "robert@fabrikam.example",
            List.of("bob@fabrikam.example"),
            List.of(PKI.bob.certificate()));
    BuiltMessage allowed = TestMessage.build(PKI.from(PKI.alice).recipient(bob).build());
    assertThat(only(allowed, "robert@fabrikam.example").included()).isTrue();
    BuiltMessage strict =
        TestMessage.build(PKI.from(PKI.alice).recipient(bob).useSecondaryProxies(false).build());
    assertThat(only(strict, "robert@fabrikam.example").refusal().orElseThrow())
        .contains("proxy address");
  }

  @Test
  void build_recipientWithoutCertificate_refusedNotSkipped() {
    BuiltMessage built =
        TestMessage.build(
            PKI.from(PKI.alice)
                .recipient(Recipient.of("dave@fabrikam.example", List.of()))
                .build());
    RecipientResult r = only(built, "dave@fabrikam.example");
    assertThat(r.rejections())
        .singleElement()
        .extracting(CertificateRejection::reason)
        .isEqualTo(RejectionReason.NO_CERTIFICATE);
  }

  @Test
  void build_twoUsableCertificates_newestNotBeforeWins() {
    TestCertificate older = PKI.bob;
    TestCertificate newer =
        PKI.pki
            .leaf(PKI.ica)
            .email("bob@fabrikam.example")
            .validity(
                PKI.pki.now().minus(Duration.ofHours(1)), PKI.pki.now().plus(Duration.ofDays(300)))
            .build();
    BuiltMessage built =
        TestMessage.build(
            PKI.from(PKI.alice)
                .recipient(
                    Recipient.of(
                        "bob@fabrikam.example", List.of(newer.certificate(), older.certificate())))
                .build());
    assertThat(only(built, "bob@fabrikam.example").certificate()).contains(newer.certificate());
    BuiltMessage reversed =
        TestMessage.build(
            PKI.from(PKI.alice)
                .recipient(
                    Recipient.of(
                        "bob@fabrikam.example", List.of(older.certificate(), newer.certificate())))
                .build());
    assertThat(only(reversed, "bob@fabrikam.example").certificate()).contains(newer.certificate());
  }

  @Test
  void open_signerWhoseCaIsNotInStore_failsSignerChain() {
    TestCertificate otherIca = PKI.pki.intermediateCa("Other Issuing CA", PKI.otherRoot).build();
    TestCertificate mallory = PKI.pki.leaf(otherIca).email("alice@contoso.example").build();
    BuiltMessage built =
        TestMessage.build(
            PKI.from(mallory)
                .recipient(Recipient.of("bob@fabrikam.example", List.of(PKI.bob.certificate())))
                .build());
    assertThat(only(built, "alice@contoso.example").refusal().orElseThrow())
        .contains("no chain into the trust store");
    OpenReport r = PKI.open(built.message().orElseThrow().toByteArray(), PKI.bob);
    assertThat(r.firstFailure().orElseThrow().step()).isEqualTo(Step.SIGNER_CHAIN);
    assertThat(r.verdict(Step.SIGNER_CHAIN).detail())
        .contains("trusted exclusively", "Other Issuing CA");
    assertThat(r.verdict(Step.SIGNATURE).outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.verdict(Step.SIGNER_EMAIL).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void open_fromDiffersFromSignerEmail_failsSignerEmail() {
    BuiltMessage built =
        TestMessage.build(
            PKI.from(PKI.alice)
                .senderAddress("ceo@contoso.example")
                .recipient(Recipient.of("bob@fabrikam.example", List.of(PKI.bob.certificate())))
                .build());
    OpenReport r = PKI.open(built.message().orElseThrow().toByteArray(), PKI.bob);
    assertThat(r.firstFailure().orElseThrow().step()).isEqualTo(Step.SIGNER_EMAIL);
    assertThat(r.verdict(Step.SIGNER_EMAIL).detail())
        .contains("ceo@contoso.example", "[alice@contoso.example]");
  }

  @Test
  void open_algorithmTheConfigurationForbids_failsAlgorithms() {
    BuiltMessage built =
        TestMessage.build(
            PKI.from(PKI.alice)
                .algorithms(AlgorithmSettings.parse("660E", "8004"))
                .recipient(Recipient.of("bob@fabrikam.example", List.of(PKI.bob.certificate())))
                .build());
    OpenReport r =
        TestMessage.open(
            OpenOptions.builder()
                .message(built.message().orElseThrow())
                .identity(MailPki.identity(PKI.bob))
                .trustStore(PKI.store)
                .clock(PKI.clock)
                .algorithms(AlgorithmSettings.parse("6610", "800C;800D"))
                .build());
    assertThat(r.firstFailure().orElseThrow().step()).isEqualTo(Step.ALGORITHMS);
    assertThat(r.verdict(Step.ALGORITHMS).detail())
        .contains(
            "content encryption AES-128 (660E) is not allowed by OWAEncryptionAlgorithms 6610")
        .contains("digest SHA1 (8004) is not allowed by OWASigningAlgorithms 800C;800D");
    assertThat(r.verdict(Step.SIGNATURE).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void open_messageNotEncryptedToMe_failsDecrypt() {
    BuiltMessage built = toBob(PKI.bob);
    OpenReport r = PKI.open(built.message().orElseThrow().toByteArray(), PKI.carol);
    assertThat(r.firstFailure().orElseThrow().step()).isEqualTo(Step.DECRYPT);
    assertThat(r.verdict(Step.DECRYPT).detail())
        .contains("none of the 2 RecipientInfos is for", "not encrypted to this certificate");
    assertThat(r.verdict(Step.SIGNATURE).outcome()).isEqualTo(Outcome.NOT_RUN);
  }

  @Test
  void open_tamperedClearSignedBody_failsSignature() throws Exception {
    for (boolean opaque : new boolean[] {false, true}) {
      BuiltMessage built =
          TestMessage.build(
              PKI.from(PKI.alice)
                  .opaque(opaque)
                  .text("Pay 100 EUR\r\n")
                  .recipient(Recipient.of("bob@fabrikam.example", List.of(PKI.bob.certificate())))
                  .build());
      byte[] eml = built.message().orElseThrow().toByteArray();
      byte[] tampered = reEnvelope(eml, opaque);
      OpenReport r = PKI.open(tampered, PKI.bob);
      assertThat(r.firstFailure().orElseThrow().step())
          .as("opaque=%s", opaque)
          .isEqualTo(Step.SIGNATURE);
      assertThat(r.verdict(Step.SIGNATURE).detail()).contains("the signed content was changed");
    }
  }

  @Test
  void build_md5WithEcSender_throwsUnsupportedAlgorithm() {
    MessageOptions o =
        PKI.from(PKI.erin).algorithms(AlgorithmSettings.parse("6610", "8003")).build();
    assertThatThrownBy(() -> TestMessage.build(o))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessage("the configured digest MD5 cannot sign with the sender's EC key");
  }

  /** Decrypts as Bob, changes "100" to "900" in the signed text, encrypts again for Bob. */
  private static byte[] reEnvelope(byte[] eml, boolean opaque) throws Exception {
    String s = new String(eml, StandardCharsets.US_ASCII);
    int body = s.indexOf("\r\n\r\n") + 4;
    byte[] der = java.util.Base64.getMimeDecoder().decode(s.substring(body));
    CMSEnvelopedData env = new CMSEnvelopedData(der);
    RecipientInformation ri = env.getRecipientInfos().getRecipients().iterator().next();
    byte[] inner = ri.getContent(new JceKeyTransEnvelopedRecipient(PKI.bob.privateKey()));
    byte[] changed;
    if (opaque) {
      String t = new String(inner, StandardCharsets.US_ASCII);
      int b = t.indexOf("\r\n\r\n") + 4;
      byte[] sd = java.util.Base64.getMimeDecoder().decode(t.substring(b).trim());
      String sdLatin = new String(sd, StandardCharsets.ISO_8859_1);
      assertThat(sdLatin).contains("Pay 100 EUR");
      byte[] sd2 =
          sdLatin.replace("Pay 100 EUR", "Pay 900 EUR").getBytes(StandardCharsets.ISO_8859_1);
      changed =
          (t.substring(0, b) + java.util.Base64.getMimeEncoder().encodeToString(sd2) + "\r\n")
              .getBytes(StandardCharsets.US_ASCII);
    } else {
      String t = new String(inner, StandardCharsets.US_ASCII);
      assertThat(t).contains("Pay 100 EUR");
      changed = t.replace("Pay 100 EUR", "Pay 900 EUR").getBytes(StandardCharsets.US_ASCII);
    }
    CMSEnvelopedDataGenerator g = new CMSEnvelopedDataGenerator();
    g.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(PKI.bob.certificate()));
    byte[] der2 =
        g.generate(
                new CMSProcessableByteArray(changed),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build())
            .getEncoded();
    return (s.substring(0, body) + java.util.Base64.getMimeEncoder().encodeToString(der2) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void open_garbage_failsParseOrDecryptWithoutException() {
    OpenReport r = PKI.open("not a message at all".getBytes(StandardCharsets.US_ASCII), PKI.bob);
    assertThat(r.firstFailure()).isPresent();
    OpenReport big =
        TestMessage.open(
            OpenOptions.builder()
                .message(Bytes.copyOf(new byte[2000]))
                .identity(MailPki.identity(PKI.bob))
                .trustStore(PKI.store)
                .clock(PKI.clock)
                .limits(new MessageLimits(1000, 4, 10))
                .build());
    assertThat(big.verdict(Step.PARSE).detail())
        .isEqualTo("the message is 2000 bytes, more than the limit of 1000");
    assertThat(big.verdict(Step.DECRYPT).outcome()).isEqualTo(Outcome.NOT_RUN);
  }

  @Test
  void open_nestingDeeperThanLimit_failsParse() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=b")
          .append(i)
          .append("\r\n\r\n--b")
          .append(i)
          .append("\r\n");
    }
    sb.append("Content-Type: text/plain\r\n\r\nx\r\n");
    OpenReport r =
        TestMessage.open(
            OpenOptions.builder()
                .message(Bytes.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII)))
                .identity(MailPki.identity(PKI.bob))
                .trustStore(PKI.store)
                .clock(PKI.clock)
                .limits(new MessageLimits(1 << 20, 4, 100))
                .build());
    assertThat(r.verdict(Step.PARSE).detail())
        .isEqualTo("message.1.1.1.1: MIME nesting deeper than 4");
  }

  @Test
  void open_morePartsThanLimit_failsParse() {
    StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
    for (int i = 0; i < 20; i++) {
      sb.append("--b\r\n\r\npart\r\n");
    }
    sb.append("--b--\r\n");
    OpenReport r =
        TestMessage.open(
            OpenOptions.builder()
                .message(Bytes.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII)))
                .identity(MailPki.identity(PKI.bob))
                .trustStore(PKI.store)
                .clock(PKI.clock)
                .limits(new MessageLimits(1 << 20, 4, 10))
                .build());
    assertThat(r.verdict(Step.PARSE).detail()).isEqualTo("message: more MIME parts than the limit");
  }
}
