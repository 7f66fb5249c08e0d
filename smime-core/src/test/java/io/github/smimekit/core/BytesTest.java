package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class BytesTest {

  // ---- copy in, copy out ----

  @Test
  void copyOf_sourceMutatedAfterwards_valueUnchanged() {
    byte[] source = {1, 2, 3};
    Bytes bytes = Bytes.copyOf(source);

    source[0] = 99;

    assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void of_varargsArrayMutatedAfterwards_valueUnchanged() {
    byte[] source = {4, 5};
    Bytes bytes = Bytes.of(source);

    source[1] = 0;

    assertThat(bytes.byteAt(1)).isEqualTo((byte) 5);
  }

  @Test
  void copyOfRange_sourceMutatedAfterwards_valueUnchangedAndRangeRespected() {
    byte[] source = {0, 1, 2, 3, 4, 5};
    Bytes bytes = Bytes.copyOf(source, 2, 3);

    Arrays.fill(source, (byte) 7);

    assertThat(bytes.toByteArray()).containsExactly(2, 3, 4);
  }

  @Test
  void copyOfRange_outOfBounds_throwsIndexOutOfBounds() {
    byte[] source = new byte[4];

    assertThatThrownBy(() -> Bytes.copyOf(source, 3, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.copyOf(source, -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.copyOf(source, 0, -1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void copyOfBuffer_positionUntouchedAndLaterWritesInvisible() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 8, 7, 6});
    buffer.position(1);

    Bytes bytes = Bytes.copyOf(buffer);
    buffer.put(1, (byte) 0);

    assertThat(buffer.position()).isEqualTo(1);
    assertThat(bytes.toByteArray()).containsExactly(8, 7, 6);
  }

  @Test
  void toByteArray_returnedArrayMutated_valueUnchanged() {
    Bytes bytes = Bytes.of((byte) 1, (byte) 2);

    byte[] out = bytes.toByteArray();
    out[0] = 42;

    assertThat(bytes.toByteArray()).containsExactly(1, 2);
    assertThat(bytes.toByteArray()).isNotSameAs(bytes.toByteArray());
  }

  @Test
  void asReadOnlyBuffer_isReadOnlyAndHasNoAccessibleArray() {
    Bytes bytes = Bytes.of((byte) 1, (byte) 2, (byte) 3);

    ByteBuffer view = bytes.asReadOnlyBuffer();

    assertThat(view.isReadOnly()).isTrue();
    assertThat(view.hasArray()).isFalse();
    assertThat(view.remaining()).isEqualTo(3);
    assertThatThrownBy(() -> view.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
    assertThatThrownBy(view::array).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void asReadOnlyBuffer_consumingTheView_doesNotAffectLaterViews() {
    Bytes bytes = Bytes.of((byte) 1, (byte) 2);

    bytes.asReadOnlyBuffer().get(new byte[2]);

    assertThat(bytes.asReadOnlyBuffer().remaining()).isEqualTo(2);
  }

  @Test
  void write_outputStreamThatScribblesOnItsArgument_valueUnchanged() throws IOException {
    Bytes bytes = Bytes.fromHex("0102030405");
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    bytes.write(new ScribblingOutputStream(copy));

    assertThat(copy.toByteArray()).containsExactly(1, 2, 3, 4, 5);
    assertThat(bytes).isEqualTo(Bytes.fromHex("0102030405"));
  }

  @Test
  void newInputStream_transferToScribblingStream_valueUnchanged() throws IOException {
    Bytes bytes = Bytes.fromHex("0A0B0C");
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    try (InputStream in = bytes.newInputStream()) {
      in.transferTo(new ScribblingOutputStream(copy));
    }

    assertThat(copy.toByteArray()).containsExactly(0x0A, 0x0B, 0x0C);
    assertThat(bytes).isEqualTo(Bytes.fromHex("0A0B0C"));
  }

  @Test
  void newInputStream_partlyReadThenTransferManyChunks_restArrivesAndValueUnchanged()
      throws IOException {
    byte[] data = randomBytes(3, 20_000);
    Bytes bytes = Bytes.copyOf(data);
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    long transferred;
    try (InputStream in = bytes.newInputStream()) {
      assertThat(in.read()).isEqualTo(data[0] & 0xFF);
      transferred = in.transferTo(new ScribblingOutputStream(copy));
      assertThat(in.read()).isEqualTo(-1);
    }

    assertThat(transferred).isEqualTo(data.length - 1);
    assertThat(copy.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 1, data.length));
    assertThat(bytes.toByteArray()).isEqualTo(data);
  }

  @Test
  void newInputStream_readsAllBytesEachTime() throws IOException {
    Bytes bytes = Bytes.fromHex("CAFEBABE");

    try (InputStream first = bytes.newInputStream();
        InputStream second = bytes.newInputStream()) {
      assertThat(first.readAllBytes()).isEqualTo(bytes.toByteArray());
      assertThat(second.readAllBytes()).isEqualTo(bytes.toByteArray());
    }
  }

  @Test
  void write_largeValueToScribblingStream_writesEveryByteInOrderAndValueUnchanged()
      throws IOException {
    byte[] data = randomBytes(7, 100_000);
    Bytes bytes = Bytes.copyOf(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    bytes.write(new ScribblingOutputStream(out));

    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(bytes.toByteArray()).isEqualTo(data);
  }

  // ---- equals, hashCode, compareTo ----

  @Test
  void equals_sameContentDifferentInstances_equalWithSameHashCode() {
    Bytes a = Bytes.fromHex("00ff10");
    Bytes b = Bytes.of((byte) 0, (byte) 0xff, (byte) 0x10);

    assertThat(a).isEqualTo(b).isNotSameAs(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a.hashCode()).isEqualTo(a.hashCode());
  }

  @Test
  void equals_differentContentOrLengthOrType_notEqual() {
    Bytes a = Bytes.fromHex("0102");

    assertThat(a).isNotEqualTo(Bytes.fromHex("0103"));
    assertThat(a).isNotEqualTo(Bytes.fromHex("010200"));
    assertThat(a).isNotEqualTo(Bytes.fromHex("01"));
    assertThat(a.equals(null)).isFalse();
    assertThat(a.equals((Object) new byte[] {1, 2})).isFalse();
  }

  @Test
  void empty_allWaysOfMakingIt_equalEmpty() throws IOException {
    assertThat(Bytes.copyOf(new byte[0])).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.of()).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.fromHex("")).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.copyOf(ByteBuffer.allocate(0))).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.read(new ByteArrayInputStream(new byte[0]), 10)).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.fromHex("0102").slice(1, 1)).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.EMPTY.isEmpty()).isTrue();
    assertThat(Bytes.EMPTY.size()).isZero();
    assertThat(Bytes.EMPTY.hashCode()).isEqualTo(Bytes.fromHex("").hashCode());
  }

  @ParameterizedTest
  @CsvSource({
    "'', '', 0",
    "'', 00, -1",
    "00, '', 1",
    "7F, 80, -1", // unsigned: 0x80 is 128, not -128
    "FF, 01, 1",
    "0102, 0103, -1",
    "01, 0100, -1", // a proper prefix sorts first
    "80, 7FFF, 1",
    "ABCD, ABCD, 0",
  })
  void compareTo_unsignedLexicographic(String left, String right, int expectedSign) {
    Bytes a = Bytes.fromHex(left);
    Bytes b = Bytes.fromHex(right);

    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(expectedSign);
    assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-expectedSign);
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
  }

  @Test
  void compareTo_randomValues_agreesWithUnsignedIntegerOrderAndEquals() {
    long seed = 20261125L;
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<Bytes> values = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      values.add(Bytes.copyOf(randomBytes(random.nextLong(), random.nextInt(4))));
    }
    for (Bytes a : values) {
      for (Bytes b : values) {
        int expected = Integer.signum(referenceCompare(a.toByteArray(), b.toByteArray()));
        assertThat(Integer.signum(a.compareTo(b)))
            .as("seed %d: %s vs %s", seed, a, b)
            .isEqualTo(expected);
        if (a.equals(b)) {
          assertThat(a.hashCode()).as("seed %d: %s", seed, a).isEqualTo(b.hashCode());
        }
      }
    }
  }

  // ---- slice, byteAt, startsWith ----

  @Test
  void slice_validRanges_returnThoseBytes() {
    Bytes bytes = Bytes.fromHex("0001020304");

    assertThat(bytes.slice(0, 5)).isEqualTo(bytes);
    assertThat(bytes.slice(1, 3)).isEqualTo(Bytes.fromHex("0102"));
    assertThat(bytes.slice(5, 5)).isEqualTo(Bytes.EMPTY);
    assertThat(bytes.slice(4, 5)).isEqualTo(Bytes.fromHex("04"));
  }

  @ParameterizedTest
  @CsvSource({"-1, 2", "0, 6", "3, 2", "6, 6", "-2147483648, 2147483647"})
  void slice_outOfBounds_throwsIndexOutOfBounds(int from, int to) {
    Bytes bytes = Bytes.fromHex("0001020304");

    assertThatThrownBy(() -> bytes.slice(from, to)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void byteAt_inAndOutOfRange() {
    Bytes bytes = Bytes.fromHex("80FF");

    assertThat(bytes.byteAt(0)).isEqualTo((byte) 0x80);
    assertThat(bytes.byteAt(1)).isEqualTo((byte) 0xFF);
    assertThatThrownBy(() -> bytes.byteAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> bytes.byteAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void startsWith_prefixesAndNonPrefixes() {
    Bytes bytes = Bytes.fromHex("308203");

    assertThat(bytes.startsWith(Bytes.EMPTY)).isTrue();
    assertThat(bytes.startsWith(Bytes.fromHex("3082"))).isTrue();
    assertThat(bytes.startsWith(bytes)).isTrue();
    assertThat(bytes.startsWith(Bytes.fromHex("3083"))).isFalse();
    assertThat(bytes.startsWith(Bytes.fromHex("30820300"))).isFalse();
  }

  // ---- hex ----

  @Test
  void fromHex_upperAndLowerCase_sameValueAndHexIsUpperCase() {
    Bytes lower = Bytes.fromHex("deadbeef");
    Bytes upper = Bytes.fromHex("DEADBEEF");

    assertThat(lower).isEqualTo(upper);
    assertThat(lower.hex()).isEqualTo("DEADBEEF");
    assertThat(lower.toByteArray()).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "abc", "0g", "zz", "01 02", "01:02", "0x01", "\u0660\u0661"})
  void fromHex_notEvenLengthHex_throwsIllegalArgument(String text) {
    assertThatThrownBy(() -> Bytes.fromHex(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hexadecimal");
  }

  @Test
  void fromHex_null_throwsNullPointer() {
    assertThatThrownBy(() -> Bytes.fromHex(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void hex_roundTripsThroughFromHex() {
    byte[] data = randomBytes(99, 300);

    assertThat(Bytes.fromHex(Bytes.copyOf(data).hex()).toByteArray()).isEqualTo(data);
  }

  // ---- read(InputStream, max) ----

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 99, 100})
  void read_atOrBelowLimit_returnsEverything(int length) throws IOException {
    byte[] data = randomBytes(length, length);

    Bytes bytes = Bytes.read(new ByteArrayInputStream(data), 100);

    assertThat(bytes.toByteArray()).isEqualTo(data);
  }

  @ParameterizedTest
  @ValueSource(ints = {101, 102, 5000})
  void read_aboveLimit_throwsFormatException(int length) {
    byte[] data = new byte[length];

    assertThatThrownBy(() -> Bytes.read(new ByteArrayInputStream(data), 100))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("100");
  }

  @Test
  void read_zeroLimit_emptyOkNonEmptyRejected() throws IOException {
    assertThat(Bytes.read(new ByteArrayInputStream(new byte[0]), 0)).isEqualTo(Bytes.EMPTY);
    assertThatThrownBy(() -> Bytes.read(new ByteArrayInputStream(new byte[1]), 0))
        .isInstanceOf(SmimeFormatException.class);
  }

  @Test
  void read_aboveLimit_stopsReadingSoonAfterTheLimit() {
    CountingEndlessStream endless = new CountingEndlessStream();

    assertThatThrownBy(() -> Bytes.read(endless, 1000)).isInstanceOf(SmimeFormatException.class);
    // it must not drain an endless stream: at most the limit, one probe byte and a read buffer
    assertThat(endless.served).isLessThan(1000 + 1 + 16 * 1024);
  }

  @Test
  void read_hugeLimitSmallInput_returnsInput() throws IOException {
    byte[] data = randomBytes(5, 10_000);

    assertThat(Bytes.read(new ByteArrayInputStream(data), Long.MAX_VALUE).toByteArray())
        .isEqualTo(data);
  }

  @Test
  void read_trickleStreamOneByteAtATime_readsAll() throws IOException {
    byte[] data = randomBytes(11, 777);
    InputStream trickle =
        new ByteArrayInputStream(data) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };

    assertThat(Bytes.read(trickle, 777).toByteArray()).isEqualTo(data);
  }

  @Test
  void read_negativeLimitOrNullStream_throwsProgrammerErrors() {
    assertThatThrownBy(() -> Bytes.read(new ByteArrayInputStream(new byte[0]), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes.read((java.io.InputStream) null, 10))
        .isInstanceOf(NullPointerException.class);
  }

  // ---- toString ----

  @Test
  void toString_small_showsSizeAndAllHex() {
    assertThat(Bytes.fromHex("3082").toString()).isEqualTo("[size=2 hex=3082]");
    assertThat(Bytes.EMPTY.toString()).isEqualTo("[size=0 hex=]");
  }

  @Test
  void toString_exactly64Bytes_showsAllWithoutEllipsis() {
    Bytes bytes = Bytes.copyOf(filled(64, (byte) 0xAB));

    assertThat(bytes.toString()).isEqualTo("[size=64 hex=" + "AB".repeat(64) + "]");
  }

  @Test
  void toString_large_showsSizeAndOnlyTheFirst64Bytes() {
    byte[] data = filled(812, (byte) 0x11);
    Arrays.fill(data, 64, data.length, (byte) 0x22);

    String text = Bytes.copyOf(data).toString();

    assertThat(text).startsWith("[size=812 hex=" + "11".repeat(64)).endsWith("\u2026]");
    assertThat(text).doesNotContain("22");
    assertThat(text.length()).isLessThan(64 * 2 + 30);
  }

  // ---- constantTimeEquals ----

  @Test
  void constantTimeEquals_agreesWithEquals() {
    Bytes a = Bytes.fromHex("00112233");

    assertThat(a.constantTimeEquals(Bytes.fromHex("00112233"))).isTrue();
    assertThat(a.constantTimeEquals(Bytes.fromHex("00112234"))).isFalse();
    assertThat(a.constantTimeEquals(Bytes.fromHex("001122"))).isFalse();
    assertThat(a.constantTimeEquals(Bytes.fromHex("0011223300"))).isFalse();
    assertThat(Bytes.EMPTY.constantTimeEquals(Bytes.of())).isTrue();
    assertThat(Bytes.EMPTY.constantTimeEquals(a)).isFalse();
  }

  // ---- helpers ----

  private static byte[] randomBytes(long seed, int length) {
    byte[] data = new byte[length];
    RandomGeneratorFactory.of("L64X128MixRandom").create(seed).nextBytes(data);
    return data;
  }

  private static byte[] filled(int length, byte value) {
    byte[] data = new byte[length];
    Arrays.fill(data, value);
    return data;
  }

  /** A plain reference implementation of unsigned lexicographic order. */
  private static int referenceCompare(byte[] a, byte[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int d = (a[i] & 0xFF) - (b[i] & 0xFF);
      if (d != 0) {
        return d;
      }
    }
    return a.length - b.length;
  }

  /** Forwards what it is given, then overwrites the caller's array (a hostile stream). */
  private static final class ScribblingOutputStream extends OutputStream {
    private final OutputStream target;

    ScribblingOutputStream(OutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      target.write(b, off, len);
      Arrays.fill(b, off, off + len, (byte) 0x5A);
    }
  }

  /** An endless stream of zeros that counts how many bytes it handed out. */
  private static final class CountingEndlessStream extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, (byte) 0);
      served += len;
      return len;
    }
  }

  @Test
  void copyTo_range_copiesIntoTargetWithoutChangingTheValue() {
    Bytes value = Bytes.of((byte) 1, (byte) 2, (byte) 3, (byte) 4);
    byte[] target = new byte[6];

    value.copyTo(1, target, 2, 3);
    target[2] = 99;

    assertThat(target).containsExactly(0, 0, 99, 3, 4, 0);
    assertThat(value.toByteArray()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void copyTo_outOfBounds_throwsIndexOutOfBounds() {
    Bytes value = Bytes.of((byte) 1, (byte) 2);

    assertThatThrownBy(() -> value.copyTo(1, new byte[4], 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> value.copyTo(0, new byte[1], 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void slice_behavesExactlyLikeACopyOfTheRange() throws Exception {
    Bytes whole = Bytes.fromHex("00112233445566778899AABBCCDDEEFF");
    Bytes copy = Bytes.fromHex("33445566778899");

    Bytes slice = whole.slice(3, 10);

    assertThat(slice).isEqualTo(copy).hasSameHashCodeAs(copy);
    assertThat(slice.compareTo(copy)).isZero();
    assertThat(slice.size()).isEqualTo(7);
    assertThat(slice.byteAt(0)).isEqualTo((byte) 0x33);
    assertThatThrownBy(() -> slice.byteAt(7)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(slice.toByteArray()).isEqualTo(copy.toByteArray());
    assertThat(slice.hex()).isEqualTo("33445566778899");
    assertThat(slice.toString()).isEqualTo("[size=7 hex=33445566778899]");
    assertThat(slice.startsWith(Bytes.fromHex("3344"))).isTrue();
    assertThat(slice.constantTimeEquals(copy)).isTrue();
    assertThat(slice.slice(1, 3)).isEqualTo(Bytes.fromHex("4455"));
    java.nio.ByteBuffer buffer = slice.asReadOnlyBuffer();
    assertThat(buffer.remaining()).isEqualTo(7);
    assertThat(buffer.get(0)).isEqualTo((byte) 0x33);
    assertThat(slice.newInputStream().readAllBytes()).isEqualTo(copy.toByteArray());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    slice.write(out);
    assertThat(out.toByteArray()).isEqualTo(copy.toByteArray());
    byte[] target = new byte[3];
    slice.copyTo(4, target, 0, 3);
    assertThat(target).isEqualTo(Bytes.fromHex("778899").toByteArray());
  }

  @Test
  void slice_emptyAndWholeRanges() {
    Bytes whole = Bytes.fromHex("0102");

    assertThat(whole.slice(1, 1)).isSameAs(Bytes.EMPTY);
    assertThat(whole.slice(0, 2)).isSameAs(whole);
    assertThatThrownBy(() -> whole.slice(1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> whole.slice(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
