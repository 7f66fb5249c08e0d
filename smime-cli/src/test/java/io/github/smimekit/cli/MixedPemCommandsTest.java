package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM files that hold a certificate and its private key (what {@code openssl pkcs12 -nodes}
 * writes): every command that reads certificate files reads the certificate and reports the key
 * block by label and position, on stderr in text and in JSON's {@code skipped} array, and never
 * shows a fragment of the key.
 */
final class MixedPemCommandsTest {
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir static Path dir;

  private static String keyBody = "";
  private static String certPem = "";
  private static Path combined;
  private static Path keyOnly;

  @BeforeAll
  static void makeFiles() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
    keyBody =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
    String keyPem = "-----BEGIN PRIVATE KEY-----\n" + keyBody + "\n-----END PRIVATE KEY-----\n";
    certPem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Files.readAllBytes(CertCommandsTest.ALICE))
            + "\n-----END CERTIFICATE-----\n";
    combined = dir.resolve("alice-with-key.pem");
    Files.writeString(combined, "Bag Attributes\n" + certPem + keyPem, StandardCharsets.US_ASCII);
    keyOnly = dir.resolve("key.pem");
    Files.writeString(keyOnly, keyPem, StandardCharsets.US_ASCII);
  }

  @Test
  void certInfo_certificateAndKey_showsTheCertificateAndReportsTheKeyOnStderr() {
    CliRunner.Result r = CliRunner.run("cert", "info", combined.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("CN=Alice");
    assertThat(r.err().strip()).isEqualTo("smime: " + combined + ": skipped 1 PRIVATE KEY block");
    assertNoKeyFragment(r.out() + r.err());
  }

  @Test
  void certInfo_json_hasSkippedArrayWithLabelAndPosition() throws Exception {
    CliRunner.Result r = CliRunner.run("cert", "info", "--json", combined.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("certificates")).hasSize(1);
    JsonNode skipped = doc.get("skipped");
    assertThat(skipped).hasSize(1);
    JsonNode s = skipped.get(0);
    long offset = "Bag Attributes\n".length() + certPem.length();
    assertThat(s.get("file").asText()).isEqualTo(combined.toString());
    assertThat(s.get("label").asText()).isEqualTo("PRIVATE KEY");
    assertThat(s.get("block").asInt()).isEqualTo(2);
    assertThat(s.get("offset").asLong()).isEqualTo(offset);
    assertThat(s.get("trustSettings").asBoolean()).isFalse();
    assertThat(s.get("reason").asText()).isEqualTo("PRIVATE KEY block #2 at offset " + offset);
    assertNoKeyFragment(r.out());
  }

  @Test
  void certInfo_plainCertificate_hasEmptySkippedArray() throws Exception {
    CliRunner.Result r = CliRunner.run("cert", "info", "--json", CertCommandsTest.ALICE.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("skipped")).isEmpty();
  }

  @Test
  void certCheck_certificateAndKey_reportsTheKeyInTextAndJson() throws Exception {
    CliRunner.Result text =
        CliRunner.run("cert", "check", combined.toString(), "--email", "alice@contoso.example");
    CliRunner.Result json =
        CliRunner.run(
            "cert", "check", combined.toString(), "--email", "alice@contoso.example", "--json");

    assertThat(text.err()).contains("smime: " + combined + ": skipped 1 PRIVATE KEY block");
    assertThat(json.err()).isEmpty();
    JsonNode skipped = JSON.readTree(json.out()).get("skipped");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).get("label").asText()).isEqualTo("PRIVATE KEY");
    assertNoKeyFragment(text.out() + text.err() + json.out());
  }

  @Test
  void chainBuild_poolFileWithKey_readsTheCaAndListsTheKey() throws Exception {
    String caPem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Files.readAllBytes(CertCommandsTest.ISSUING_CA))
            + "\n-----END CERTIFICATE-----\n";
    Path pool = dir.resolve("ca-with-key.pem");
    Files.writeString(
        pool,
        Files.readString(keyOnly, StandardCharsets.US_ASCII) + caPem,
        StandardCharsets.US_ASCII);

    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            CertCommandsTest.ALICE.toString(),
            "--pool",
            pool.toString(),
            "--anchor",
            SstCommandsTest.ROOT.toString(),
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode skipped = JSON.readTree(r.out()).get("skipped");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).get("file").asText()).isEqualTo(pool.toString());
    assertThat(skipped.get(0).get("label").asText()).isEqualTo("PRIVATE KEY");
    assertThat(skipped.get(0).get("offset").asLong()).isZero();
    assertNoKeyFragment(r.out() + r.err());
  }

  @Test
  void sstCreate_certificateAndKey_writesTheCertificateOnlyAndReportsTheKey() throws Exception {
    Path out = dir.resolve("alice.sst");

    CliRunner.Result r =
        CliRunner.run("sst", "create", "--out", out.toString(), combined.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains(combined + ": skipped 1 PRIVATE KEY block");
    CliRunner.Result list = CliRunner.run("sst", "list", out.toString(), "--json");
    assertThat(JSON.readTree(list.out()).get("entries")).hasSize(1);
    assertNoKeyFragment(r.out() + r.err() + list.out());
  }

  @Test
  void certInfo_keyOnly_exit3NamingTheBlockWithoutItsContent() {
    CliRunner.Result r = CliRunner.run("cert", "info", keyOnly.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err().strip())
        .isEqualTo(
            "smime: "
                + keyOnly
                + ": pem block #1 at offset 0 is a private key (PRIVATE KEY), not a certificate");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void sstList_certificateAndKey_listsTheCertificateAndReportsTheKey() throws Exception {
    CliRunner.Result text = CliRunner.run("sst", "list", combined.toString());
    CliRunner.Result json = CliRunner.run("sst", "list", "--json", combined.toString());

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.err().strip())
        .isEqualTo("smime: " + combined + ": skipped 1 PRIVATE KEY block");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.get("entries")).hasSize(1);
    assertThat(doc.get("skipped").get(0).get("label").asText()).isEqualTo("PRIVATE KEY");
    assertNoKeyFragment(text.out() + text.err() + json.out() + json.err());
  }

  @Test
  void sstConvert_certificateAndKey_storeHoldsTheCertificateKeyReported() throws Exception {
    Path out = dir.resolve("from-mixed.sst");

    CliRunner.Result r =
        CliRunner.run(
            "sst",
            "convert",
            combined.toString(),
            "--to",
            "sst",
            "--out",
            out.toString(),
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("skipped").get(0).get("label").asText())
        .isEqualTo("PRIVATE KEY");
    assertThat(CliRunner.run("sst", "list", out.toString()).out()).contains("1 entry");
    assertNoKeyFragment(r.out() + r.err());
  }

  @Test
  void sstVerify_certificateAndKey_reportsTheKeyInTextAndJson() throws Exception {
    CliRunner.Result text = CliRunner.run("sst", "verify", combined.toString());
    CliRunner.Result json = CliRunner.run("sst", "verify", "--json", combined.toString());

    assertThat(text.err()).contains("skipped 1 PRIVATE KEY block");
    assertThat(JSON.readTree(json.out()).get("skipped").get(0).get("label").asText())
        .isEqualTo("PRIVATE KEY");
    assertNoKeyFragment(text.out() + text.err() + json.out() + json.err());
  }

  private static void assertNoKeyFragment(String text) {
    String body = keyBody.replace("\n", "");
    for (int i = 0; i + 12 <= body.length(); i += 4) {
      assertThat(text).doesNotContain(body.substring(i, i + 12));
    }
  }
}
