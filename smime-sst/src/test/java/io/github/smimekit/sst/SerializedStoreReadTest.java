package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.ReadLimits;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.Thumbprint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and writing the real files of testdata/sst (see its README.md). */
final class SerializedStoreReadTest {

  static List<String> validStores() {
    return TestFiles.validStores();
  }

  @ParameterizedTest
  @CsvSource({
    "windows/GeekDuanLian-windows-cert-sync__root.sst, 507",
    "windows/GeekDuanLian-windows-cert-sync__disallowedcert.sst, 95",
    "windows/GeekDuanLian-windows-cert-sync__pinrules.sst, 12",
    "windows/t0rik-winrootCAupdate__roots.sst, 434",
    "windows/JShimonov-AskSummoner__roots.sst, 411",
    "wine-generated/wine8_saveasstore_2certs.sst, 2",
    "wine-generated/wine8_saveasstore_friendlyname_crl.sst, 2",
    "wine-tests/serializedStoreWithCert.bin, 1",
    "wine-tests/serializedStoreWithCertAndCRL.bin, 1",
    "wine-tests/serializedStoreWithCertWithFriendlyName.bin, 1",
    "wine-tests/serializedStoreWithCertAndHash.bin, 1",
  })
  void read_validFile_strictAndLenientGiveExpectedCertificateCount(String file, int certs)
      throws IOException {
    SerializedStore strict = SerializedStore.read(TestFiles.path(file), SstReadOptions.strict());
    SerializedStore lenient = SerializedStore.read(TestFiles.path(file), SstReadOptions.lenient());

    assertThat(strict.certificateEntries()).hasSize(certs);
    assertThat(strict.warnings()).isEmpty();
    assertThat(lenient).isEqualTo(strict);
    assertThat(lenient.warnings()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("validStores")
  void write_storeReadFromFile_reproducesFileByteForByte(String file) throws IOException {
    byte[] original = TestFiles.bytes(file);
    SerializedStore store = SerializedStore.read(Bytes.copyOf(original));

    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    store.write(streamed);

    assertThat(store.encode().toByteArray()).isEqualTo(original);
    assertThat(streamed.toByteArray()).isEqualTo(original);
    assertThat(store.encode()).isEqualTo(Bytes.copyOf(original));
    assertThat(store.encodedSize()).isEqualTo(original.length);
  }

  @ParameterizedTest
  @MethodSource("validStores")
  void read_viaInputStreamBytesAndPath_giveSameStore(String file) throws IOException {
    byte[] original = TestFiles.bytes(file);
    SerializedStore fromArray = SerializedStore.read(Bytes.copyOf(original));

    assertThat(SerializedStore.read(Bytes.copyOf(original))).isEqualTo(fromArray);
    assertThat(SerializedStore.read(new ByteArrayInputStream(original), SstReadOptions.defaults()))
        .isEqualTo(fromArray);
    assertThat(SerializedStore.read(TestFiles.path(file), SstReadOptions.defaults()))
        .isEqualTo(fromArray);
  }

  @ParameterizedTest
  @MethodSource("validStores")
  void verify_realFile_storedHashesAllMatch(String file) {
    SerializedStore store = SerializedStore.read(Bytes.copyOf(TestFiles.bytes(file)));

    assertThat(store.verify()).isEmpty();
  }

  @Test
  void read_windowsRootStore_keepsZeroLengthAndNewerPropertiesInFileOrder() {
    SerializedStore store =
        SerializedStore.read(
            Bytes.copyOf(TestFiles.bytes("windows/GeekDuanLian-windows-cert-sync__root.sst")));

    List<StoreProperty> all =
        store.entries().stream().flatMap(e -> e.properties().stream()).toList();
    assertThat(all).anyMatch(p -> p.length() == 0 && (p.id() == 104 || p.id() == 126));
    assertThat(all.stream().map(StoreProperty::id).distinct().sorted().toList())
        .containsExactly(3, 9, 11, 20, 29, 83, 98, 104, 105, 122, 126, 127);
    StoreEntry first = store.entries().get(0);
    assertThat(first.offset())
        .hasValue(
            first.properties().get(first.properties().size() - 1).offset().getAsLong() + 12 + 20);
    assertThat(first.property(PropertyId.SHA1_HASH).orElseThrow().value())
        .isEqualTo(first.sha1().bytes());
    assertThat(first.friendlyName()).isPresent();
    assertThat(store.entries())
        .filteredOn(e -> e.property(PropertyId.ENHKEY_USAGE).isPresent())
        .first()
        .satisfies(e -> assertThat(e.enhancedKeyUsageRestriction().orElseThrow()).isNotEmpty());
    assertThat(all)
        .filteredOn(p -> p.id() == 126 && p.length() == 8)
        .allSatisfy(p -> assertThat(p.fileTime()).isPresent());
  }

  @Test
  void read_disallowedStore_keepsTurktrustCertificateAndItsRawBytes() {
    byte[] file = TestFiles.bytes("windows/GeekDuanLian-windows-cert-sync__disallowedcert.sst");
    SerializedStore store = SerializedStore.read(Bytes.copyOf(file));

    StoreEntry turktrust =
        store.find(Thumbprint.parse("4D8547B7F864132A7F62D9B75B068521F10B68E3")).orElseThrow();

    assertThat(turktrust.offset()).hasValue(97346);
    int len = turktrust.encoded().size();
    assertThat(turktrust.encoded())
        .isEqualTo(Bytes.copyOf(Arrays.copyOfRange(file, 97346 + 12, 97346 + 12 + len)));
    // The JDK decoder accepts the explicit "critical FALSE" that strict parsers refuse.
    assertThat(turktrust.certificate().getSubjectX500Principal().getName()).contains("google.com");
    assertThat(store.certificates()).hasSize(95);
  }

  @Test
  void certificate_unsignedWineCertificate_throwsTypedErrorForThatEntryOnly() {
    SerializedStore store =
        SerializedStore.read(
            Bytes.copyOf(TestFiles.bytes("wine-tests/serializedStoreWithCertAndCRL.bin")));
    StoreEntry cert = store.entries().get(0);

    SstFormatException e = catchThrowableOfType(SstFormatException.class, cert::certificate);

    assertThat(e.problem()).isEqualTo(SstProblem.UNDECODABLE_CONTEXT);
    assertThat(e.offset()).hasValue(8);
    assertThat(e.elementIndex()).hasValue(0);
    assertThat(e.getMessage()).contains("sst element #0 at offset 8");
    assertThat(cert.tryCertificate()).isEmpty();
    assertThat(cert.sha1().bytes().size()).isEqualTo(20);
    assertThat(store.entries().get(1).contextType()).isEqualTo(ContextType.CRL);
    assertThatThrownBy(store.entries().get(1)::crl).isInstanceOf(SstFormatException.class);
    assertThatThrownBy(store.entries().get(1)::certificate)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void read_wineFriendlyNameAndCrl_givesGroupsInOrderWithOffsets() {
    SerializedStore store =
        SerializedStore.read(
            Bytes.copyOf(TestFiles.bytes("wine-generated/wine8_saveasstore_friendlyname_crl.sst")));

    assertThat(store.entries())
        .extracting(StoreEntry::contextType)
        .containsExactly(ContextType.CERTIFICATE, ContextType.CERTIFICATE, ContextType.CRL);
    assertThat(store.entries())
        .extracting(e -> e.offset().getAsLong())
        .containsExactly(66L, 895L, 1983L);
    assertThat(store.entries())
        .extracting(e -> e.elementIndex().getAsInt())
        .containsExactly(1, 3, 4);
    assertThat(store.entries().get(0).friendlyName()).hasValue("SST Test CA (friendly)");
    assertThat(store.entries().get(0).properties().get(0).offset()).hasValue(8);
    assertThat(store.entries().get(1).friendlyName()).hasValue("Root Zero");
    assertThat(store.entries().get(2).crl().getIssuerX500Principal().getName())
        .isEqualTo("CN=SST Test CA");
  }

  /** Malformed files: recipes in testdata/sst/README.md, offsets derived from them. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        // F, u32 at 16 = 0x7fffffff: the first element (header at 8) claims too much
        Arguments.of("bad_len.sst", SstProblem.ELEMENT_LENGTH_OUT_OF_RANGE, 8L, 0, true),
        // F minus 20 bytes: the CRL element at 1983 (370 bytes) runs past the end
        Arguments.of("bad_truncated.sst", SstProblem.ELEMENT_LENGTH_OUT_OF_RANGE, 1983L, 4, true),
        // P minus 100 bytes: the second certificate at 1624 (1076 bytes) runs past the end
        Arguments.of("plain_trunc.sst", SstProblem.ELEMENT_LENGTH_OUT_OF_RANGE, 1624L, 1, true),
        Arguments.of("plain_ver1.sst", SstProblem.UNSUPPORTED_VERSION, 0L, -1, false),
        Arguments.of("bad_enc2.sst", SstProblem.ENCODING_NOT_ONE, 8L, 0, true),
        Arguments.of("plain_enc2.sst", SstProblem.ENCODING_NOT_ONE, 8L, 0, true),
        // F minus the end marker (2377 - 12): the input ends where element #5 would start
        Arguments.of("bad_noend.sst", SstProblem.MISSING_END_MARKER, 2365L, 5, true),
        Arguments.of("plain_noend.sst", SstProblem.MISSING_END_MARKER, 2712L, 2, true),
        // P (2724 bytes) then GARBAGE: the trailing bytes start at 2724
        Arguments.of("plain_trailing.sst", SstProblem.TRAILING_BYTES, 2724L, -1, true),
        // F without end marker, then property 11 at 2365 (element #5) with no context after it
        Arguments.of("bad_dangling.sst", SstProblem.ORPHANED_PROPERTIES, 2365L, 5, true));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void read_malformedFile_strictThrowsTypedErrorAtOffset(
      String file, SstProblem problem, long offset, int index, boolean lenientWarning) {
    byte[] data = TestFiles.bytes("malformed/" + file);

    SstFormatException e =
        catchThrowableOfType(
            SstFormatException.class, () -> SerializedStore.read(Bytes.copyOf(data)));

    assertThat(e).isNotNull().isInstanceOf(SmimeFormatException.class);
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.offset()).hasValue(offset);
    if (index >= 0) {
      assertThat(e.elementIndex()).hasValue(index);
      assertThat(e.getMessage()).startsWith("sst element #" + index + " at offset " + offset);
    } else {
      assertThat(e.elementIndex()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void read_malformedFile_lenientWarnsOnlyForTheLenientCases(
      String file, SstProblem problem, long offset, int index, boolean lenientWarning) {
    byte[] data = TestFiles.bytes("malformed/" + file);

    if (lenientWarning) {
      SerializedStore store = SerializedStore.read(Bytes.copyOf(data), SstReadOptions.lenient());
      assertThat(store.warnings())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.problem()).isEqualTo(problem);
                assertThat(w.offset()).isEqualTo(offset);
              });
      // a store cut short keeps the certificates before the cut
      int kept =
          switch (file) {
            case "bad_len.sst" -> 0;
            case "plain_trunc.sst" -> 1;
            default -> 2;
          };
      assertThat(store.certificateEntries()).hasSize(kept);
    } else {
      assertThatThrownBy(() -> SerializedStore.read(Bytes.copyOf(data), SstReadOptions.lenient()))
          .isInstanceOfSatisfying(
              SstFormatException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
  }

  @Test
  void read_lenientDanglingProperty_dropsOrphanAndWritesCanonicalStore() {
    SerializedStore store =
        SerializedStore.read(
            Bytes.copyOf(TestFiles.bytes("malformed/bad_dangling.sst")), SstReadOptions.lenient());

    assertThat(store.encode().toByteArray())
        .isEqualTo(TestFiles.bytes("wine-generated/wine8_saveasstore_friendlyname_crl.sst"));
  }

  @Test
  void read_lengthFieldMaxInt_allocatesNothingAndFailsFast() {
    byte[] data = header(element(11, 1, new byte[0]));
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7fffffff);

    assertThatThrownBy(() -> SerializedStore.read(Bytes.copyOf(data)))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.problem()).isEqualTo(SstProblem.ELEMENT_LENGTH_OUT_OF_RANGE));
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0xFFFFFFFF);
    assertThatThrownBy(() -> SerializedStore.read(Bytes.copyOf(data)))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.getMessage()).contains("claims 4294967295 bytes"));
  }

  @Test
  void read_overLimits_throwsLimitExceeded() {
    byte[] data = TestFiles.bytes("wine-generated/wine8_saveasstore_2certs.sst");

    assertThat(
            problem(
                data,
                SstReadOptions.builder()
                    .limits(ReadLimits.defaults().withMaxInputBytes(2000))
                    .build()))
        .isEqualTo(SstProblem.LIMIT_EXCEEDED);
    assertThat(problem(data, SstReadOptions.builder().maxElementBytes(1500).build()))
        .isEqualTo(SstProblem.LIMIT_EXCEEDED);
    assertThat(problem(data, SstReadOptions.builder().maxElements(1).build()))
        .isEqualTo(SstProblem.LIMIT_EXCEEDED);
    assertThat(
            SerializedStore.read(
                    Bytes.copyOf(data), SstReadOptions.builder().maxElements(2).build())
                .size())
        .isEqualTo(2);
  }

  @Test
  void read_streamOverLimit_stopsReadingAtLimit() {
    byte[] data = TestFiles.bytes("wine-generated/wine8_saveasstore_2certs.sst");

    assertThatThrownBy(
            () ->
                SerializedStore.read(
                    new ByteArrayInputStream(data),
                    SstReadOptions.builder()
                        .limits(ReadLimits.defaults().withMaxInputBytes(100))
                        .build()))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.problem()).isEqualTo(SstProblem.LIMIT_EXCEEDED));
  }

  @Test
  void read_handMadeDeviations_giveTheirProblems() {
    byte[] end = new byte[12];
    assertThat(problem(new byte[0], SstReadOptions.strict())).isEqualTo(SstProblem.EMPTY_INPUT);
    assertThat(SerializedStore.read(Bytes.copyOf(new byte[0]), SstReadOptions.lenient()).warnings())
        .extracting(SstWarning::problem)
        .containsExactly(SstProblem.EMPTY_INPUT);
    assertThat(problem(new byte[] {0, 0, 0, 0, 'C'}, SstReadOptions.lenient()))
        .isEqualTo(SstProblem.TRUNCATED_FILE_HEADER);
    assertThat(problem(concat(SstReaderMagic.MAGIC, new byte[5]), SstReadOptions.strict()))
        .isEqualTo(SstProblem.TRUNCATED_ELEMENT_HEADER);
    assertThat(problem(header(element(32, 1, new byte[0])), SstReadOptions.lenient()))
        .isEqualTo(SstProblem.EMPTY_CONTEXT);
    assertThat(problem(header(element(0x10000, 1, new byte[1])), SstReadOptions.lenient()))
        .isEqualTo(SstProblem.PROPERTY_ID_OUT_OF_RANGE);
    byte[] badEnd = header();
    badEnd[badEnd.length - 4] = 1;
    assertThat(problem(badEnd, SstReadOptions.strict())).isEqualTo(SstProblem.MALFORMED_END_MARKER);
    assertThat(
            problem(
                "not a store".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                SstReadOptions.lenient()))
        .isEqualTo(SstProblem.NOT_A_SERIALIZED_STORE);
    assertThat(SerializedStore.read(Bytes.copyOf(header()))).isEqualTo(SerializedStore.empty());
    assertThat(SerializedStore.empty().encode().toByteArray())
        .isEqualTo(concat(SstReaderMagic.MAGIC, end));
  }

  @Test
  void read_keyProviderProperty_keptOpaqueWithoutWarningEvenWhenStrict() {
    byte[] cert = TestFiles.bytes("wine-generated/ca.der");
    byte[] data =
        header(
            element(2, 1, new byte[28]),
            element(11, 1, new byte[] {'a', 0, 0, 0}),
            element(32, 1, cert));

    SerializedStore store = SerializedStore.read(Bytes.copyOf(data), SstReadOptions.strict());

    assertThat(store.warnings()).isEmpty();
    assertThat(store.entries().get(0).properties())
        .extracting(StoreProperty::id)
        .containsExactly(2, 11);
    assertThat(store.hasKeyLinks()).isTrue();
    assertThat(store.encode().toByteArray()).isEqualTo(data);
    assertThat(store.withoutKeyLinks().encode().toByteArray())
        .isEqualTo(header(element(11, 1, new byte[] {'a', 0, 0, 0}), element(32, 1, cert)));
  }

  @Test
  void read_propertiesInAnyOrderWithDuplicatesAndUserIds_keptAsRead() {
    byte[] cert = TestFiles.bytes("wine-generated/ca.der");
    byte[] data =
        header(
            element(0xFFFF, 1, new byte[] {1}),
            element(3, 1, new byte[20]),
            element(0x8000, 1, new byte[0]),
            element(3, 1, new byte[0]),
            element(32, 1, cert));

    SerializedStore store = SerializedStore.read(Bytes.copyOf(data));

    assertThat(store.entries().get(0).properties())
        .extracting(StoreProperty::id)
        .containsExactly(0xFFFF, 3, 0x8000, 3);
    assertThat(store.entries().get(0).properties())
        .extracting(StoreProperty::name)
        .containsExactly("USER_PROP", "SHA1_HASH", "USER_PROP", "SHA1_HASH");
    assertThat(store.encode().toByteArray()).isEqualTo(data);
    assertThat(store.verify())
        .extracting(StoreFinding::code)
        .containsExactly(StoreFinding.Code.HASH_MISMATCH, StoreFinding.Code.HASH_MISMATCH);
  }

  @Test
  void write_toPath_writesSameBytes(@TempDir Path dir) throws IOException {
    byte[] original = TestFiles.bytes("windows/GeekDuanLian-windows-cert-sync__pinrules.sst");
    Path out = dir.resolve("copy.sst");

    SerializedStore.read(Bytes.copyOf(original)).write(out);

    assertThat(Files.readAllBytes(out)).isEqualTo(original);
  }

  private static SstProblem problem(byte[] data, SstReadOptions options) {
    SstFormatException e =
        catchThrowableOfType(
            SstFormatException.class, () -> SerializedStore.read(Bytes.copyOf(data), options));
    assertThat(e).as("expected a format exception").isNotNull();
    return e.problem();
  }

  static byte[] element(int id, int encoding, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(12 + value.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(id).putInt(encoding).putInt(value.length).put(value);
    return b.array();
  }

  static byte[] header(byte[]... elements) {
    byte[] all = concat(SstReaderMagic.MAGIC);
    for (byte[] e : elements) {
      all = concat(all, e);
    }
    return concat(all, new byte[12]);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** The file header bytes. */
  static final class SstReaderMagic {
    static final byte[] MAGIC = {0, 0, 0, 0, 'C', 'E', 'R', 'T'};

    private SstReaderMagic() {}
  }

  /** Each element of a store file as text: kind, header offset, id and value, entry by entry. */
  private static List<String> independentWalk(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    List<String> out = new ArrayList<>();
    int pos = 8;
    while (b.getInt(pos) != 0) {
      int id = b.getInt(pos);
      int n = b.getInt(pos + 8);
      String kind = id >= 32 && id <= 34 ? "C " : "P ";
      out.add(kind + pos + " " + id + " " + Bytes.copyOf(data, pos + 12, n).hex());
      pos += 12 + n;
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("validStores")
  void read_validStore_propertiesMadeOnFirstUseMatchAnIndependentWalkOfTheFile(String file) {
    byte[] data = TestFiles.bytes(file);
    SerializedStore store = SerializedStore.read(Bytes.copyOf(data));

    List<String> read = new ArrayList<>();
    for (StoreEntry e : store.entries()) {
      for (StoreProperty p : e.properties()) {
        read.add("P " + p.offset().getAsLong() + " " + p.id() + " " + p.value().hex());
      }
      read.add(
          "C " + e.offset().getAsLong() + " " + e.contextType().code() + " " + e.encoded().hex());
    }

    assertThat(read).isEqualTo(independentWalk(data));
    assertThat(store.encode().toByteArray()).isEqualTo(data);
  }

  @Test
  void read_lenientWithEncodingDeviation_writesEncodingOneNotTheInput() throws IOException {
    byte[] data = TestFiles.bytes("malformed/bad_enc2.sst");
    assertThat(data[12]).isEqualTo((byte) 2);
    byte[] expected = data.clone();
    expected[12] = 1;

    SerializedStore store = SerializedStore.read(Bytes.copyOf(data), SstReadOptions.lenient());
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    store.write(streamed);

    assertThat(store.warnings())
        .extracting(SstWarning::problem)
        .containsExactly(SstProblem.ENCODING_NOT_ONE);
    assertThat(store.encode().toByteArray()).isEqualTo(expected);
    assertThat(streamed.toByteArray()).isEqualTo(expected);
    assertThat(store.encodedSize()).isEqualTo(expected.length);
    assertThat(store.entries().get(0).properties().get(0).offset()).hasValue(8);
  }
}
