package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** New stores: builders, profiles, Exchange facts. */
final class SerializedStoreBuilderTest {
  private static final TestPki PKI = TestPki.create(4L);
  private static final TestCertificate ROOT = PKI.rootCa("Sst Root").build();
  private static final TestCertificate ICA =
      PKI.intermediateCa("Sst Issuing", ROOT).pathLength(0).build();
  private static final TestCertificate LEAF = PKI.leaf(ICA).email("alice@example.com").build();

  @Test
  void build_minimalOneCertificate_isHeaderCertificateEndMarker() {
    SerializedStore store = SerializedStore.builder().add(ROOT.certificate()).build();

    byte[] der = ROOT.der();
    byte[] bytes = store.encode().toByteArray();

    assertThat(bytes).hasSize(8 + 12 + der.length + 12);
    assertThat(Arrays.copyOfRange(bytes, 0, 8)).containsExactly(0, 0, 0, 0, 'C', 'E', 'R', 'T');
    assertThat(Arrays.copyOfRange(bytes, 8, 20)).isEqualTo(header(32, 1, der.length));
    assertThat(Arrays.copyOfRange(bytes, 20, 20 + der.length)).isEqualTo(der);
    assertThat(Arrays.copyOfRange(bytes, bytes.length - 12, bytes.length)).isEqualTo(new byte[12]);
    assertThat(SerializedStore.read(Bytes.copyOf(bytes))).isEqualTo(store);
    assertThat(SerializedStore.read(Bytes.copyOf(bytes)).certificates())
        .containsExactly(ROOT.certificate());
  }

  @Test
  void build_windowsExportProfile_writesComputedPropertiesInProfileOrder() {
    SerializedStore store =
        SerializedStore.builder(StoreProfile.WINDOWS_EXPORT)
            .add(ROOT.certificate(), "Sst Root (friendly)")
            .add(ICA.certificate())
            .build();

    StoreEntry root = store.entries().get(0);
    assertThat(root.properties())
        .extracting(StoreProperty::id)
        .containsExactly(11, 107, 15, 20, 25, 92, 3);
    assertThat(store.entries().get(1).properties())
        .extracting(StoreProperty::id)
        .containsExactly(107, 15, 20, 25, 92, 3);
    assertThat(root.friendlyName()).hasValue("Sst Root (friendly)");
    assertThat(root.property(11).orElseThrow().value().toByteArray())
        .endsWith(0, 0)
        .hasSize(("Sst Root (friendly)".length() + 1) * 2);
    assertThat(root.property(PropertyId.SHA1_HASH).orElseThrow().value())
        .isEqualTo(root.sha1().bytes());
    assertThat(root.property(PropertyId.SHA256_HASH).orElseThrow().value())
        .isEqualTo(Bytes.copyOf(digest("SHA-256", ROOT.der())));
    assertThat(root.property(PropertyId.SUBJECT_PUB_KEY_BIT_LENGTH).orElseThrow().u32())
        .isEqualTo(2048);
    byte[] ski = skiOf(ROOT.certificate());
    assertThat(root.keyIdentifier()).hasValue(Bytes.copyOf(ski));
    assertThat(root.property(PropertyId.SIGNATURE_HASH).orElseThrow().value())
        .isEqualTo(Bytes.copyOf(digest("SHA-1", tbs(ROOT.certificate()))));
    assertThat(store.verify()).isEmpty();
    assertThat(SerializedStore.read(Bytes.copyOf(store.encode().toByteArray()))).isEqualTo(store);
    assertThat(StoreProfile.WINDOWS_EXPORT.computedProperties())
        .extracting(PropertyId::code)
        .containsExactly(107, 15, 20, 25, 92, 3);
  }

  @Test
  void entryFor_certificateWithoutSki_keyIdentifierIsSha1OfKeyBits() {
    TestCertificate noSki =
        PKI.rootCa("No Ski").keyType(KeyType.EC_P256).noSubjectKeyIdentifier().build();

    StoreEntry e = StoreProfile.WINDOWS_EXPORT.entryFor(noSki.certificate());

    byte[] spki = noSki.certificate().getPublicKey().getEncoded();
    // an uncompressed P-256 point is the last 65 bytes of the SubjectPublicKeyInfo
    byte[] bits = Arrays.copyOfRange(spki, spki.length - 65, spki.length);
    assertThat(e.keyIdentifier()).hasValue(Bytes.copyOf(digest("SHA-1", bits)));
    assertThat(e.property(PropertyId.SUBJECT_PUBLIC_KEY_MD5_HASH).orElseThrow().value())
        .isEqualTo(Bytes.copyOf(digest("MD5", bits)));
    assertThat(e.property(PropertyId.SUBJECT_PUB_KEY_BIT_LENGTH).orElseThrow().u32())
        .isEqualTo(256);
  }

  @Test
  void verify_tamperedHashes_reportsEachMismatch() {
    SerializedStore store =
        SerializedStore.builder(StoreProfile.WINDOWS_EXPORT).add(ROOT.certificate()).build();
    Thumbprint sha1 = store.entries().get(0).sha1();
    SerializedStore tampered =
        store.toBuilder()
            .setProperty(sha1, StoreProperty.of(PropertyId.SHA1_HASH, Bytes.copyOf(new byte[20])))
            .setProperty(sha1, StoreProperty.of(PropertyId.MD5_HASH, Bytes.copyOf(new byte[16])))
            .setProperty(sha1, StoreProperty.of(29, Bytes.copyOf(new byte[16])))
            .setProperty(sha1, StoreProperty.of(15, Bytes.copyOf(new byte[20])))
            .setProperty(sha1, StoreProperty.of(25, Bytes.copyOf(new byte[16])))
            .setProperty(sha1, StoreProperty.of(98, Bytes.copyOf(new byte[32])))
            .build();

    assertThat(tampered.verify())
        .extracting(StoreFinding::propertyId)
        .containsExactlyInAnyOrder(3, 4, 29, 15, 25, 98);
    assertThat(tampered.verify())
        .allSatisfy(
            f -> {
              assertThat(f.code()).isEqualTo(StoreFinding.Code.HASH_MISMATCH);
              assertThat(f.sha1()).contains(sha1);
              assertThat(f.entryIndex()).isZero();
            });
    assertThat(store).isNotEqualTo(tampered);
  }

  @Test
  void builder_toBuilder_neverMutatesOriginal() {
    SerializedStore original =
        SerializedStore.of(List.of(ROOT.certificate()), StoreProfile.MINIMAL);
    Thumbprint sha1 = original.entries().get(0).sha1();

    SerializedStore changed =
        original.toBuilder()
            .setFriendlyName(sha1, "Root")
            .setDescription(sha1, "a description")
            .add(ICA.certificate())
            .add(ICA.certificate())
            .add(PKI.crl(ICA))
            .build();

    assertThat(original.size()).isEqualTo(1);
    assertThat(original.entries().get(0).properties()).isEmpty();
    assertThat(changed.size()).isEqualTo(3);
    assertThat(changed.entries().get(0).friendlyName()).hasValue("Root");
    assertThat(changed.entries().get(0).description()).hasValue("a description");
    assertThat(changed.entries().get(2).contextType()).isEqualTo(ContextType.CRL);
    assertThat(changed.toBuilder().remove(sha1).build().find(sha1)).isEmpty();
    assertThat(changed.toBuilder().removeProperty(sha1, 11).build().entries().get(0).friendlyName())
        .isEmpty();
    assertThat(changed.toBuilder().removeIf(e -> !e.isCertificate()).build().size()).isEqualTo(2);
    assertThatThrownBy(
            () -> original.toBuilder().setFriendlyName(Thumbprint.parse("01".repeat(20)), "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SerializedStore.builder().build().encode().toByteArray()).hasSize(20);
  }

  @Test
  void write_isDeterministicAndStreamsSameBytesAsToByteArray() throws IOException {
    SerializedStore a =
        SerializedStore.of(
            List.of(ROOT.certificate(), ICA.certificate()), StoreProfile.WINDOWS_EXPORT);
    SerializedStore b =
        SerializedStore.of(
            List.of(ROOT.certificate(), ICA.certificate()), StoreProfile.WINDOWS_EXPORT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    a.write(out);

    assertThat(out.toByteArray())
        .isEqualTo(b.encode().toByteArray())
        .hasSize((int) a.encodedSize());
  }

  @Test
  void undecodableCertificate_listedWithItsProblemNotThrownUntilDecoded() {
    SerializedStore store =
        SerializedStore.read(
            Bytes.copyOf(TestFiles.bytes("wine-tests/serializedStoreWithCert.bin")));

    assertThat(store.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.tryCertificate()).isEmpty();
              assertThat(e.decodingProblem()).isPresent();
            });
    assertThat(store.verify()).isEmpty();
    assertThatThrownBy(store::certificates).isInstanceOf(SstFormatException.class);
  }

  @Test
  void summarise_moreThanTwentyOfACode_foldedAtItsFirstPlace() {
    List<StoreFinding> all = new java.util.ArrayList<>();
    all.add(
        new StoreFinding(StoreFinding.Code.NOT_A_CA, 0, 8, java.util.Optional.empty(), 0, "leaf"));
    for (int i = 1; i <= 21; i++) {
      all.add(
          new StoreFinding(
              StoreFinding.Code.UNDECODABLE_CERTIFICATE,
              i,
              8L * i,
              java.util.Optional.empty(),
              0,
              "bad " + i));
    }
    all.add(
        new StoreFinding(
            StoreFinding.Code.SIZE_LIMIT_EXCEEDED, -1, -1, java.util.Optional.empty(), 0, "big"));

    List<StoreFinding> folded = StoreFinding.summarise(all);

    assertThat(folded)
        .extracting(StoreFinding::code)
        .containsExactly(
            StoreFinding.Code.NOT_A_CA,
            StoreFinding.Code.UNDECODABLE_CERTIFICATE,
            StoreFinding.Code.SIZE_LIMIT_EXCEEDED);
    assertThat(folded.get(1).entryIndex()).isEqualTo(1);
    assertThat(folded.get(1).message())
        .isEqualTo(
            "21 findings of this kind (first at entries #1, #2, #3, #4, #5, ...); the first: bad 1");
    assertThat(StoreFinding.summarise(all.subList(0, 21))).isEqualTo(all.subList(0, 21));
  }

  private static byte[] header(int id, int enc, int len) {
    return java.nio.ByteBuffer.allocate(12)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(id)
        .putInt(enc)
        .putInt(len)
        .array();
  }

  static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] skiOf(X509Certificate c) {
    byte[] ext = c.getExtensionValue("2.5.29.14"); // OCTET STRING { OCTET STRING { ski } }
    return Arrays.copyOfRange(ext, 4, ext.length);
  }

  private static byte[] tbs(X509Certificate c) {
    try {
      return c.getTBSCertificate();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void build_encodeAndWrite_giveEveryEntrysElementsInOrder() throws IOException {
    SerializedStore store =
        SerializedStore.builder(StoreProfile.WINDOWS_EXPORT)
            .add(ROOT.certificate(), "Sst Root (friendly)")
            .add(ICA.certificate())
            .profile(StoreProfile.MINIMAL)
            .add(LEAF.certificate())
            .build();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T'});
    for (StoreEntry e : store.entries()) {
      for (StoreProperty p : e.properties()) {
        expected.writeBytes(header(p.id(), 1, p.length()));
        expected.writeBytes(p.value().toByteArray());
      }
      expected.writeBytes(header(e.contextType().code(), 1, e.encoded().size()));
      expected.writeBytes(e.encoded().toByteArray());
    }
    expected.writeBytes(new byte[12]);
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    store.write(streamed);

    assertThat(store.encode().toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(streamed.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(store.encodedSize()).isEqualTo(expected.size());
    assertThat(store.entries().get(2).properties()).isEmpty();
    assertThat(store.entries().get(0).properties()).hasSize(7);
    assertThat(store.entries().get(0).properties().get(0).offset()).isEmpty();
    assertThat(store.entries().get(0).offset()).isEmpty();
    assertThat(store.entries().get(0).encoded().toByteArray()).isEqualTo(ROOT.der());

    // a changed copy is laid out anew
    SerializedStore renamed =
        store.toBuilder().setFriendlyName(store.entries().get(1).sha1(), "Issuing").build();
    assertThat(renamed.entries().get(1).friendlyName()).hasValue("Issuing");
    assertThat(renamed.encodedSize()).isEqualTo(store.encodedSize() + 12 + 16);
    assertThat(SerializedStore.read(renamed.encode())).isEqualTo(renamed);
  }

  @Test
  void toBuilder_ofReadStore_keepsBytesAndReadOffsets() {
    byte[] data = TestFiles.bytes("wine-generated/wine8_saveasstore_friendlyname_crl.sst");
    SerializedStore read = SerializedStore.read(Bytes.copyOf(data));

    SerializedStore again = read.toBuilder().build();

    assertThat(again).isEqualTo(read);
    assertThat(again.encode().toByteArray()).isEqualTo(data);
    for (int i = 0; i < read.size(); i++) {
      StoreEntry a = again.entries().get(i);
      StoreEntry r = read.entries().get(i);
      assertThat(a.offset()).isEqualTo(r.offset());
      assertThat(a.properties())
          .extracting(StoreProperty::offset)
          .isEqualTo(r.properties().stream().map(StoreProperty::offset).toList());
    }
    assertThat(read.entries().get(0).properties()).isNotEmpty();
  }
}
