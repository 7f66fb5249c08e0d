package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class P12CommandsTest {
  static final Path ALICE_P12 = Path.of("../samples/alice.p12");
  static final String PASSWORD = "smimekit-demo";
  private static final JsonMapper JSON = new JsonMapper();
  private static final Map<String, String> ENV = Map.of("P12_PASSWORD", PASSWORD);

  @Test
  void info_passwordFromEnv_showsIdentityAndProtection() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            ENV, "p12", "info", ALICE_P12.toString(), "--password-env", "P12_PASSWORD", "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("friendlyName").asText()).isEqualTo("Alice Example");
    assertThat(doc.get("certificate").get("sha1").asText())
        .isEqualTo(CertCommandsTest.hex("SHA-1", Files.readAllBytes(CertCommandsTest.ALICE)));
    assertThat(doc.get("chain").get(0).get("subject").asText()).contains("Contoso Demo Issuing CA");
    assertThat(doc.get("key").get("algorithm").asText()).isEqualTo("RSA");
    assertThat(doc.get("key").get("size").asInt()).isEqualTo(2048);
    JsonNode protection = doc.get("protection");
    assertThat(protection.get("mac").get("algorithm").asText()).contains("SHA-256");
    assertThat(protection.get("encryptions").toString()).contains("AES-256");
    assertThat(protection.get("weak").asBoolean()).isFalse();
    assertThat(r.out()).doesNotContain(PASSWORD);
  }

  @Test
  void info_passwordFromFile_trailingNewlineIgnored(@TempDir Path dir) throws Exception {
    Path pw = dir.resolve("pw.txt");
    Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);

    CliRunner.Result r =
        CliRunner.run("p12", "info", ALICE_P12.toString(), "--password-file", pw.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Alice Example").contains("HMAC-SHA-256");
  }

  @Test
  void info_wrongPassword_exit3WithoutSecret() {
    CliRunner.Result r =
        CliRunner.run(
            Map.of("PW", "not-the-password"),
            "p12",
            "info",
            ALICE_P12.toString(),
            "--password-env",
            "PW");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("wrong password").doesNotContain("not-the-password");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void info_unsetVariable_exit3() {
    CliRunner.Result r =
        CliRunner.run("p12", "info", ALICE_P12.toString(), "--password-env", "NOT_SET_ANYWHERE");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("--password-env")
        .contains("not set")
        .doesNotContain("NOT_SET_ANYWHERE");
  }

  @Test
  void info_noPasswordOption_exit2() {
    assertThat(CliRunner.run("p12", "info", ALICE_P12.toString()).exitCode()).isEqualTo(2);
    assertThat(
            CliRunner.run(
                    ENV,
                    "p12",
                    "info",
                    ALICE_P12.toString(),
                    "--password-env",
                    "P12_PASSWORD",
                    "--password-file",
                    "x")
                .exitCode())
        .isEqualTo(2);
  }

  @Test
  void info_passwordOnCommandLine_isNotAnOption() {
    CliRunner.Result r = CliRunner.run("p12", "info", ALICE_P12.toString(), "--password", PASSWORD);

    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void info_certificateInsteadOfP12_exit3() {
    CliRunner.Result r =
        CliRunner.run(
            ENV,
            "p12",
            "info",
            CertCommandsTest.ALICE.toString(),
            "--password-env",
            "P12_PASSWORD");

    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  void exportCert_der_writesTheSameCertificateAsTheSample(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("alice.cer");

    CliRunner.Result r =
        CliRunner.run(
            ENV,
            "p12",
            "export-cert",
            ALICE_P12.toString(),
            "--password-env",
            "P12_PASSWORD",
            "--out",
            out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(CertCommandsTest.ALICE));
  }

  @Test
  void exportCert_pem_writesPemThatCertInfoReads(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("alice.pem");

    CliRunner.Result r =
        CliRunner.run(
            ENV,
            "p12",
            "export-cert",
            ALICE_P12.toString(),
            "--password-env",
            "P12_PASSWORD",
            "--out",
            out.toString(),
            "--format",
            "pem",
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out)).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(JSON.readTree(r.out()).get("format").asText()).isEqualTo("pem");
    assertThat(CliRunner.run("cert", "info", out.toString()).exitCode()).isZero();
  }

  @Test
  void info_hugePasswordFile_exit3BeforeReadingIt(@TempDir Path dir) throws Exception {
    Path pw = dir.resolve("pw.bin");
    Files.write(pw, new byte[(int) PasswordOptions.MAX_PASSWORD_FILE_BYTES + 1]);

    CliRunner.Result r =
        CliRunner.run("p12", "info", ALICE_P12.toString(), "--password-file", pw.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("pw.bin").contains("over the limit");
  }
}
