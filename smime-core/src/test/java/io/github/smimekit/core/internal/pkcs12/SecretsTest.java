package io.github.smimekit.core.internal.pkcs12;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Password;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link Secrets}: the password encodings, in the order they are tried (RFC 7292 B.1 first). */
final class SecretsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void ascii_hasOnlyTheRfc7292Encoding() {
    try (Secrets s = new Secrets(Password.of("ab".toCharArray()))) {
      assertThat(s.bmpCount()).isEqualTo(1);
      assertThat(HEX.formatHex(s.bmp(0))).isEqualTo("006100620000");
      assertThat(HEX.formatHex(s.utf8())).isEqualTo("6162");
    }
  }

  @Test
  void empty_triesTwoZeroBytesThenZeroLength() {
    try (Secrets s = new Secrets(Password.empty())) {
      assertThat(s.bmpCount()).isEqualTo(2);
      assertThat(HEX.formatHex(s.bmp(0))).isEqualTo("0000");
      assertThat(s.bmp(1)).isEmpty();
      assertThat(s.utf8()).isEmpty();
    }
  }

  @Test
  void nonAscii_triesBmpThenWidenedUtf8() {
    try (Secrets s = new Secrets(Password.of("ä€".toCharArray()))) {
      assertThat(s.bmpCount()).isEqualTo(2);
      assertThat(HEX.formatHex(s.bmp(0))).isEqualTo("00e420ac0000");
      // UTF-8 c3 a4 e2 82 ac, each byte widened to a 16-bit character (OpenSSL < 1.1)
      assertThat(HEX.formatHex(s.bmp(1))).isEqualTo("00c300a400e2008200ac0000");
      assertThat(HEX.formatHex(s.utf8())).isEqualTo("c3a4e282ac");
    }
  }

  @Test
  void preferBmp_putsTheWorkingEncodingFirst() {
    try (Secrets s = new Secrets(Password.empty())) {
      s.preferBmp(1);
      assertThat(s.bmpOrder()).containsExactly(1, 0);
    }
  }

  @Test
  void close_wipesTheEncodings() {
    Secrets s = new Secrets(Password.of("pw".toCharArray()));
    byte[] bmp = s.bmp(0);
    byte[] utf8 = s.utf8();
    s.close();
    assertThat(bmp).containsOnly(0);
    assertThat(utf8).containsOnly(0);
  }
}
