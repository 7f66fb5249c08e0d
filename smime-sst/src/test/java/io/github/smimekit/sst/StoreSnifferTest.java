package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content sniffing of files named .sst (spec section 4). */
final class StoreSnifferTest {

  @ParameterizedTest
  @CsvSource({
    "windows/GeekDuanLian-windows-cert-sync__pinrules.sst, SERIALIZED_STORE, 12",
    "wine-generated/wine8_saveasstore_friendlyname_crl.sst, SERIALIZED_STORE, 3",
    "pkcs7-named-sst/openssl_pkcs7_2certs_der.sst, PKCS7, 2",
    "pkcs7-named-sst/openssl_pkcs7_1cert_pem.sst, PKCS7, 1",
    "wine-generated/c0.der, CERTIFICATES, 1",
    "wine-generated/ca.der, CERTIFICATES, 1",
  })
  void open_acceptedContent_givesStore(String file, StoreFormat format, int entries)
      throws IOException {
    SniffedStore s = StoreSniffer.open(TestFiles.path(file), SstReadOptions.defaults());

    assertThat(s.format()).isEqualTo(format);
    assertThat(StoreSniffer.detect(Bytes.copyOf(TestFiles.bytes(file)))).isEqualTo(format);
    assertThat(s.store().size()).isEqualTo(entries);
  }

  @Test
  void open_pkcs7_givesSameCertificatesAsTheWindowsStoreTheyCameFrom() throws IOException {
    SniffedStore p7 =
        StoreSniffer.open(
            TestFiles.path("pkcs7-named-sst/openssl_pkcs7_2certs_der.sst"),
            SstReadOptions.defaults());
    byte[] c0 = TestFiles.bytes("wine-generated/c0.der");
    byte[] c1 = TestFiles.bytes("wine-generated/c1.der");

    assertThat(p7.store().entries())
        .extracting(StoreEntry::encoded)
        .containsExactly(Bytes.copyOf(c0), Bytes.copyOf(c1));
    assertThat(p7.store().entries()).allSatisfy(e -> assertThat(e.properties()).isEmpty());
  }

  @Test
  void open_sstable_refusedAsNotACertificateStore() {
    byte[] data = TestFiles.bytes("not-sst/DobrinGanev-SSTable__test.sst");

    assertThat(StoreSniffer.detect(Bytes.copyOf(data))).isEqualTo(StoreFormat.UNKNOWN);
    assertThatThrownBy(() -> StoreSniffer.open(Bytes.copyOf(data), SstReadOptions.lenient()))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(SstProblem.NOT_A_CERTIFICATE_STORE);
              assertThat(e.getMessage()).startsWith("not a certificate store");
            });
  }

  @Test
  void open_headerlessElements_refusedUnlessAllowed() {
    byte[] data = TestFiles.bytes("wine-tests/serializedCertWithFriendlyName.bin");

    assertThat(StoreSniffer.detect(Bytes.copyOf(data))).isEqualTo(StoreFormat.HEADERLESS_ELEMENTS);
    assertThatThrownBy(() -> StoreSniffer.open(Bytes.copyOf(data), SstReadOptions.defaults()))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.problem()).isEqualTo(SstProblem.HEADERLESS_ELEMENTS));
    SniffedStore s =
        StoreSniffer.open(
            Bytes.copyOf(data), SstReadOptions.builder().allowHeaderlessElements(true).build());
    assertThat(s.store().size()).isEqualTo(1);
    assertThat(s.store().entries().get(0).friendlyName()).hasValue("WineTest");
    assertThat(
            StoreSniffer.open(
                    Bytes.copyOf(TestFiles.bytes("wine-tests/serializedCert.bin")),
                    SstReadOptions.builder().allowHeaderlessElements(true).build())
                .store()
                .entries()
                .get(0)
                .encoded()
                .size())
        .isEqualTo(124);
  }

  @Test
  void open_otherRefusals_typed() {
    assertThatThrownBy(
            () ->
                StoreSniffer.open(
                    Bytes.copyOf(TestFiles.bytes("wine-generated/test.crl")),
                    SstReadOptions.defaults()))
        .isInstanceOf(SstFormatException.class);
    assertThatThrownBy(
            () ->
                StoreSniffer.open(
                    Bytes.copyOf(
                        TestFiles.bytes(
                            "wine-generated/wine8_saveaspkcs7_2certs.p7-bare-signeddata")),
                    SstReadOptions.defaults()))
        .isInstanceOf(SstFormatException.class);
    assertThatThrownBy(() -> StoreSniffer.open(Bytes.EMPTY, SstReadOptions.defaults()))
        .isInstanceOfSatisfying(
            SstFormatException.class,
            e -> assertThat(e.problem()).isEqualTo(SstProblem.EMPTY_INPUT));
    assertThat(StoreSniffer.open(Bytes.EMPTY, SstReadOptions.lenient()).store().isEmpty()).isTrue();
  }

  @Test
  void open_base64AndUtf16Pem_accepted() {
    byte[] der = TestFiles.bytes("wine-generated/c1.der");
    String b64 = Base64.getMimeEncoder().encodeToString(der);
    String pem = "-----BEGIN CERTIFICATE-----\r\n" + b64 + "\r\n-----END CERTIFICATE-----\r\n";

    assertThat(
            StoreSniffer.open(
                    Bytes.copyOf(b64.getBytes(StandardCharsets.US_ASCII)),
                    SstReadOptions.defaults())
                .format())
        .isEqualTo(StoreFormat.CERTIFICATES);
    SniffedStore utf16 =
        StoreSniffer.open(
            Bytes.copyOf((pem + pem).getBytes(StandardCharsets.UTF_16LE)),
            SstReadOptions.defaults());
    assertThat(utf16.format()).isEqualTo(StoreFormat.CERTIFICATES);
    assertThat(utf16.store().size()).isEqualTo(1); // the same certificate twice is kept once
    assertThat(utf16.store().entries().get(0).encoded()).isEqualTo(Bytes.copyOf(der));
  }
}
