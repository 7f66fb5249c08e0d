package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SstCommandsTest {
  static final Path ROOT = Path.of("../samples/root.cer");
  static final Path ISSUING_CA = Path.of("../samples/issuing-ca.cer");
  static final Path WINDOWS = SstdumpAgreementTest.TESTDATA.resolve("windows");
  private static final JsonMapper JSON = new JsonMapper();

  @Test
  void create_minimal_writesStoreWithoutProperties(@TempDir Path dir) throws Exception {
    Path sst = dir.resolve("chainOfTrust.sst");

    CliRunner.Result r =
        CliRunner.run(
            "sst", "create", "--out", sst.toString(), ROOT.toString(), ISSUING_CA.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    byte[] bytes = Files.readAllBytes(sst);
    assertThat(bytes).startsWith(0, 0, 0, 0, 'C', 'E', 'R', 'T');
    JsonNode list = JSON.readTree(CliRunner.run("sst", "list", "--json", sst.toString()).out());
    assertThat(list.get("format").asText()).isEqualTo("serialized store");
    assertThat(list.get("entries")).hasSize(2);
    assertThat(list.get("entries").get(0).get("properties")).isEmpty();
    assertThat(list.get("entries").get(0).get("sha1").asText())
        .isEqualTo(CertCommandsTest.hex("SHA-1", Files.readAllBytes(ROOT)));
    assertThat(CliRunner.run("sst", "verify", sst.toString()).exitCode()).isZero();
  }

  @Test
  void create_windowsProfile_writesCachedPropertiesThatVerify(@TempDir Path dir) throws Exception {
    Path sst = dir.resolve("windows.sst");

    CliRunner.Result r =
        CliRunner.run(
            "sst", "create", "--profile", "windows", "--out", sst.toString(), ROOT.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode entry =
        JSON.readTree(CliRunner.run("sst", "list", "--json", sst.toString()).out())
            .get("entries")
            .get(0);
    List<Integer> ids = new ArrayList<>();
    entry.get("properties").forEach(p -> ids.add(p.get("id").asInt()));
    assertThat(ids).containsExactly(107, 15, 20, 25, 92, 3);
    CliRunner.Result verify = CliRunner.run("sst", "verify", "--json", sst.toString());
    assertThat(verify.exitCode()).as(verify.out()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GeekDuanLian-windows-cert-sync__root.sst",
        "GeekDuanLian-windows-cert-sync__disallowedcert.sst",
        "GeekDuanLian-windows-cert-sync__pinrules.sst",
        "t0rik-winrootCAupdate__roots.sst",
        "JShimonov-AskSummoner__roots.sst"
      })
  void convert_windowsStoreToSst_byteIdentical(String name, @TempDir Path dir) throws Exception {
    Path in = WINDOWS.resolve(name);
    Path out = dir.resolve("copy.sst");

    CliRunner.Result r =
        CliRunner.run("sst", "convert", in.toString(), "--to", "sst", "--out", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
  }

  @Test
  void convert_throughPemP7bAndDerDir_keepsEveryCertificate(@TempDir Path dir) throws Exception {
    Path in = WINDOWS.resolve("GeekDuanLian-windows-cert-sync__pinrules.sst");
    List<String> original = sha1s(in);

    Path pem = dir.resolve("all.pem");
    Path p7b = dir.resolve("all.p7b");
    Path ders = dir.resolve("ders");
    Path back = dir.resolve("back.sst");
    assertThat(run("sst", "convert", in.toString(), "--to", "pem", "--out", pem.toString()))
        .isZero();
    assertThat(run("sst", "convert", pem.toString(), "--to", "p7b", "--out", p7b.toString()))
        .isZero();
    assertThat(run("sst", "convert", p7b.toString(), "--to", "der-dir", "--out", ders.toString()))
        .isZero();
    assertThat(run("sst", "convert", ders.toString(), "--to", "sst", "--out", back.toString()))
        .isZero();

    assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
    try (Stream<Path> s = Files.list(ders)) {
      assertThat(s.count()).isEqualTo(original.size());
    }
    assertThat(sha1s(back)).containsExactlyInAnyOrderElementsOf(original);
  }

  @Test
  void convert_badTarget_exit2(@TempDir Path dir) {
    assertThat(
            run(
                "sst",
                "convert",
                ROOT.toString(),
                "--to",
                "zip",
                "--out",
                dir.resolve("x").toString()))
        .isEqualTo(2);
  }

  @Test
  void verify_windowsRootStore_reportsSizeLimitAndExit1() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "sst",
            "verify",
            "--json",
            WINDOWS.resolve("GeekDuanLian-windows-cert-sync__root.sst").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode findings = JSON.readTree(r.out()).get("findings");
    List<String> codes = new ArrayList<>();
    findings.forEach(f -> codes.add(f.get("code").asText()));
    assertThat(codes).contains("SIZE_LIMIT_EXCEEDED").doesNotContain("HASH_MISMATCH");
  }

  @Test
  void verify_leafInStore_reportsNotACa(@TempDir Path dir) throws Exception {
    Path sst = dir.resolve("mixed.sst");
    assertThat(
            run(
                "sst",
                "create",
                "--out",
                sst.toString(),
                ROOT.toString(),
                CertCommandsTest.ALICE.toString()))
        .isZero();

    CliRunner.Result r = CliRunner.run("sst", "verify", sst.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("NOT_A_CA");
  }

  @Test
  void verify_afterExpiry_reportsExpired(@TempDir Path dir) throws Exception {
    Path sst = dir.resolve("ca.sst");
    assertThat(run("sst", "create", "--out", sst.toString(), ISSUING_CA.toString())).isZero();

    CliRunner.Result r = CliRunner.run("sst", "verify", "--at", "2040-01-01", sst.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("EXPIRED");
  }

  @Test
  void list_sstableNamedSst_exit3SaysNotAStore() {
    CliRunner.Result r =
        CliRunner.run(
            "sst",
            "list",
            SstdumpAgreementTest.TESTDATA
                .resolve("not-sst/DobrinGanev-SSTable__test.sst")
                .toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("not a certificate store");
  }

  private static int run(String... args) {
    return CliRunner.run(args).exitCode();
  }

  private static List<String> sha1s(Path store) throws Exception {
    CliRunner.Result r = CliRunner.run("sst", "list", "--json", store.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> out = new ArrayList<>();
    JSON.readTree(r.out()).get("entries").forEach(e -> out.add(e.get("sha1").asText()));
    return out;
  }
}
