package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.PropertyId;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProperty;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store as a personal-store export writes it: the certificate with KEY_PROV_INFO (2, a
 * CRYPT_KEY_PROV_INFO in the offset layout of spec section 3), KEY_SPEC (6) and a friendly name. It
 * round-trips byte for byte, {@code tools/sstdump.py} sees the same elements, and {@code
 * --strip-key-links} removes exactly the key links.
 */
final class KeyLinkStoreTest {
  private static final JsonMapper JSON = new JsonMapper();

  /** CRYPT_KEY_PROV_INFO with offsets: 7 u32, then the two UTF-16LE NUL-terminated names. */
  static byte[] keyProvInfo(String container, String provider) {
    byte[] c = (container + "\0").getBytes(StandardCharsets.UTF_16LE);
    byte[] p = (provider + "\0").getBytes(StandardCharsets.UTF_16LE);
    ByteBuffer b = ByteBuffer.allocate(28 + c.length + p.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(28); // container name offset
    b.putInt(28 + c.length); // provider name offset
    b.putInt(24); // PROV_RSA_AES
    b.putInt(0); // flags
    b.putInt(0); // cProvParam
    b.putInt(0); // rgProvParam offset (absent)
    b.putInt(1); // AT_KEYEXCHANGE
    b.put(c).put(p);
    return b.array();
  }

  private static byte[] element(int id, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(12 + value.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(id).putInt(1).putInt(value.length).put(value);
    return b.array();
  }

  static byte[] personalStore(byte[] certificate) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T'});
    out.writeBytes(
        element(
            2,
            keyProvInfo(
                "te-8d1f0e2c-5c1a-4b7e", "Microsoft Enhanced RSA and AES Cryptographic Provider")));
    out.writeBytes(element(6, new byte[] {1, 0, 0, 0}));
    out.writeBytes(element(11, "Alice\0".getBytes(StandardCharsets.UTF_16LE)));
    out.writeBytes(element(32, certificate));
    out.writeBytes(new byte[12]);
    return out.toByteArray();
  }

  @Test
  void personalStore_roundTripsByteExactAndStripRemovesOnlyKeyLinks(@TempDir Path dir)
      throws Exception {
    byte[] cert = Files.readAllBytes(SstCommandsTest.ROOT);
    byte[] data = personalStore(cert);
    Path in = dir.resolve("personal.sst");
    Files.write(in, data);

    SerializedStore store = SerializedStore.read(Bytes.copyOf(data));
    assertThat(store.warnings()).isEmpty();
    assertThat(store.entries().get(0).properties())
        .extracting(StoreProperty::id)
        .containsExactly(2, 6, 11);
    assertThat(store.entries().get(0).properties().get(0).knownId())
        .hasValue(PropertyId.KEY_PROV_INFO);
    assertThat(store.encode().toByteArray()).isEqualTo(data);

    Path same = dir.resolve("same.sst");
    CliRunner.Result r =
        CliRunner.run("sst", "convert", in.toString(), "--to", "sst", "--out", same.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("KEY_PROV_INFO").doesNotContain("dropped");
    assertThat(Files.readAllBytes(same)).isEqualTo(data);

    Path stripped = dir.resolve("stripped.sst");
    r =
        CliRunner.run(
            "sst",
            "convert",
            in.toString(),
            "--to",
            "sst",
            "--strip-key-links",
            "--out",
            stripped.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T'});
    expected.writeBytes(element(11, "Alice\0".getBytes(StandardCharsets.UTF_16LE)));
    expected.writeBytes(element(32, cert));
    expected.writeBytes(new byte[12]);
    assertThat(Files.readAllBytes(stripped)).isEqualTo(expected.toByteArray());
    assertThat(store.withoutKeyLinks().encode().toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(store.withoutKeyLinks().hasKeyLinks()).isFalse();
  }

  @Test
  void personalStore_sstdumpAgrees(@TempDir Path dir) throws Exception {
    assumeTrue(
        SstdumpAgreementTest.pythonWithCryptography(),
        "python3 with the cryptography package is needed");
    Path in = dir.resolve("personal.sst");
    Files.write(in, personalStore(Files.readAllBytes(SstCommandsTest.ROOT)));

    CliRunner.Result r = CliRunner.run("sst", "list", "--json", in.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> ours = SstdumpAgreementTest.elements(JSON.readTree(r.out()));
    String dump = SstdumpAgreementTest.sstdump(in);
    assertThat(ours).isEqualTo(SstdumpAgreementTest.dumpElements(dump));
    assertThat(ours).hasSize(4);
    JsonNode listed = JSON.readTree(r.out()).get("entries").get(0).get("properties");
    List<Integer> ids = new ArrayList<>();
    listed.forEach(p -> ids.add(p.get("id").asInt()));
    assertThat(ids).containsExactly(2, 6, 11);
  }
}
