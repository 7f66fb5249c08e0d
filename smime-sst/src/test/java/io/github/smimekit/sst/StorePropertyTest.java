package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed values of properties (spec section 3). */
final class StorePropertyTest {

  @Test
  void friendlyName_isUtf16LeWithNul() {
    StoreProperty p = StoreProperty.friendlyName("WineTest");

    assertThat(p.id()).isEqualTo(11);
    assertThat(p.value()).isEqualTo(Bytes.fromHex("570069006E0065005400650073007400" + "0000"));
    assertThat(p.utf16Text()).isEqualTo("WineTest");
    assertThat(StoreProperty.of(13, Bytes.fromHex("4100")).utf16Text()).isEqualTo("A");
  }

  @Test
  void utf16Text_oddLength_throwsMalformedValue() {
    assertThatThrownBy(() -> StoreProperty.of(11, Bytes.fromHex("41")).utf16Text())
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.problem()).isEqualTo(SstProblem.MALFORMED_PROPERTY_VALUE));
  }

  @Test
  void fileTime_roundTripsAndEmptyMeansAbsent() {
    Instant t = Instant.parse("2023-04-05T06:07:08.1234567Z");
    StoreProperty p = StoreProperty.fileTime(PropertyId.NOT_BEFORE_FILETIME, t);

    assertThat(p.length()).isEqualTo(8);
    assertThat(p.fileTime()).hasValue(t);
    assertThat(StoreProperty.of(126, Bytes.EMPTY).fileTime()).isEmpty();
    // 0 = 1601-01-01
    assertThat(StoreProperty.of(104, Bytes.copyOf(new byte[8])).fileTime())
        .hasValue(Instant.parse("1601-01-01T00:00:00Z"));
    assertThatThrownBy(() -> StoreProperty.of(104, Bytes.fromHex("010203")).fileTime())
        .isInstanceOf(SstFormatException.class);
  }

  @Test
  void u32_littleEndian() {
    assertThat(StoreProperty.u32(PropertyId.SUBJECT_PUB_KEY_BIT_LENGTH, 2048).value())
        .isEqualTo(Bytes.fromHex("00080000"));
    assertThat(StoreProperty.of(92, Bytes.fromHex("FFFFFFFF")).u32()).isEqualTo(0xFFFFFFFFL);
    assertThatThrownBy(() -> StoreProperty.of(92, Bytes.fromHex("01")).u32())
        .isInstanceOf(SstFormatException.class);
  }

  @Test
  void oids_encodeAndDecodeDerSequence() {
    List<String> oids = List.of("1.3.6.1.5.5.7.3.4", "1.3.6.1.4.1.311.10.3.12", "2.999.1");
    StoreProperty p = StoreProperty.enhancedKeyUsage(oids);

    assertThat(p.value().hex()).startsWith("30");
    assertThat(p.oids()).isEqualTo(oids);
    assertThat(StoreProperty.of(9, Bytes.fromHex("300A06082B06010505070304")).oids())
        .containsExactly("1.3.6.1.5.5.7.3.4");
    assertThatThrownBy(() -> StoreProperty.of(9, Bytes.fromHex("3003020100")).oids())
        .isInstanceOf(SstFormatException.class);
    assertThatThrownBy(() -> StoreProperty.enhancedKeyUsage(List.of("x.y")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 32, 33, 34, 0x10000, -1})
  void of_forbiddenId_throwsIllegalArgument(int id) {
    assertThatThrownBy(() -> StoreProperty.of(id, Bytes.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void propertyId_codesAndNames() {
    assertThat(PropertyId.fromCode(11)).hasValue(PropertyId.FRIENDLY_NAME);
    assertThat(PropertyId.fromCode(31)).isEmpty();
    assertThat(PropertyId.fromCode(0x8000)).isEmpty();
    assertThat(PropertyId.nameOf(0x8000)).isEqualTo("USER_PROP");
    assertThat(PropertyId.nameOf(200)).isEqualTo("UNKNOWN");
    assertThat(PropertyId.KEY_PROV_INFO.isKeyLink()).isTrue();
    assertThat(PropertyId.SHA1_HASH.isKeyLink()).isFalse();
    for (PropertyId p : PropertyId.values()) {
      assertThat(PropertyId.fromCode(p.code())).hasValue(p);
    }
    assertThat(ContextType.fromCode(33)).hasValue(ContextType.CRL);
    assertThat(ContextType.fromCode(35)).isEmpty();
  }

  @Test
  void equality_ignoresWhereRead() {
    assertThat(StoreProperty.of(3, Bytes.fromHex("01")))
        .isEqualTo(StoreProperty.of(3, Bytes.fromHex("01")))
        .hasSameHashCodeAs(StoreProperty.of(3, Bytes.fromHex("01")))
        .isNotEqualTo(StoreProperty.of(4, Bytes.fromHex("01")));
    assertThat(StoreProperty.of(3, Bytes.fromHex("01")).toString()).contains("SHA1_HASH");
  }
}
