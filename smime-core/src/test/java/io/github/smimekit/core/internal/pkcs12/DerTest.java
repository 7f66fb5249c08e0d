package io.github.smimekit.core.internal.pkcs12;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.SmimeFormatException;
import org.junit.jupiter.api.Test;

/** {@link Der}: the structural pre-check that gives damaged input a precise offset. */
final class DerTest {
  @Test
  void check_wellFormedDefiniteAndIndefinite_passes() {
    assertThatCode(() -> Der.check(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}, "x"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Der.check(new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x05, 0, 0}, "x"))
        .doesNotThrowAnyException();
  }

  @Test
  void check_lengthBeyondEnd_reportsOffsetOfElement() {
    assertThatThrownBy(() -> Der.check(new byte[] {0x30, 0x05, 0x04, 0x09, 1, 2, 3}, "x"))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("x: element at offset 2 declares 9 bytes but only 3 remain (truncated?)")
        .extracting(e -> ((SmimeFormatException) e).offset().getAsLong())
        .isEqualTo(2L);
  }

  @Test
  void check_trailingBytes_reportsOffset() {
    assertThatThrownBy(() -> Der.check(new byte[] {0x05, 0x00, 0x01}, "x"))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("1 unexpected bytes after the end at offset 2");
  }

  @Test
  void check_deepNesting_isRefused() {
    int depth = 200;
    byte[] data = new byte[depth * 2];
    for (int i = 0; i < depth; i++) {
      data[2 * i] = 0x30;
      data[2 * i + 1] = (byte) 0x80;
    }
    assertThatThrownBy(() -> Der.check(data, "x"))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("nesting deeper than");
  }

  @Test
  void check_hugeLengthField_isRefusedWithoutAllocating() {
    assertThatThrownBy(
            () ->
                Der.check(
                    new byte[] {0x04, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                    "x"))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("declares 2147483647 bytes");
  }
}
