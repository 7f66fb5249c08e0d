package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text output that untrusted names cannot forge, secrets never echoed, outputs never overwritten
 * silently, and messages in our words naming the file.
 */
final class SafeOutputTest {
  static final String FORGED_CN = "Evil\r\nsha1 0000FAKE\u001b[31mred\u001b[0m";
  static final String FORGED_EMAIL = "x@y.example\r\nforged-line";
  static final Map<String, String> ENV = Map.of("P12_PASSWORD", P12CommandsTest.PASSWORD);

  static TestCertificate evil() {
    TestPki pki = TestPki.create(42);
    TestCertificate root = pki.rootCa("Safe Output Root\u001b]0;title\u0007").build();
    return pki.leaf(root).commonName(FORGED_CN).subjectEmail(FORGED_EMAIL).build();
  }

  static void assertNoControlCharacters(String text) {
    for (String line : text.lines().toList()) {
      assertThat(line.chars().filter(c -> (c < 0x20 && c != '\t') || c == 0x7f || c == 0x9b))
          .as("control characters in line: %s", line.replace("\u001b", "<ESC>"))
          .isEmpty();
      assertThat(line).doesNotStartWith("sha1 0000FAKE").doesNotStartWith("forged-line");
    }
  }

  @Test
  void certInfo_controlCharactersInNames_escapedInText(@TempDir Path dir) throws Exception {
    Path cer = dir.resolve("evil.cer");
    Files.write(cer, evil().der());

    CliRunner.Result r = CliRunner.run("cert", "info", cer.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertNoControlCharacters(r.out());
    assertThat(r.out()).contains("Evil\\x0D\\x0Asha1 0000FAKE\\x1B[31mred");
    assertThat(r.out()).contains("x@y.example\\x0D\\x0Aforged-line");
  }

  @Test
  void certInfo_json_keepsTheExactValueEscapedByJson(@TempDir Path dir) throws Exception {
    Path cer = dir.resolve("evil.cer");
    Files.write(cer, evil().der());

    CliRunner.Result r = CliRunner.run("cert", "info", "--json", cer.toString());

    assertThat(r.exitCode()).isZero();
    assertNoControlCharacters(r.out());
    assertThat(r.out()).contains("\\r\\nforged-line");
  }

  @Test
  void certCheck_forgedAddress_notListedRaw(@TempDir Path dir) throws Exception {
    Path cer = dir.resolve("evil.cer");
    Files.write(cer, evil().der());

    CliRunner.Result r = CliRunner.run("cert", "check", cer.toString(), "--email", "x@y.example");

    assertNoControlCharacters(r.out());
    assertNoControlCharacters(r.err());
    assertThat(r.out()).doesNotContain("x@y.example\r\nforged-line");
  }

  @Test
  void everyTextCommand_controlCharactersEscaped(@TempDir Path dir) throws Exception {
    TestCertificate leaf = evil();
    Path cer = dir.resolve("evil.cer");
    Files.write(cer, leaf.der());
    Path root = dir.resolve("root.cer");
    Files.write(root, leaf.issuer().orElseThrow().der());
    Path sst = dir.resolve("evil.sst");
    Files.write(
        sst,
        SerializedStore.builder()
            .add(leaf.certificate(), "friendly\r\nforged-line")
            .build()
            .encode()
            .toByteArray());
    Path p12 = dir.resolve("evil.p12");
    Files.write(p12, leaf.pkcs12(P12CommandsTest.PASSWORD.toCharArray(), "alias\r\nforged-line"));

    List<CliRunner.Result> results =
        List.of(
            CliRunner.run("chain", "build", cer.toString(), "--anchor", root.toString()),
            CliRunner.run("chain", "build", cer.toString(), "--pool", dir.toString()),
            CliRunner.run("sst", "list", sst.toString()),
            CliRunner.run("sst", "verify", sst.toString()),
            CliRunner.run(ENV, "p12", "info", p12.toString(), "--password-env", "P12_PASSWORD"));

    for (CliRunner.Result r : results) {
      assertNoControlCharacters(r.out());
      assertNoControlCharacters(r.err());
    }
    assertThat(results.get(4).out()).contains("alias\\x0D\\x0Aforged-line");
  }

  @Test
  void fileNameWithControlCharacters_escapedInMessages(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk\r\nsha1 0000FAKE\u001b[2J.cer");
    Files.writeString(junk, "not a certificate");

    CliRunner.Result r = CliRunner.run("cert", "info", junk.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertNoControlCharacters(r.err());
    assertThat(r.err()).contains("junk\\x0D\\x0Asha1 0000FAKE\\x1B[2J.cer");
  }

  @Test
  void passwordEnv_givenThePasswordItself_neverEchoed() {
    for (String value : List.of("smimekit-demo", "SmimekitDemo2026")) {
      CliRunner.Result r =
          CliRunner.run(
              ENV, "p12", "info", P12CommandsTest.ALICE_P12.toString(), "--password-env", value);

      assertThat(r.exitCode()).isIn(2, 3);
      assertThat(r.out() + r.err()).doesNotContain(value);
      assertThat(r.err()).contains("--password-env");
    }
  }

  @Test
  void exportCert_outEqualToInput_refusedAndInputUnchanged(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("copy.p12");
    Files.copy(P12CommandsTest.ALICE_P12, copy);
    byte[] before = Files.readAllBytes(copy);

    CliRunner.Result same =
        CliRunner.run(
            ENV,
            "p12",
            "export-cert",
            copy.toString(),
            "--password-env",
            "P12_PASSWORD",
            "--out",
            copy.toString(),
            "--force");
    CliRunner.Result viaOtherSpelling =
        CliRunner.run(
            ENV,
            "p12",
            "export-cert",
            copy.toString(),
            "--password-env",
            "P12_PASSWORD",
            "--out",
            dir.resolve(".").resolve("copy.p12").toString());

    for (CliRunner.Result r : List.of(same, viaOtherSpelling)) {
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains("is also an input");
    }
    assertThat(Files.readAllBytes(copy)).isEqualTo(before);
  }

  @Test
  void existingOut_needsForce_thenReplacedAtomically(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("alice.cer");
    Files.writeString(out, "keep me");

    CliRunner.Result refused =
        CliRunner.run(
            ENV,
            "p12",
            "export-cert",
            P12CommandsTest.ALICE_P12.toString(),
            "--password-env",
            "P12_PASSWORD",
            "--out",
            out.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains(out + " exists; add --force to replace it");
    assertThat(Files.readString(out)).isEqualTo("keep me");

    CliRunner.Result forced =
        CliRunner.run(
            ENV,
            "p12",
            "export-cert",
            P12CommandsTest.ALICE_P12.toString(),
            "--password-env",
            "P12_PASSWORD",
            "--out",
            out.toString(),
            "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(CertCommandsTest.ALICE));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("alice.cer");
    }
  }

  @Test
  void sstWriters_refuseExistingOutAndInput(@TempDir Path dir) throws Exception {
    Path sst = dir.resolve("a.sst");
    assertThat(CliRunner.run("sst", "create", "--out", sst.toString(), root()).exitCode()).isZero();
    byte[] before = Files.readAllBytes(sst);

    CliRunner.Result again = CliRunner.run("sst", "create", "--out", sst.toString(), root());
    CliRunner.Result convertOntoItself =
        CliRunner.run(
            "sst", "convert", sst.toString(), "--to", "sst", "--out", sst.toString(), "--force");
    CliRunner.Result createOntoInput =
        CliRunner.run("sst", "create", "--out", sst.toString(), sst.toString(), "--force");

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(convertOntoItself.exitCode()).isEqualTo(2);
    assertThat(createOntoInput.exitCode()).isEqualTo(2);
    assertThat(Files.readAllBytes(sst)).isEqualTo(before);
  }

  @Test
  void messages_nameTheFileAndQuoteNoLibraryText(@TempDir Path dir) throws Exception {
    byte[] p12 = Files.readAllBytes(P12CommandsTest.ALICE_P12);
    byte[] p7b = java.util.Arrays.copyOf(pkcs7(dir), 300);
    Path[] inputs = {
      write(dir, "t.p12", java.util.Arrays.copyOf(p12, 100)),
      write(dir, "seq.p12", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}),
      write(dir, "ber.p12", new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x01}),
      write(dir, "t.p7b", p7b),
      write(
          dir,
          "junk.sst",
          "SSTable\0\0\0 not a store".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
      write(dir, "short.sst", new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T', 32, 0, 0, 0, 1})
    };
    for (Path in : inputs) {
      List<CliRunner.Result> results =
          in.toString().endsWith(".p12")
              ? List.of(
                  CliRunner.run(
                      ENV, "p12", "info", in.toString(), "--password-env", "P12_PASSWORD"))
              : List.of(
                  CliRunner.run("cert", "info", in.toString()),
                  CliRunner.run("sst", "list", in.toString()),
                  CliRunner.run("sst", "verify", in.toString()),
                  CliRunner.run(
                      "sst", "convert", in.toString(), "--to", "pem", "--out", dir + "/o.pem"));
      for (CliRunner.Result r : results) {
        assertThat(r.exitCode()).as(in + ": " + r.err()).isEqualTo(3);
        assertThat(r.err()).as(in.toString()).startsWith("smime: " + in + ": ");
        assertThat(r.err())
            .as(in.toString())
            .doesNotContain(
                "java.",
                "Exception",
                "org.bouncycastle",
                "getInstance",
                "Unable to initialize",
                "length info absent",
                "pkcs#12",
                "offset null",
                "#-1");
      }
    }
  }

  @Test
  void sstTextOutput_noOffsetNullNoMinusOneNoDoubledIndex(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("root.pem");
    Files.writeString(pem, ExitCodeTest.pki().root().pem());

    CliRunner.Result list = CliRunner.run("sst", "list", pem.toString());
    CliRunner.Result verify = CliRunner.run("sst", "verify", pem.toString(), "--size-limit", "10");

    assertThat(list.out()).doesNotContain("null").contains("1 entry");
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).doesNotContain("#-1").doesNotContain(" -1 ").contains("1 finding");
    assertThat(verify.out()).contains("bytes is over the limit of 10 bytes (1 certificate)");
  }

  @Test
  void sstVerify_namesWithDisplayName(@TempDir Path dir) throws Exception {
    TestCertificate leaf =
        TestPki.create(3).selfSigned("carol@example.com").subjectEmail("carol@example.com").build();
    Path sst = dir.resolve("leaf.sst");
    Files.write(
        sst, SerializedStore.builder().add(leaf.certificate()).build().encode().toByteArray());

    CliRunner.Result r = CliRunner.run("sst", "verify", sst.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .doesNotContain("1.2.840.113549.1.9.1=#")
        .contains("E=carol@example.com")
        .contains("is not a CA");
  }

  private static String root() {
    return SstCommandsTest.ROOT.toString();
  }

  private static byte[] pkcs7(Path dir) throws Exception {
    Path out = dir.resolve("full.p7b");
    CliRunner.Result r =
        CliRunner.run("sst", "convert", root(), "--to", "p7b", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    byte[] b = Files.readAllBytes(out);
    Files.delete(out);
    return b;
  }

  private static Path write(Path dir, String name, byte[] data) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }
}
