package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smime message test} and {@code smime message open} end to end on generated files. */
final class MessageCommandsTest {
  private static final String PW = "cli-test-password";
  private static final Map<String, String> ENV = Map.of("P12_PW", PW);
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir static Path dir;

  @BeforeAll
  static void files() throws Exception {
    TestPki pki = TestPki.create(1515L);
    TestCertificate root = pki.rootCa("CLI Root CA").build();
    TestCertificate ica = pki.intermediateCa("CLI Issuing CA", root).build();
    TestCertificate other = pki.rootCa("Other Root CA").build();
    TestCertificate alice = pki.leaf(ica).email("alice@contoso.example").build();
    TestCertificate bob = pki.leaf(ica).email("bob@fabrikam.example").build();
    TestCertificate carol = pki.leaf(ica).email("carol@fabrikam.example").build();
    Files.write(dir.resolve("alice.p12"), alice.pkcs12(PW.toCharArray()));
    Files.write(dir.resolve("bob.p12"), bob.pkcs12(PW.toCharArray()));
    Files.write(dir.resolve("bob.cer"), bob.der());
    Files.write(dir.resolve("carol.cer"), carol.der());
    Files.write(
        dir.resolve("chainOfTrust.sst"),
        SerializedStore.of(List.of(root.certificate(), ica.certificate()), StoreProfile.MINIMAL)
            .encode()
            .toByteArray());
    Files.writeString(dir.resolve("other.pem"), other.pem());
  }

  private static String p(String name) {
    return dir.resolve(name).toString();
  }

  private static CliRunner.Result test(String out, String... to) {
    return test(out, false, to);
  }

  private static CliRunner.Result test(String out, boolean json, String... to) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "message",
                "test",
                "--from",
                p("alice.p12"),
                "--password-env",
                "P12_PW",
                "--trust",
                p("chainOfTrust.sst"),
                "--out",
                p(out),
                "--signing-algorithms",
                "800C",
                "--at",
                "2026-06-01T00:00:00Z",
                "--to"));
    args.addAll(List.of(to));
    if (json) {
      args.add("--json");
    }
    return CliRunner.run(ENV, args.toArray(String[]::new));
  }

  @Test
  void testThenOpen_allFine_exit0AndEveryStepPasses() throws Exception {
    CliRunner.Result built = test("ok.eml", p("bob.cer"));
    assertThat(built.exitCode()).as(built.err()).isZero();
    assertThat(built.out())
        .contains("wrote " + p("ok.eml") + ": AES-256 (6610), SHA256 (800C), clear-signed")
        .contains("included  bob@fabrikam.example")
        .contains("included  alice@contoso.example (sender)");
    assertThat(Files.size(dir.resolve("ok.eml"))).isPositive();

    CliRunner.Result opened =
        CliRunner.run(
            ENV,
            "message",
            "open",
            p("ok.eml"),
            "--as",
            p("bob.p12"),
            "--password-env",
            "P12_PW",
            "--trust",
            p("chainOfTrust.sst"),
            "--at",
            "2026-06-01T00:00:00Z");
    assertThat(opened.exitCode()).as(opened.out() + opened.err()).isZero();
    assertThat(opened.out())
        .contains("PASS     decrypt")
        .contains("PASS     signer-chain")
        .contains("result: every step passed");

    CliRunner.Result asJson =
        CliRunner.run(
            ENV,
            "message",
            "open",
            p("ok.eml"),
            "--as",
            p("bob.p12"),
            "--password-env",
            "P12_PW",
            "--trust",
            p("chainOfTrust.sst"),
            "--at",
            "2026-06-01T00:00:00Z",
            "--json");
    JsonNode doc = JSON.readTree(asJson.out());
    assertThat(doc.get("passed").asBoolean()).isTrue();
    assertThat(doc.get("steps")).hasSize(6);
    assertThat(doc.get("encryption").asText()).isEqualTo("AES-256");
    assertThat(doc.get("signing").asText()).isEqualTo("SHA256");
    assertThat(built.out() + built.err() + opened.out() + asJson.out()).doesNotContain(PW);
  }

  @Test
  void test_recipientCertificateForAnotherAddress_exit1WithReasonInJson() throws Exception {
    CliRunner.Result r = test("refused.eml", "bob@fabrikam.example=" + p("carol.cer"));
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode doc =
        JSON.readTree(test("refused.eml", true, "bob@fabrikam.example=" + p("carol.cer")).out());
    assertThat(doc.get("complete").asBoolean()).isFalse();
    JsonNode bob = doc.get("recipients").get(0);
    assertThat(bob.get("address").asText()).isEqualTo("bob@fabrikam.example");
    assertThat(bob.get("included").asBoolean()).isFalse();
    assertThat(bob.get("rejections").get(0).get("reason").asText()).isEqualTo("EMAIL_MISMATCH");
    assertThat(r.out())
        .contains("REFUSED   bob@fabrikam.example: bob@fabrikam.example: certificate");
  }

  @Test
  void open_storeWithoutTheSignersCa_exit1AtSignerChain() throws Exception {
    assertThat(test("chain.eml", p("bob.cer")).exitCode()).isZero();
    CliRunner.Result r =
        CliRunner.run(
            ENV,
            "message",
            "open",
            p("chain.eml"),
            "--as",
            p("bob.p12"),
            "--password-env",
            "P12_PW",
            "--trust",
            p("other.pem"),
            "--at",
            "2026-06-01T00:00:00Z",
            "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(r.out()).get("firstFailure").asText()).isEqualTo("signer-chain");
  }

  @Test
  void open_notAMessage_exit3() throws Exception {
    Path junk = dir.resolve("junk.eml");
    Files.writeString(junk, "Content-Type: multipart/mixed\r\n\r\nno boundary\r\n");
    CliRunner.Result r =
        CliRunner.run(
            ENV,
            "message",
            "open",
            junk.toString(),
            "--as",
            p("bob.p12"),
            "--password-env",
            "P12_PW",
            "--trust",
            p("chainOfTrust.sst"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("multipart/mixed without a valid boundary parameter");
  }

  @Test
  void test_unknownAlgorithm_exit3() {
    CliRunner.Result r =
        CliRunner.run(
            ENV,
            "message",
            "test",
            "--from",
            p("alice.p12"),
            "--password-env",
            "P12_PW",
            "--trust",
            p("chainOfTrust.sst"),
            "--out",
            p("x.eml"),
            "--encryption-algorithms",
            "6699",
            "--to",
            p("bob.cer"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("OWAEncryptionAlgorithms entry #1 '6699': unknown ALG_ID 0x6699");
  }
}
