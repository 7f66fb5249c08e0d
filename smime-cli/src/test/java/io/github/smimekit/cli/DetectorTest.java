package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One format detector: the same file gives the same certificate through every command. */
final class DetectorTest {
  @TempDir static Path dir;

  static byte[] rootDer() throws Exception {
    return Files.readAllBytes(SstCommandsTest.ROOT);
  }

  static String rootPem() throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(rootDer())
        + "\n-----END CERTIFICATE-----\n";
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** The variants: name and content. */
  static Stream<Object[]> variants() throws Exception {
    String pem = rootPem();
    byte[] trailing = new byte[64];
    new java.util.Random(7).nextBytes(trailing);
    return Stream.of(
        new Object[] {"der.cer", rootDer()},
        new Object[] {"plain.pem", pem.getBytes(StandardCharsets.US_ASCII)},
        new Object[] {
          "utf8-bom.pem", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, pem.getBytes())
        },
        new Object[] {"utf16be.pem", pem.getBytes(StandardCharsets.UTF_16BE)},
        new Object[] {"utf16be-bom.pem", pem.getBytes(StandardCharsets.UTF_16)},
        new Object[] {
          "utf16le-bom.pem",
          concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, pem.getBytes(StandardCharsets.UTF_16LE))
        },
        new Object[] {"pem-then-binary.pem", concat(pem.getBytes(), trailing)},
        new Object[] {"crlf.pem", pem.replace("\n", "\r\n").getBytes()});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void everyCommand_readsTheSameCertificate(String name, byte[] content) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    String sha1 = CertCommandsTest.hex("SHA-1", rootDer());

    List<String[]> commands =
        List.of(
            new String[] {"cert", "info", file.toString()},
            new String[] {"sst", "list", file.toString()},
            new String[] {"sst", "verify", file.toString()},
            new String[] {
              "sst", "create", "--force", "--out", dir.resolve(name + ".sst") + "", file + ""
            },
            new String[] {
              "sst",
              "convert",
              file.toString(),
              "--to",
              "der-dir",
              "--force",
              "--out",
              dir.resolve(name + ".d").toString()
            },
            new String[] {
              "chain", "build", "../samples/issuing-ca.cer", "--anchor", file.toString()
            },
            new String[] {
              "chain",
              "build",
              "../samples/alice.cer",
              "--pool",
              "../samples/issuing-ca.cer",
              "--anchor",
              file.toString()
            });
    for (String[] args : commands) {
      CliRunner.Result r = CliRunner.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
    }
    assertThat(CliRunner.run("cert", "info", file.toString()).out()).contains(sha1);
    assertThat(CliRunner.run("sst", "list", file.toString()).out()).contains(sha1);
    assertThat(CliRunner.run("sst", "list", dir.resolve(name + ".sst").toString()).out())
        .contains(sha1);
    assertThat(dir.resolve(name + ".d").resolve(sha1 + ".cer")).hasBinaryContent(rootDer());
  }
}
