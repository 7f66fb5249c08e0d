package io.github.smimekit.sst.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nesting bound checked before bytes reach a recursive decoder. */
final class DerDepthTest {

  private static byte[] nested(int levels, int tag) {
    byte[] inner = {0x05, 0x00};
    for (int i = 0; i < levels; i++) {
      inner = tlv(tag, inner);
    }
    return inner;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void realCertificates_pass(long seed) {
    TestPki pki = TestPki.create(seed);
    var root = pki.rootCa("Depth Root").build();
    var leaf = pki.leaf(pki.intermediateCa("Depth CA", root).build()).email("a@b.example").build();

    assertThat(DerDepth.problem(root.der())).isNull();
    assertThat(DerDepth.problem(leaf.der())).isNull();
  }

  @Test
  void definiteNesting_64Passes_65Refused() {
    assertThat(DerDepth.problem(nested(64, 0x30))).isNull();
    assertThat(DerDepth.problem(nested(65, 0x30)))
        .isEqualTo("DER nested deeper than 64 levels at offset 130");
  }

  @Test
  void indefiniteNesting_counted() {
    byte[] ok = new byte[64 * 4];
    byte[] deep = new byte[65 * 4];
    for (int i = 0; i < 65; i++) {
      deep[2 * i] = 0x30;
      deep[2 * i + 1] = (byte) 0x80;
      if (i < 64) {
        ok[2 * i] = 0x30;
        ok[2 * i + 1] = (byte) 0x80;
      }
    }
    assertThat(DerDepth.problem(ok)).isNull();
    assertThat(DerDepth.problem(deep)).contains("nested deeper than 64 levels");
    assertThat(DerDepth.problem(new byte[] {0x30, (byte) 0x80, 0x05, 0x00}))
        .isEqualTo("DER truncated at offset 4");
  }

  @Test
  void nestingInsideOctetString_counted() {
    byte[] hidden = tlv(0x30, tlv(0x04, nested(64, 0x30)));

    assertThat(DerDepth.problem(hidden)).contains("nested deeper than 64 levels");
    assertThat(DerDepth.problem(tlv(0x30, tlv(0x04, new byte[] {0x30, 0x7F, 1})))).isNull();
  }

  @Test
  void malformedFraming_reported() {
    assertThat(DerDepth.problem(new byte[] {0x30, 0x05, 0x01})).contains("overruns");
    assertThat(DerDepth.problem(new byte[] {0x04, (byte) 0x80})).contains("indefinite length");
  }

  @Test
  void textEncodings_decodedBeforeTheCheck() {
    String b64 = Base64.getMimeEncoder().encodeToString(nested(100, 0x30));
    String pem = "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";

    assertThat(DerDepth.problemInAnyEncoding(pem.getBytes(StandardCharsets.US_ASCII)))
        .contains("nested deeper");
    assertThat(DerDepth.problemInAnyEncoding(pem.getBytes(StandardCharsets.UTF_16LE)))
        .contains("nested deeper");
    assertThat(DerDepth.problemInAnyEncoding(b64.getBytes(StandardCharsets.US_ASCII)))
        .contains("nested deeper");
    assertThat(DerDepth.problemInAnyEncoding("hello".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
