package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ChainCommandsTest {
  private static final JsonMapper JSON = new JsonMapper();
  static final Path ALICE = CertCommandsTest.ALICE;
  static final Path ISSUING_CA = SstCommandsTest.ISSUING_CA;
  static final Path ROOT = SstCommandsTest.ROOT;

  @Test
  void build_samplePki_chainLeafToRoot() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            ALICE.toString(),
            "--pool",
            ISSUING_CA.toString(),
            "--anchor",
            ROOT.toString(),
            "--json");

    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    JsonNode chain = doc.get("chain");
    assertThat(chain).hasSize(3);
    assertThat(chain.get(0).get("sha1").asText())
        .isEqualTo(CertCommandsTest.hex("SHA-1", Files.readAllBytes(ALICE)));
    assertThat(chain.get(1).get("subject").asText()).contains("Contoso Demo Issuing CA");
    assertThat(chain.get(2).get("sha1").asText())
        .isEqualTo(CertCommandsTest.hex("SHA-1", Files.readAllBytes(ROOT)));
    assertThat(doc.get("anchored").asBoolean()).isTrue();
  }

  @Test
  void build_poolFromSstStore_usesTheStore(@TempDir Path dir) throws Exception {
    Path sst = dir.resolve("pool.sst");
    assertThat(
            CliRunner.run(
                    "sst",
                    "create",
                    "--out",
                    sst.toString(),
                    ISSUING_CA.toString(),
                    ROOT.toString())
                .exitCode())
        .isZero();

    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            ALICE.toString(),
            "--pool",
            sst.toString(),
            "--anchor",
            ROOT.toString());

    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("Contoso Demo Issuing CA").contains("anchored");
  }

  @Test
  void build_missingIntermediate_exit1NamesIssuer() throws Exception {
    CliRunner.Result r =
        CliRunner.run("chain", "build", ALICE.toString(), "--anchor", ROOT.toString(), "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("status").asText()).isEqualTo("ISSUER_NOT_FOUND");
    assertThat(doc.get("reason").asText()).contains("Contoso Demo Issuing CA");
  }

  @Test
  void build_afterExpiry_exit1() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            ALICE.toString(),
            "--pool",
            ISSUING_CA.toString(),
            "--anchor",
            ROOT.toString(),
            "--at",
            "2045-01-01T00:00:00Z",
            "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(r.out()).get("status").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void build_leafNotACertificate_exit3(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk");
    Files.writeString(junk, "hello");

    assertThat(CliRunner.run("chain", "build", junk.toString()).exitCode()).isEqualTo(3);
  }
}
