package io.github.smimekit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

final class GeneratedStoreTest {

  @Test
  void encode_smallStore_exactBytes() {
    byte[] friendly = {'A', 0, 0, 0}; // "A" UTF-16LE + NUL
    byte[] cert = {0x30, 0x03, 0x02, 0x01, 0x05};
    byte[] crl = {0x30, 0x00};
    GeneratedStore store =
        GeneratedStore.of(
            List.of(
                GeneratedElement.of(11, friendly),
                GeneratedElement.of(0x8001, new byte[0]),
                GeneratedElement.of(32, cert),
                GeneratedElement.of(33, crl)));
    byte[] expected =
        HexFormat.of()
            .parseHex(
                "0000000043455254" // header: version 0, "CERT"
                    + "0b000000010000000400000041000000" // id 11, enc 1, len 4, "A\0"
                    + "018000000100000000000000" // user id 0x8001, enc 1, len 0
                    + "2000000001000000050000003003020105" // id 32 certificate, len 5
                    + "210000000100000002000000"
                    + "3000" // id 33 CRL, len 2
                    + "000000000000000000000000"); // end marker
    assertThat(store.encode()).isEqualTo(expected);
    assertThat(store.contexts()).extracting(GeneratedElement::id).containsExactly(32, 33);
    assertThat(store.propertiesOf(0)).extracting(GeneratedElement::id).containsExactly(11, 0x8001);
    assertThat(store.propertiesOf(1)).isEmpty();
    assertThatThrownBy(() -> store.propertiesOf(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void encode_emptyStore_headerAndEndMarker() {
    assertThat(GeneratedStore.of(List.of()).encode())
        .isEqualTo(new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  }

  @Test
  void element_value_isDefensiveCopy() {
    byte[] v = {1, 2, 3};
    GeneratedElement e = GeneratedElement.of(3, v);
    v[0] = 9;
    byte[] out = e.value();
    out[1] = 9;
    assertThat(e.value()).containsExactly(1, 2, 3);
    assertThat(e.encoding()).isEqualTo(1);
    assertThat(e.isContext()).isFalse();
    assertThat(e).isEqualTo(GeneratedElement.of(3, 1, new byte[] {1, 2, 3}));
    assertThat(e).isNotEqualTo(GeneratedElement.of(3, 2, new byte[] {1, 2, 3}));
  }
}
