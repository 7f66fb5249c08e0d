package io.github.smimekit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.smimekit.testing.TestCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interoperability with the {@code openssl} binary, both ways: messages built here are decrypted by
 * {@code openssl cms -decrypt} and verified by {@code openssl smime -verify} / {@code openssl cms
 * -verify} with the same trust (the store's two CAs, nothing else); messages OpenSSL builds ({@code
 * smime -sign}, {@code smime -encrypt}, {@code cms -encrypt} for EC) are opened here. Skipped
 * without openssl; failing when {@code CI=true}.
 */
final class OpensslInteropTest {
  private static final boolean CI = "true".equals(System.getenv("CI"));
  private static boolean openssl;
  private static final MailPki PKI = MailPki.shared();

  @TempDir Path dir;

  @BeforeAll
  static void findOpenssl() {
    openssl = works("openssl", "version");
    if (CI) {
      assertThat(openssl).as("openssl on PATH (CI=true)").isTrue();
    }
  }

  @ParameterizedTest(name = "sender {0} to {1}, {2}/{3}, opaque={4}")
  @CsvSource({
    "alice, bob, 6610, 800C, false",
    "alice, bob, 6610, 8004, true",
    "alice, carol, 660E, 800D, false",
    "erin, carol, 6610, 800C, false",
    "erin, bob, 6603, 800E, true",
    "alice, carol, 660F, 800C, true",
  })
  void build_openedByOpenssl_decryptsAndVerifies(
      String sender, String recipient, String enc, String sig, boolean opaque) throws Exception {
    assumeTrue(openssl, "openssl not on PATH: skipped");
    TestCertificate from = cert(sender);
    TestCertificate to = cert(recipient);
    BuiltMessage built =
        TestMessage.build(
            PKI.from(from)
                .recipient(Recipient.of(email(to), List.of(to.certificate())))
                .algorithms(AlgorithmSettings.parse(enc, sig))
                .opaque(opaque)
                .build());
    assertThat(built.complete()).as("all recipients included: %s", built.refused()).isTrue();
    Files.write(dir.resolve("test.eml"), built.message().orElseThrow().toByteArray());
    writeTrust();
    for (TestCertificate reader : List.of(to, from)) {
      Files.writeString(dir.resolve("me.pem"), reader.pem());
      Files.writeString(dir.resolve("me.key"), reader.privateKeyPem());
      run(
          "openssl",
          "cms",
          "-decrypt",
          "-in",
          "test.eml",
          "-recip",
          "me.pem",
          "-inkey",
          "me.key",
          "-out",
          "inner.eml");
      String attime = Long.toString(PKI.pki.now().getEpochSecond());
      run(
          "openssl",
          "smime",
          "-verify",
          "-in",
          "inner.eml",
          "-CAfile",
          "trust.pem",
          "-attime",
          attime,
          "-out",
          "text.txt");
      assertThat(Files.readString(dir.resolve("text.txt"))).contains("If you can read it");
      run(
          "openssl",
          "cms",
          "-verify",
          "-in",
          "inner.eml",
          "-CAfile",
          "trust.pem",
          "-attime",
          attime,
          "-out",
          "text2.txt");
      // the same trust: without the store's CAs OpenSSL refuses the signer too
      Files.writeString(dir.resolve("other.pem"), PKI.otherRoot.pem());
      assertThat(
              exit(
                  "openssl",
                  "smime",
                  "-verify",
                  "-in",
                  "inner.eml",
                  "-CAfile",
                  "other.pem",
                  "-attime",
                  attime,
                  "-out",
                  "x.txt"))
          .isNotZero();
    }
  }

  @Test
  void open_opensslSignedThenEncryptedRsa_allStepsPass() throws Exception {
    assumeTrue(openssl, "openssl not on PATH: skipped");
    keys(PKI.alice, "alice");
    keys(PKI.bob, "bob");
    Files.writeString(dir.resolve("body.txt"), "Hello from OpenSSL\n");
    run(
        "openssl",
        "smime",
        "-sign",
        "-in",
        "body.txt",
        "-signer",
        "alice.pem",
        "-inkey",
        "alice.key",
        "-md",
        "sha256",
        "-out",
        "signed.eml");
    run(
        "openssl",
        "smime",
        "-encrypt",
        "-aes256",
        "-in",
        "signed.eml",
        "-from",
        "alice@contoso.example",
        "-to",
        "bob@fabrikam.example",
        "-subject",
        "interop",
        "-out",
        "test.eml",
        "bob.pem");
    OpenReport report = PKI.open(Files.readAllBytes(dir.resolve("test.eml")), PKI.bob);
    assertThat(report.steps())
        .allSatisfy(s -> assertThat(s.outcome()).as(s.toString()).isEqualTo(Outcome.PASS));
    assertThat(report.encryption()).contains(EncryptionAlgorithm.AES_256);
    assertThat(report.signing()).contains(SigningAlgorithm.SHA256);
    assertThat(report.text().orElseThrow()).contains("Hello from OpenSSL");
  }

  @Test
  void open_opensslOpaqueSignedThenCmsEncryptedToEc_allStepsPass() throws Exception {
    assumeTrue(openssl, "openssl not on PATH: skipped");
    keys(PKI.erin, "erin");
    keys(PKI.carol, "carol");
    Files.writeString(dir.resolve("body.txt"), "Hello over ECDH\n");
    run(
        "openssl",
        "smime",
        "-sign",
        "-nodetach",
        "-in",
        "body.txt",
        "-signer",
        "erin.pem",
        "-inkey",
        "erin.key",
        "-md",
        "sha384",
        "-out",
        "signed.eml");
    run(
        "openssl",
        "cms",
        "-encrypt",
        "-aes128",
        "-in",
        "signed.eml",
        "-from",
        "erin@contoso.example",
        "-to",
        "carol@fabrikam.example",
        "-subject",
        "interop",
        "-out",
        "test.eml",
        "carol.pem");
    OpenReport report = PKI.open(Files.readAllBytes(dir.resolve("test.eml")), PKI.carol);
    assertThat(report.steps())
        .allSatisfy(s -> assertThat(s.outcome()).as(s.toString()).isEqualTo(Outcome.PASS));
    assertThat(report.encryption()).contains(EncryptionAlgorithm.AES_128);
    assertThat(report.signing()).contains(SigningAlgorithm.SHA384);
    assertThat(report.text().orElseThrow()).contains("Hello over ECDH");
  }

  @Test
  void open_opensslSignedOnly_decryptFailsButSignatureChecked() throws Exception {
    assumeTrue(openssl, "openssl not on PATH: skipped");
    keys(PKI.alice, "alice");
    Files.writeString(dir.resolve("body.txt"), "signed, not encrypted\n");
    run(
        "openssl",
        "smime",
        "-sign",
        "-in",
        "body.txt",
        "-signer",
        "alice.pem",
        "-inkey",
        "alice.key",
        "-from",
        "alice@contoso.example",
        "-out",
        "signed.eml");
    OpenReport report = PKI.open(Files.readAllBytes(dir.resolve("signed.eml")), PKI.bob);
    assertThat(report.firstFailure().orElseThrow().step()).isEqualTo(Step.DECRYPT);
    assertThat(report.verdict(Step.DECRYPT).detail())
        .contains("not encrypted")
        .contains("multipart/signed");
    assertThat(report.verdict(Step.SIGNATURE).outcome()).isEqualTo(Outcome.PASS);
    assertThat(report.verdict(Step.SIGNER_CHAIN).outcome()).isEqualTo(Outcome.PASS);
    assertThat(report.verdict(Step.SIGNER_EMAIL).outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void open_opensslTamperedClearSignedBody_signatureFails() throws Exception {
    assumeTrue(openssl, "openssl not on PATH: skipped");
    keys(PKI.alice, "alice");
    keys(PKI.bob, "bob");
    Files.writeString(dir.resolve("body.txt"), "Pay 100 EUR\n");
    run(
        "openssl",
        "smime",
        "-sign",
        "-in",
        "body.txt",
        "-signer",
        "alice.pem",
        "-inkey",
        "alice.key",
        "-out",
        "signed.eml");
    String signed = Files.readString(dir.resolve("signed.eml"), StandardCharsets.US_ASCII);
    assertThat(signed).contains("Pay 100 EUR");
    Files.writeString(
        dir.resolve("tampered.eml"),
        signed.replace("Pay 100 EUR", "Pay 900 EUR"),
        StandardCharsets.US_ASCII);
    run(
        "openssl",
        "smime",
        "-encrypt",
        "-aes256",
        "-in",
        "tampered.eml",
        "-from",
        "alice@contoso.example",
        "-out",
        "test.eml",
        "bob.pem");
    OpenReport report = PKI.open(Files.readAllBytes(dir.resolve("test.eml")), PKI.bob);
    assertThat(report.firstFailure().orElseThrow().step()).isEqualTo(Step.SIGNATURE);
    assertThat(report.verdict(Step.SIGNATURE).detail()).contains("the signed content was changed");
  }

  private void writeTrust() throws IOException {
    Files.writeString(dir.resolve("trust.pem"), PKI.root.pem() + PKI.ica.pem());
  }

  private void keys(TestCertificate c, String name) throws IOException {
    Files.writeString(dir.resolve(name + ".pem"), c.pem());
    Files.writeString(dir.resolve(name + ".key"), c.privateKeyPem());
  }

  private static TestCertificate cert(String name) {
    return switch (name) {
      case "alice" -> PKI.alice;
      case "bob" -> PKI.bob;
      case "carol" -> PKI.carol;
      case "erin" -> PKI.erin;
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static String email(TestCertificate c) {
    return io.github.smimekit.core.Certificates.primaryEmail(c.certificate()).orElseThrow();
  }

  private static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private int exit(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private void run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(p.exitValue()).as("%s exit; output: %s", String.join(" ", command), out).isZero();
  }
}
