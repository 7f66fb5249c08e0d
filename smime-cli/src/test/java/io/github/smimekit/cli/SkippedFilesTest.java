package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every directory read reports the files it skipped and why; none is dropped silently. */
final class SkippedFilesTest {
  private static final JsonMapper JSON = new JsonMapper();

  /** A folder with the issuing CA and four files that hold no certificate. */
  static Path mixedFolder(Path dir) throws Exception {
    Path pool = Files.createDirectories(dir.resolve("pool"));
    Files.copy(Path.of("../samples/issuing-ca.cer"), pool.resolve("issuing-ca.cer"));
    Files.writeString(pool.resolve("README"), "CA certificates of Contoso\n");
    Files.copy(P12CommandsTest.ALICE_P12, pool.resolve("alice.p12"));
    byte[] root = Files.readAllBytes(SstCommandsTest.ROOT);
    Files.write(pool.resolve("truncated.cer"), java.util.Arrays.copyOf(root, 100));
    Files.writeString(pool.resolve(".hidden.cer"), "x");
    return pool;
  }

  static List<String> names(JsonNode skipped) {
    List<String> n = new ArrayList<>();
    skipped.forEach(s -> n.add(Path.of(s.get("file").asText()).getFileName().toString()));
    return n;
  }

  @Test
  void chainBuild_poolFolder_reportsSkippedOnStderrInText(@TempDir Path dir) throws Exception {
    Path pool = mixedFolder(dir);

    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            CertCommandsTest.ALICE.toString(),
            "--pool",
            pool.toString(),
            "--anchor",
            SstCommandsTest.ROOT.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines()).hasSize(4).allMatch(l -> l.startsWith("smime: skipped " + pool));
    assertThat(r.err())
        .contains("README: not a certificate")
        .contains("alice.p12: this is a PKCS#12")
        .contains("truncated.cer: truncated DER")
        .contains(".hidden.cer: hidden file");
  }

  @Test
  void chainBuild_poolFolder_json_hasSkippedArray(@TempDir Path dir) throws Exception {
    Path pool = mixedFolder(dir);

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
    assertThat(r.err()).isEmpty();
    JsonNode skipped = JSON.readTree(r.out()).get("skipped");
    assertThat(names(skipped))
        .containsExactlyInAnyOrder(".hidden.cer", "README", "alice.p12", "truncated.cer");
    skipped.forEach(s -> assertThat(s.get("reason").asText()).isNotBlank());
  }

  @Test
  void chainBuild_anchorFolder_reportsSkippedToo(@TempDir Path dir) throws Exception {
    Path anchors = mixedFolder(dir);
    Files.copy(SstCommandsTest.ROOT, anchors.resolve("root.cer"));

    CliRunner.Result r =
        CliRunner.run(
            "chain", "build", CertCommandsTest.ALICE.toString(), "--anchor", anchors.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("smime: skipped " + anchors.resolve("README"));
  }

  @Test
  void chainBuild_poolOfJunk_saysSoExit3(@TempDir Path dir) throws Exception {
    Path junk = Files.createDirectories(dir.resolve("junk"));
    Files.writeString(junk.resolve("README.md"), "# nothing here\n");
    Files.write(junk.resolve("data.bin"), new byte[] {1, 2, 3});

    CliRunner.Result r =
        CliRunner.run("chain", "build", CertCommandsTest.ALICE.toString(), "--pool", junk + "");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("smime: directory " + junk + ": no certificate in any of its 2 files")
        .contains("README.md")
        .contains("data.bin");
  }

  @Test
  void sstConvert_folder_treatedLikeAPool(@TempDir Path dir) throws Exception {
    Path pool = mixedFolder(dir);
    Path out = dir.resolve("out.sst");

    CliRunner.Result text =
        CliRunner.run("sst", "convert", pool.toString(), "--to", "sst", "--out", out.toString());
    CliRunner.Result json =
        CliRunner.run(
            "sst",
            "convert",
            pool.toString(),
            "--to",
            "sst",
            "--out",
            out.toString(),
            "--force",
            "--json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.err().lines().filter(l -> l.startsWith("smime: skipped "))).hasSize(4);
    assertThat(text.out()).contains("1 entry, 1 certificate");
    assertThat(names(JSON.readTree(json.out()).get("skipped"))).hasSize(4);
  }

  @Test
  void sstCreate_folder_reportsSkipped(@TempDir Path dir) throws Exception {
    Path pool = mixedFolder(dir);

    CliRunner.Result r =
        CliRunner.run("sst", "create", "--out", dir.resolve("c.sst").toString(), pool.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> l.startsWith("smime: skipped "))).hasSize(4);
  }

  @Test
  void sstConvert_crlsAndCtls_namedWhenTheTargetCannotHoldThem(@TempDir Path dir) throws Exception {
    ExitCodeTest.Keys k = ExitCodeTest.pki();
    Path sst = dir.resolve("with-crl.sst");
    Files.write(
        sst,
        io.github.smimekit.sst.SerializedStore.builder()
            .add(k.root().certificate())
            .add(k.pki().crl(k.root()))
            .build()
            .encode()
            .toByteArray());

    CliRunner.Result r =
        CliRunner.run(
            "sst", "convert", sst.toString(), "--to", "p7b", "--out", dir.resolve("o.p7b") + "");
    CliRunner.Result json =
        CliRunner.run(
            "sst",
            "convert",
            sst.toString(),
            "--to",
            "p7b",
            "--out",
            dir.resolve("o.p7b") + "",
            "--force",
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("p7b cannot hold entry #1 (a CRL, SHA-1 ");
    assertThat(JSON.readTree(json.out()).get("dropped").get(0).asText())
        .startsWith("entry #1 (a CRL");
  }
}
