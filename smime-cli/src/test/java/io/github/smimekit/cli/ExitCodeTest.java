package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exit-code contract: 2 for bad option values, 3 for bad input, never 70 for either. */
final class ExitCodeTest {
  static final String ALICE = CertCommandsTest.ALICE.toString();
  static final String ALICE_P12 = P12CommandsTest.ALICE_P12.toString();
  static final Map<String, String> ENV = Map.of("P12_PASSWORD", P12CommandsTest.PASSWORD);

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void certCheck_blankEmail_usageError(String email) {
    CliRunner.Result r = CliRunner.run("cert", "check", ALICE, "--email", email);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zz", "", "D6DAB30ADF4CAF2EFB15FD87367231DF84F3663", "not hex at all"})
  void p12_badThumbprint_usageError(String thumbprint) {
    for (String command : new String[] {"info", "export-cert"}) {
      CliRunner.Result r =
          CliRunner.run(
              ENV,
              "p12",
              command,
              ALICE_P12,
              "--password-env",
              "P12_PASSWORD",
              "--thumbprint",
              thumbprint,
              "--out",
              "unused.cer");
      if (command.equals("info")) {
        r =
            CliRunner.run(
                ENV,
                "p12",
                command,
                ALICE_P12,
                "--password-env",
                "P12_PASSWORD",
                "--thumbprint",
                thumbprint);
      }
      assertThat(r.exitCode()).as(command + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).contains("--thumbprint");
    }
  }

  @Test
  void p12_thumbprintWithColonsAndLowerCase_isAccepted() {
    String colons = "d6:da:b3:0a:df:4c:af:2e:fb:15:fd:87:36:72:31:df:84:f3:66:31";

    CliRunner.Result r =
        CliRunner.run(
            ENV,
            "p12",
            "info",
            ALICE_P12,
            "--password-env",
            "P12_PASSWORD",
            "--thumbprint",
            colons);

    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5", "0"})
  void sstVerify_nonPositiveSizeLimit_usageError(String limit, @TempDir Path dir) throws Exception {
    Path sst = dir.resolve("s.sst");
    Files.write(
        sst,
        SerializedStore.builder().add(pki().root.certificate()).build().encode().toByteArray());

    CliRunner.Result r = CliRunner.run("sst", "verify", sst.toString(), "--size-limit", limit);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--size-limit must be more than 0 bytes: " + limit);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pem", "p7b"})
  void sstConvert_storeWithoutCertificate_badInputWithSentence(String to, @TempDir Path dir)
      throws Exception {
    Keys k = pki();
    Path sst = dir.resolve("crl-only.sst");
    Files.write(
        sst, SerializedStore.builder().add(k.pki.crl(k.root)).build().encode().toByteArray());

    CliRunner.Result r =
        CliRunner.run(
            "sst", "convert", sst.toString(), "--to", to, "--out", dir.resolve("o").toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err().strip())
        .isEqualTo(
            "smime: " + sst + ": holds no certificate (1 CRL); " + to + " needs at least one");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void emptyDirectoryAsInput_badInput(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));

    CliRunner.Result convert =
        CliRunner.run(
            "sst", "convert", empty.toString(), "--to", "sst", "--out", dir.resolve("o.sst") + "");
    CliRunner.Result pool = CliRunner.run("chain", "build", ALICE, "--pool", empty.toString());
    CliRunner.Result create =
        CliRunner.run("sst", "create", "--out", dir.resolve("c.sst") + "", empty.toString());

    for (CliRunner.Result r : new CliRunner.Result[] {convert, pool, create}) {
      assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
      assertThat(r.err().strip()).isEqualTo("smime: directory " + empty + " is empty");
    }
  }

  @Test
  void verbose_afterTheSubcommand_printsTheStackTrace(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.cer");
    Files.write(junk, new byte[] {1, 2, 3, 4});

    CliRunner.Result before = CliRunner.run("--verbose", "cert", "info", junk.toString());
    CliRunner.Result after = CliRunner.run("cert", "info", junk.toString(), "--verbose");
    CliRunner.Result middle = CliRunner.run("cert", "--verbose", "info", junk.toString());

    for (CliRunner.Result r : new CliRunner.Result[] {before, after, middle}) {
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.err()).contains("\tat ");
    }
    assertThat(CliRunner.run("cert", "info", junk.toString()).err()).doesNotContain("\tat ");
  }

  @Test
  void exitCodes_ofEachKind() {
    assertThat(CliRunner.run("cert", "info", ALICE).exitCode()).isZero();
    assertThat(CliRunner.run("cert", "check", ALICE, "--email", "bob@contoso.example").exitCode())
        .isEqualTo(1);
    assertThat(CliRunner.run("cert", "info", "--frob", ALICE).exitCode()).isEqualTo(2);
    assertThat(CliRunner.run("cert", "info", "no/such.cer").exitCode()).isEqualTo(3);
  }

  record Keys(TestPki pki, TestCertificate root) {}

  static Keys pki() {
    TestPki pki = TestPki.create(9);
    return new Keys(pki, pki.rootCa("Exit Code Root").build());
  }
}
