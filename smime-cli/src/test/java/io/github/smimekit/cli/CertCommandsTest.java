package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CertCommandsTest {
  static final Path ALICE = Path.of("../samples/alice.cer");
  static final Path ISSUING_CA = Path.of("../samples/issuing-ca.cer");
  private static final JsonMapper JSON = new JsonMapper();

  @Test
  void info_sampleCertificate_printsContractFields() throws Exception {
    CliRunner.Result r = CliRunner.run("cert", "info", "--json", ALICE.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode cert = JSON.readTree(r.out()).get("certificates").get(0);
    byte[] der = Files.readAllBytes(ALICE);
    assertThat(cert.get("sha1").asText()).isEqualTo(hex("SHA-1", der));
    assertThat(cert.get("sha256").asText()).isEqualTo(hex("SHA-256", der));
    assertThat(cert.get("subject").asText()).contains("CN=Alice Example");
    assertThat(cert.get("issuer").asText()).contains("CN=Contoso Demo Issuing CA");
    assertThat(cert.get("serial").asText()).isEqualTo("300001");
    assertThat(cert.get("notBefore").asText()).endsWith("Z");
    assertThat(texts(cert.get("emails"))).containsExactly("alice@contoso.example");
    assertThat(cert.get("keyAlgorithm").asText()).isEqualTo("RSA");
    assertThat(cert.get("keySize").asInt()).isEqualTo(2048);
    assertThat(texts(cert.get("keyUsage"))).containsExactly("digitalSignature", "keyEncipherment");
    assertThat(texts(cert.get("extendedKeyUsage")))
        .containsExactly("emailProtection", "clientAuth");
  }

  @Test
  void info_severalFiles_listsEachCertificateWithFileAndIndex() throws Exception {
    CliRunner.Result r =
        CliRunner.run("cert", "info", "--json", ALICE.toString(), ISSUING_CA.toString());

    assertThat(r.exitCode()).isZero();
    JsonNode certs = JSON.readTree(r.out()).get("certificates");
    assertThat(certs).hasSize(2);
    assertThat(certs.get(1).get("file").asText()).isEqualTo(ISSUING_CA.toString());
    assertThat(certs.get(1).get("emails")).isEmpty();
  }

  @Test
  void info_text_showsThumbprint() throws Exception {
    CliRunner.Result r = CliRunner.run("cert", "info", ALICE.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains(hex("SHA-1", Files.readAllBytes(ALICE)));
  }

  @Test
  void info_garbage_exit3WithOneLine(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.cer");
    Files.writeString(junk, "GARBAGE, not a certificate at all\n");

    CliRunner.Result r = CliRunner.run("cert", "info", junk.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("smime: ").doesNotContain("Exception", "\tat ");
  }

  @Test
  void info_garbageVerbose_showsStackTrace(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.cer");
    Files.write(junk, new byte[] {1, 2, 3, 4});

    CliRunner.Result r = CliRunner.run("--verbose", "cert", "info", junk.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void info_missingFile_exit3() {
    CliRunner.Result r = CliRunner.run("cert", "info", "no/such/file.cer");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void info_noFile_usageErrorExit2() {
    CliRunner.Result r = CliRunner.run("cert", "info");

    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void unknownCommand_exit2() {
    assertThat(CliRunner.run("frobnicate").exitCode()).isEqualTo(2);
    assertThat(CliRunner.run().exitCode()).isEqualTo(2);
  }

  @Test
  void check_fitCertificate_exit0NoErrors() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "cert", "check", ALICE.toString(), "--email", "Alice@Contoso.example", "--json");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("errors").asInt()).isZero();
    assertThat(doc.get("purpose").asText()).isEqualTo("both");
    assertThat(doc.get("at").asText()).isEqualTo(CliRunner.NOW.toString());
  }

  @Test
  void check_wrongAddress_exit1WithFinding() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "cert", "check", ALICE.toString(), "--email", "bob@contoso.example", "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode findings = JSON.readTree(r.out()).get("certificates").get(0).get("findings");
    assertThat(findings).isNotEmpty();
    assertThat(findings.get(0).get("severity").asText()).isEqualTo("ERROR");
    assertThat(findings.get(0).get("message").asText()).contains("bob@contoso.example");
  }

  @Test
  void check_afterExpiry_exit1Expired() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "cert",
            "check",
            ALICE.toString(),
            "--email",
            "alice@contoso.example",
            "--at",
            "2040-01-01",
            "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("expired");
  }

  @Test
  void check_badPurposeOrTime_exit2() {
    assertThat(
            CliRunner.run("cert", "check", ALICE.toString(), "--email", "a@b.c", "--purpose", "x")
                .exitCode())
        .isEqualTo(2);
    assertThat(
            CliRunner.run("cert", "check", ALICE.toString(), "--email", "a@b.c", "--at", "soon")
                .exitCode())
        .isEqualTo(2);
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of()
        .withUpperCase()
        .formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }
}
