package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreEntry;
import io.github.smimekit.sst.StoreProperty;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code smime sst verify} prints and returns, whichever module decides the Exchange rules:
 * the finding codes and their order, the JSON fields, the entry each finding names, the summary
 * line and the exit codes.
 */
final class SstVerifyContractTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final TestPki PKI = TestPki.create(8_0808L);
  private static final TestCertificate ROOT = PKI.rootCa("Verify Root").build();
  private static final String AT = "2026-06-01";
  private static final byte[] NOT_A_CERTIFICATE = {0x30, 0x03, 0x02, 0x01, 0x01};

  /** Root with a wrong SHA-1 property, a leaf, an expired CA, an undecodable entry. */
  private static SerializedStore everyFinding() {
    TestCertificate leaf = PKI.leaf(ROOT).email("verify@example.com").build();
    TestCertificate expired = PKI.intermediateCa("Verify Expired CA", ROOT).expired().build();
    StoreEntry root =
        StoreEntry.certificate(ROOT.certificate())
            .withProperty(StoreProperty.of(3, Bytes.copyOf(new byte[20])));
    return SerializedStore.builder()
        .add(root)
        .add(leaf.certificate())
        .add(expired.certificate())
        .add(StoreEntry.certificate(Bytes.copyOf(NOT_A_CERTIFICATE)))
        .build();
  }

  private static Path write(Path dir, String name, SerializedStore store) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, store.encode().toByteArray());
    return p;
  }

  @Test
  void json_everyKindOfFinding_codesEntriesOffsetsAndExit1(@TempDir Path dir) throws Exception {
    SerializedStore store = everyFinding();
    Path sst = write(dir, "all.sst", store);
    SerializedStore read = SerializedStore.read(sst);

    CliRunner.Result r =
        CliRunner.run("sst", "verify", "--json", "--at", AT, "--size-limit", "100", sst.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("file").asText()).isEqualTo(sst.toString());
    assertThat(doc.get("entries").asInt()).isEqualTo(4);
    assertThat(doc.get("size").asLong()).isEqualTo(Files.size(sst));
    assertThat(doc.get("sizeLimit").asLong()).isEqualTo(100);
    List<String> codes = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    for (JsonNode f : doc.get("findings")) {
      codes.add(f.get("code").asText());
      entries.add(f.get("entry").isNull() ? "-" : f.get("entry").asText());
      List<String> fields = new ArrayList<>();
      f.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .containsExactly("code", "entry", "offset", "sha1", "propertyId", "message");
      if (!f.get("entry").isNull()) {
        StoreEntry e = read.entries().get(f.get("entry").asInt());
        assertThat(f.get("offset").asLong()).isEqualTo(e.offset().orElseThrow());
        assertThat(f.get("sha1").asText()).isEqualTo(e.sha1().hex());
        assertThat(f.get("message").asText())
            .startsWith(
                "entry #" + f.get("entry").asInt() + " at offset " + e.offset().getAsLong());
      } else {
        assertThat(f.get("offset").isNull()).isTrue();
        assertThat(f.get("sha1").isNull()).isTrue();
      }
    }
    assertThat(codes)
        .containsExactly(
            "HASH_MISMATCH",
            "NOT_A_CA",
            "EXPIRED",
            "UNDECODABLE_CERTIFICATE",
            "SIZE_LIMIT_EXCEEDED");
    assertThat(entries).containsExactly("0", "1", "2", "3", "-");
    assertThat(doc.get("findings").get(0).get("propertyId").asInt()).isEqualTo(3);
    assertThat(doc.get("findings").get(1).get("propertyId").isNull()).isTrue();
    assertThat(doc.get("findings").get(1).get("message").asText()).contains("is not a CA");
    assertThat(doc.get("findings").get(2).get("message").asText()).contains("Verify Expired CA");
    assertThat(doc.get("findings").get(4).get("message").asText())
        .contains(Files.size(sst) + " bytes")
        .contains("over the limit of 100 bytes");
  }

  @Test
  void text_everyKindOfFinding_oneLinePerFindingThenSummary(@TempDir Path dir) throws Exception {
    Path sst = write(dir, "all.sst", everyFinding());

    CliRunner.Result r =
        CliRunner.run("sst", "verify", "--at", AT, "--size-limit", "100", sst.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).startsWith("HASH_MISMATCH ");
    assertThat(lines.get(1)).startsWith("NOT_A_CA ");
    assertThat(lines.get(2)).startsWith("EXPIRED ");
    assertThat(lines.get(3)).startsWith("UNDECODABLE_CERTIFICATE ");
    assertThat(lines.get(4)).startsWith("SIZE_LIMIT_EXCEEDED ");
    assertThat(lines.get(5))
        .isEqualTo(sst + ": 4 entries, " + Files.size(sst) + " bytes, 5 findings");
  }

  @Test
  void validStore_noFindingExit0(@TempDir Path dir) throws Exception {
    Path sst = write(dir, "ok.sst", SerializedStore.builder().add(ROOT.certificate()).build());

    CliRunner.Result r = CliRunner.run("sst", "verify", "--at", AT, sst.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEqualTo(sst + ": 1 entry, " + Files.size(sst) + " bytes, 0 findings\n");
  }

  @Test
  void sizeLimitBelowAnEmptyStore_stillAFinding(@TempDir Path dir) throws Exception {
    Path sst = write(dir, "empty.sst", SerializedStore.empty());

    CliRunner.Result r =
        CliRunner.run("sst", "verify", "--json", "--size-limit", "1", sst.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(JSON.readTree(r.out()).get("findings").get(0).get("code").asText())
        .isEqualTo("SIZE_LIMIT_EXCEEDED");
  }

  @Test
  void manyUndecodableEntries_foldedIntoOneFinding(@TempDir Path dir) throws Exception {
    SerializedStore.Builder b = SerializedStore.builder();
    for (int i = 0; i < 30; i++) {
      b.add(StoreEntry.certificate(Bytes.copyOf(new byte[] {0x30, 0x03, 0x02, 0x01, (byte) i})));
    }
    Path sst = write(dir, "bad.sst", b.build());

    CliRunner.Result r = CliRunner.run("sst", "verify", "--json", sst.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode findings = JSON.readTree(r.out()).get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("code").asText()).isEqualTo("UNDECODABLE_CERTIFICATE");
    assertThat(findings.get(0).get("entry").asInt()).isZero();
    assertThat(findings.get(0).get("message").asText())
        .startsWith("30 findings of this kind (first at entries #0, #1, #2, #3, #4, ...)");
  }

  @Test
  void notAStore_exit3() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "sst",
            "verify",
            SstdumpAgreementTest.TESTDATA
                .resolve("not-sst/DobrinGanev-SSTable__test.sst")
                .toString());

    assertThat(r.exitCode()).isEqualTo(3);
  }
}
