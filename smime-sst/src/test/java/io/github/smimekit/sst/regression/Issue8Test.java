package io.github.smimekit.sst.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificateBundleReader;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ReadLimits;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.sst.PropertyId;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SstFormatException;
import io.github.smimekit.sst.SstProblem;
import io.github.smimekit.sst.SstReadOptions;
import io.github.smimekit.sst.SstWarning;
import io.github.smimekit.sst.StoreEntry;
import io.github.smimekit.sst.StoreFinding;
import io.github.smimekit.sst.StoreFormat;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.sst.StoreProperty;
import io.github.smimekit.sst.StoreSniffer;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted stores of issue 8 (hardening before 0.1.0): each input is built here, at test time, and
 * must give a typed error or a bounded result quickly, never a stall, a StackOverflowError or an
 * OutOfMemoryError.
 */
final class Issue8Test {
  private static final TestPki PKI = TestPki.create(8L);
  private static final TestCertificate ROOT = PKI.rootCa("Issue 8 Root").build();
  private static final TestCertificate ICA = PKI.intermediateCa("Issue 8 CA", ROOT).build();
  private static final TestCertificate LEAF = PKI.leaf(ICA).email("bob@example.com").build();

  // ------------------------------------------------------------------ OIDs (item 1)

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void ekuProperty_arcOf320KB_refusedQuicklyWithPropertyAndOffset() {
    int arcBytes = 320 * 1024;
    byte[] arc = new byte[arcBytes];
    Arrays.fill(arc, (byte) 0x81);
    arc[arcBytes - 1] = 0x01;
    byte[] oid = tlv(0x06, concat(new byte[] {0x2B}, arc));
    byte[] value = tlv(0x30, oid);
    byte[] file = store(element(9, value), element(32, ROOT.der()));

    StoreEntry entry = SerializedStore.read(Bytes.copyOf(file)).entries().get(0);

    assertThatThrownBy(entry::enhancedKeyUsageRestriction)
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(SstProblem.MALFORMED_PROPERTY_VALUE);
              assertThat(e.offset()).hasValue(8);
            })
        .hasMessageStartingWith("property 9 (ENHKEY_USAGE) at offset ")
        .hasMessageContaining("longer than 128 bits");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void ekuProperty_manyMaximalArcs_decodedInLinearTime() {
    // 10,000 OIDs of 2.25 plus a 128-bit arc (the UUID form): about 210 KB, all valid
    BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    String uuidOid = "2.25." + max;
    List<String> oids = java.util.Collections.nCopies(10_000, uuidOid);
    StoreProperty p = StoreProperty.enhancedKeyUsage(oids);

    List<String> back = StoreProperty.of(9, p.value()).oids();

    assertThat(back).hasSize(10_000).allMatch(uuidOid::equals);
  }

  @Test
  void oids_arcOf128BitsAccepted_129BitsRefused() {
    String ok = "2.25." + BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    String tooLong = "2.25." + BigInteger.ONE.shiftLeft(128);
    String small = "1.3.6.1.5.5.7.3.4";

    assertThat(StoreProperty.enhancedKeyUsage(List.of(ok, small)).oids())
        .containsExactly(ok, small);
    assertThatThrownBy(() -> StoreProperty.enhancedKeyUsage(List.of(tooLong)).oids())
        .isInstanceOf(SstFormatException.class)
        .hasMessageContaining("property 9 (ENHKEY_USAGE) at value offset 5")
        .hasMessageContaining("longer than 128 bits");
  }

  // ------------------------------------------------------------------ nesting (item 2)

  /** A certificate element of BER nested 10,000 levels deep (indefinite lengths): 40 KB. */
  private static byte[] deepBer(int levels) {
    byte[] b = new byte[levels * 4];
    for (int i = 0; i < levels; i++) {
      b[2 * i] = 0x30;
      b[2 * i + 1] = (byte) 0x80;
    }
    return b; // the end-of-contents octets are the zeros after the headers
  }

  /** The same nesting with definite lengths. */
  private static byte[] deepDer(int levels) {
    byte[] inner = {0x05, 0x00};
    for (int i = 0; i < levels; i++) {
      inner = tlv(0x30, inner);
    }
    return inner;
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void deepNestingInsideAnExtension_refusedByTheDepthBound() {
    byte[] cert =
        PKI.rootCa("Issue 8 Deep Extension")
            .extension("1.3.6.1.4.1.99999.8", false, deepDer(10_000))
            .build()
            .der();
    StoreEntry e = SerializedStore.read(Bytes.copyOf(store(element(32, cert)))).entries().get(0);

    assertThat(e.tryCertificate()).isEmpty();
    assertThat(e.decodingProblem())
        .hasValueSatisfying(p -> assertThat(p).contains("nested deeper than 64 levels"));
    assertThatThrownBy(e::certificate).isInstanceOf(SstFormatException.class);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void deepNesting_everyReaderGivesTypedErrorNotStackOverflow(@TempDir Path dir) throws Exception {
    for (byte[] cert : List.of(deepBer(10_000), deepDer(10_000))) {
      // BER is refused at its first header; deep DER by core's nesting bound, which stops at
      // level 65, so no walk of the 10,000 levels is needed
      String reason =
          cert[1] == (byte) 0x80 ? "indefinite length (BER)" : "nested deeper than 64 levels";
      byte[] file = store(element(32, cert), element(32, ROOT.der()));
      Path path = dir.resolve("deep.sst");
      Files.write(path, file);

      SerializedStore s = SerializedStore.read(path);
      StoreEntry deep = s.entries().get(0);

      assertThat(deep.tryCertificate()).isEmpty();
      assertThat(deep.decodingProblem()).hasValueSatisfying(p -> assertThat(p).contains(reason));
      assertThatThrownBy(deep::certificate)
          .isInstanceOfSatisfying(
              SstFormatException.class,
              e -> assertThat(e.problem()).isEqualTo(SstProblem.UNDECODABLE_CONTEXT))
          .hasMessageStartingWith("sst element #0 at offset 8: certificate (sha1 ");
      assertThat(s.entries().get(1).certificate()).isEqualTo(ROOT.certificate());
      assertThat(s.verify()).isEmpty();
      assertThatThrownBy(s::certificates).isInstanceOf(SstFormatException.class);
      assertThatThrownBy(() -> SerializedStore.bundleReader().readCertificates(Bytes.copyOf(file)))
          .isInstanceOf(SmimeFormatException.class);
      assertThatThrownBy(
              () ->
                  CertificatePool.builder()
                      .readers(List.of(SerializedStore.bundleReader()))
                      .add(path)
                      .build())
          .isInstanceOf(SmimeFormatException.class);
      // the same bytes opened by content (a .sst-named certificate file), DER and PEM
      assertThat(StoreSniffer.detect(Bytes.copyOf(cert))).isEqualTo(StoreFormat.UNKNOWN);
      assertThatThrownBy(() -> StoreSniffer.open(Bytes.copyOf(cert), SstReadOptions.lenient()))
          .isInstanceOf(SstFormatException.class);
      byte[] pem = pem("CERTIFICATE", cert).getBytes(StandardCharsets.US_ASCII);
      assertThatThrownBy(() -> StoreSniffer.open(Bytes.copyOf(pem), SstReadOptions.lenient()))
          .isInstanceOf(SstFormatException.class);
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void deepNesting_crlEntry_typedError() {
    byte[] file = store(element(33, deepDer(10_000)));

    StoreEntry crl = SerializedStore.read(Bytes.copyOf(file)).entries().get(0);

    assertThatThrownBy(crl::crl)
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.problem()).isEqualTo(SstProblem.UNDECODABLE_CONTEXT))
        .hasMessageContaining("nested deeper than 64 levels");
  }

  // ------------------------------------------------------------------ memory (item 3)

  /** 500,000 one-byte certificate elements: 6.5 MB. */
  private static byte[] manyOneByteCertificates(int n, int encoding) {
    ByteBuffer b = ByteBuffer.allocate(8 + n * 13 + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).put(new byte[] {'C', 'E', 'R', 'T'});
    for (int i = 0; i < n; i++) {
      b.putInt(32).putInt(encoding).putInt(1).put((byte) 0x30);
    }
    b.putInt(0).putInt(0).putInt(0);
    return b.array();
  }

  /**
   * Bytes allocated per input byte by reading, verifying and listing (thumbprint and decoding of
   * every entry, as {@code sst list} does) plus the Exchange check. Measured with the thread's
   * allocation counter, not time. Before the fix: about 640 bytes per input byte (4.2 GB).
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void manyUndecodableEntries_allocationProportionalToInput_findingsSummarised() {
    byte[] data = manyOneByteCertificates(500_000, 1);
    SstReadOptions options =
        SstReadOptions.builder().limits(ReadLimits.defaults().withMaxCertificates(500_000)).build();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Bytes input = Bytes.copyOf(data);

    long before = threads.getThreadAllocatedBytes(thread);
    SerializedStore s = SerializedStore.read(input, options);
    long afterRead = threads.getThreadAllocatedBytes(thread);
    List<StoreFinding> verify = s.verify();
    int decodable = 0;
    List<StoreFinding> undecodable = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      StoreEntry e = s.entries().get(i);
      decodable += e.tryCertificate().isPresent() ? 1 : 0;
      if (e.decodingProblem().isPresent()) { // what an issuing-CA store check reports
        undecodable.add(
            new StoreFinding(
                StoreFinding.Code.UNDECODABLE_CERTIFICATE,
                i,
                e.offset().orElse(-1),
                java.util.Optional.of(e.sha1()),
                0,
                "does not decode: " + e.decodingProblem().get()));
      }
    }
    List<StoreFinding> exchange = StoreFinding.summarise(undecodable);
    long after = threads.getThreadAllocatedBytes(thread);

    double readPerByte = (afterRead - before) / (double) data.length;
    double allPerByte = (after - before) / (double) data.length;
    assertThat(s.size()).isEqualTo(500_000);
    assertThat(decodable).isZero();
    assertThat(verify).isEmpty();
    assertThat(readPerByte).as("read: bytes allocated per input byte").isLessThan(24);
    assertThat(allPerByte).as("read+verify+list+check: bytes per input byte").isLessThan(160);
    assertThat(exchange)
        .filteredOn(f -> f.code() == StoreFinding.Code.UNDECODABLE_CERTIFICATE)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.entryIndex()).isZero();
              assertThat(f.message())
                  .startsWith("500000 findings of this kind (first at entries #0, #1, #2, #3, #4");
            });
  }

  @Test
  void defaultLimits_refuseMoreCertificateEntriesThanCoreReadLimits() {
    byte[] data = manyOneByteCertificates(ReadLimits.DEFAULT_MAX_CERTIFICATES + 1, 1);

    assertThatThrownBy(() -> SerializedStore.read(Bytes.copyOf(data)))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(SstProblem.LIMIT_EXCEEDED);
              assertThat(e.elementIndex()).hasValue(ReadLimits.DEFAULT_MAX_CERTIFICATES);
            })
        .hasMessageContaining("more than 100000 certificate entries");
  }

  @Test
  void lenient_100000Deviations_oneWarningWithCountAndFirstIndices() {
    byte[] data = manyOneByteCertificates(100_000, 2);

    SerializedStore s = SerializedStore.read(Bytes.copyOf(data), SstReadOptions.lenient());

    assertThat(s.size()).isEqualTo(100_000);
    assertThat(s.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.problem()).isEqualTo(SstProblem.ENCODING_NOT_ONE);
              assertThat(w.offset()).isEqualTo(8);
              assertThat(w.message())
                  .startsWith("100000 warnings of this kind (first at elements #0, #1, #2, #3, #4");
            });
  }

  @Test
  void lenient_fewDeviations_oneWarningEachInFileOrder() {
    byte[] cert = ROOT.der();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T'});
    for (int i = 0; i < 3; i++) {
      out.writeBytes(element(2, new byte[4])); // key-link property: kept, no warning
      out.writeBytes(rawElement(32, 2, cert)); // encoding 2
    }
    out.writeBytes(new byte[12]);

    SerializedStore s = SerializedStore.read(Bytes.copyOf(out.toByteArray()), lenient());

    assertThat(s.warnings())
        .extracting(SstWarning::problem)
        .containsExactly(
            SstProblem.ENCODING_NOT_ONE, SstProblem.ENCODING_NOT_ONE, SstProblem.ENCODING_NOT_ONE);
  }

  // ------------------------------------------------------------------ lenient truncation (item 4)

  @Test
  void lenient_truncatedMidElement_keepsEntriesBeforeTheCutWithWarningNamingOffset() {
    byte[] full =
        store(
            element(11, "a\0".getBytes(StandardCharsets.UTF_16LE)),
            element(32, ROOT.der()),
            element(32, ICA.der()),
            element(11, "c\0".getBytes(StandardCharsets.UTF_16LE)),
            element(32, LEAF.der()));
    int leafHeader = full.length - 12 - LEAF.der().length - 12;
    byte[] cut = Arrays.copyOf(full, full.length - 12 - 100); // inside the leaf's DER

    assertThatThrownBy(() -> SerializedStore.read(Bytes.copyOf(cut)))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.problem()).isEqualTo(SstProblem.ELEMENT_LENGTH_OUT_OF_RANGE));
    SerializedStore s = SerializedStore.read(Bytes.copyOf(cut), lenient());

    assertThat(s.certificates()).containsExactly(ROOT.certificate(), ICA.certificate());
    assertThat(s.entries().get(0).friendlyName()).hasValue("a");
    assertThat(s.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.problem()).isEqualTo(SstProblem.ELEMENT_LENGTH_OUT_OF_RANGE);
              assertThat(w.offset()).isEqualTo(leafHeader);
              assertThat(w.message())
                  .startsWith("sst element #4 at offset " + leafHeader + ": ")
                  .contains("the entries before this offset are kept")
                  .contains("the 1 property of the cut entry dropped");
            });
  }

  @Test
  void lenient_truncatedMidHeader_keepsEntriesBefore() {
    byte[] full = store(element(32, ROOT.der()), element(32, ICA.der()));
    int second = 8 + 12 + ROOT.der().length;
    byte[] cut = Arrays.copyOf(full, second + 5);

    SerializedStore s = SerializedStore.read(Bytes.copyOf(cut), lenient());

    assertThat(s.certificates()).containsExactly(ROOT.certificate());
    assertThat(s.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.problem()).isEqualTo(SstProblem.TRUNCATED_ELEMENT_HEADER);
              assertThat(w.offset()).isEqualTo(second);
            });
  }

  // ------------------------------------------------------------------ one decoder (item 5)

  @Test
  void sniffing_utf16BigEndianPem_readAsCertInfoReadsIt() {
    String pem = pem("CERTIFICATE", ROOT.der());
    byte[] utf16be =
        concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, pem.getBytes(StandardCharsets.UTF_16BE));

    assertThat(Certificates.read(utf16be)).containsExactly(ROOT.certificate());
    assertThat(
            StoreSniffer.open(Bytes.copyOf(utf16be), SstReadOptions.strict())
                .store()
                .certificates())
        .containsExactly(ROOT.certificate());
  }

  @Test
  void sniffing_x509CertificateBlock_readAsCertInfoReadsIt() {
    byte[] pem =
        (pem("X509 CERTIFICATE", ROOT.der()) + pem("X509 CERTIFICATE", ICA.der()))
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(Certificates.read(pem)).containsExactly(ROOT.certificate(), ICA.certificate());
    assertThat(StoreSniffer.open(Bytes.copyOf(pem), SstReadOptions.strict()).store().certificates())
        .containsExactly(ROOT.certificate(), ICA.certificate());
  }

  @Test
  void entry_pemTextOrTrailingBytesInCertificateElement_refused() {
    byte[] pem = pem("CERTIFICATE", ROOT.der()).getBytes(StandardCharsets.US_ASCII);
    byte[] trailing = concat(ROOT.der(), new byte[] {0});
    byte[] file = store(element(32, pem), element(32, trailing), element(32, ROOT.der()));

    List<StoreEntry> entries = SerializedStore.read(Bytes.copyOf(file)).entries();

    assertThat(entries.get(0).decodingProblem())
        .hasValueSatisfying(p -> assertThat(p).contains("not a DER sequence"));
    assertThat(entries.get(1).decodingProblem()).hasValue("1 byte(s) after the DER value");
    assertThat(entries.get(2).certificate()).isEqualTo(ROOT.certificate());
  }

  @Test
  void windowsProfile_keyBitLength_isCoresKeySize() {
    TestCertificate rsa = PKI.rootCa("Issue 8 RSA").keyType(KeyType.RSA_2048).build();
    TestCertificate ec = PKI.rootCa("Issue 8 EC").keyType(KeyType.EC_P256).build();
    for (TestCertificate c : List.of(rsa, ec)) {
      StoreEntry e = StoreProfile.WINDOWS_EXPORT.entryFor(c.certificate());

      long bits = e.property(PropertyId.SUBJECT_PUB_KEY_BIT_LENGTH).orElseThrow().u32();

      assertThat(bits).isEqualTo(Certificates.summarize(c.certificate()).keySize());
    }
    assertThat(((RSAPublicKey) rsa.certificate().getPublicKey()).getModulus().bitLength())
        .isEqualTo(2048);
  }

  // ------------------------------------------------------------------ registration (item 6)

  @Test
  void bundleReader_explicit_readsStoreIntoPool(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("pool.sst");
    SerializedStore.of(List.of(ROOT.certificate(), ICA.certificate()), StoreProfile.MINIMAL)
        .write(path);
    CertificateBundleReader reader = SerializedStore.bundleReader();

    CertificatePool pool = CertificatePool.builder().readers(List.of(reader)).add(path).build();

    assertThat(reader.name()).isEqualTo("sst");
    assertThat(pool.certificates()).containsExactly(ROOT.certificate(), ICA.certificate());
    assertThat(
            Issue8Test.class
                .getClassLoader()
                .getResource("META-INF/services/io.github.smimekit.core.CertificateBundleReader"))
        .isNull();
  }

  // ------------------------------------------------------------------ helpers

  private static SstReadOptions lenient() {
    return SstReadOptions.lenient();
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] store(byte[]... elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T'});
    for (byte[] e : elements) {
      out.writeBytes(e);
    }
    out.writeBytes(new byte[12]);
    return out.toByteArray();
  }

  private static byte[] element(int id, byte[] value) {
    return rawElement(id, 1, value);
  }

  private static byte[] rawElement(int id, int encoding, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(12 + value.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(id).putInt(encoding).putInt(value.length).put(value);
    return b.array();
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
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
