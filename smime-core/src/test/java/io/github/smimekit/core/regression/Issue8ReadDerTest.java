package io.github.smimekit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Certificates#readDer}: the one-DER-certificate entry point that smime-sst decodes store
 * elements with. It must admit what {@link Certificates#read} admits for the same DER (one decoder,
 * one acceptance rule), give back exactly the input as the encoding, and refuse everything else
 * with a precise {@link SmimeFormatException}.
 */
final class Issue8ReadDerTest {
  private static TestPki pki;
  private static TestCertificate ca;
  private static List<TestCertificate> leaves;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(88L);
    ca = pki.rootCa("ReadDer CA").keyType(KeyType.EC_P256).build();
    leaves =
        List.of(
            pki.leaf(ca).keyType(KeyType.EC_P256).email("ec@example.com").build(),
            pki.leaf(ca).keyType(KeyType.RSA_2048).email("rsa@example.com").build(),
            pki.intermediateCa("ReadDer Sub CA", ca).keyType(KeyType.EC_P384).build(),
            ca);
  }

  /** The EC leaf with its key re-encoded with explicit P-256 parameters and the given point. */
  private static byte[] withExplicitP256Key(Function<ECPublicKey, byte[]> point) {
    TestCertificate ecLeaf = leaves.get(0);
    ECPublicKey real = (ECPublicKey) ecLeaf.publicKey();
    return Crafted.replace(
        ecLeaf, ca, Crafted.SUBJECT_PUBLIC_KEY_INFO, Crafted.ecExplicitP256(point.apply(real)));
  }

  @Test
  void readDer_realCertificates_equalReadAndKeepTheInputAsEncoding() throws Exception {
    for (TestCertificate t : leaves) {
      byte[] der = t.der();
      X509Certificate c = Certificates.readDer(der);
      assertThat(c).isEqualTo(Certificates.readOne(der));
      assertThat(c.getEncoded()).isEqualTo(der);
    }
  }

  @Test
  void readDer_sliceOfALargerBuffer_decodesOnlyTheSlice() throws Exception {
    byte[] der = leaves.get(0).der();
    byte[] buffer = new byte[der.length + 20];
    Arrays.fill(buffer, (byte) 0x30);
    System.arraycopy(der, 0, buffer, 7, der.length);
    Bytes slice = Bytes.copyOf(buffer).slice(7, 7 + der.length);
    assertThat(Certificates.readDer(slice).getEncoded()).isEqualTo(der);
  }

  @Test
  void readDer_trailingBytes_areRefusedWithTheirOffset() {
    byte[] der = leaves.get(0).der();
    byte[] longer = Arrays.copyOf(der, der.length + 3);
    assertThatThrownBy(() -> Certificates.readDer(longer))
        .isInstanceOfSatisfying(
            SmimeFormatException.class, e -> assertThat(e.offset()).hasValue(der.length))
        .hasMessage("certificate: 3 byte(s) after the certificate");
  }

  @Test
  void readDer_truncated_namesTheShortfall() {
    byte[] der = leaves.get(1).der();
    byte[] cut = Arrays.copyOf(der, der.length - 10);
    assertThatThrownBy(() -> Certificates.readDer(cut))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith("certificate: truncated DER: element at offset 0 declares");
  }

  @Test
  void readDer_outerLengthNotMinimal_isRefusedAsBer() {
    // the same certificate with its outer length in one octet more than needed: BER, which the
    // JDK's parser accepts and re-encodes, so the certificate would not be these bytes
    byte[] der = leaves.get(0).der();
    int lengthOctets = der[1] & 0x7f; // long form: 0x81 or 0x82
    assertThat(der[1] & 0xff).isBetween(0x81, 0x82);
    byte[] ber = new byte[der.length + 1];
    ber[0] = 0x30;
    ber[1] = (byte) (0x80 | (lengthOctets + 1));
    ber[2] = 0; // a leading zero octet
    System.arraycopy(der, 2, ber, 3, der.length - 2);
    assertThat(Certificates.read(ber)).hasSize(1); // read takes BER
    assertThatThrownBy(() -> Certificates.readDer(ber))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate: the certificate's length is not minimally encoded (BER, not DER)");
  }

  @Test
  void readDer_indefiniteLength_isRefused() {
    byte[] der = leaves.get(0).der();
    int header = 2 + (der[1] & 0x7f); // 30 8n and n length octets
    byte[] ber = new byte[der.length - header + 4]; // and two end-of-contents octets
    ber[0] = 0x30;
    ber[1] = (byte) 0x80;
    System.arraycopy(der, header, ber, 2, der.length - header);
    assertThatThrownBy(() -> Certificates.readDer(ber))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("certificate: uses an indefinite (BER) length, not DER");
  }

  @Test
  void readDer_otherEncodingsAndObjects_areRefusedSayingWhatTheyAre() throws Exception {
    String pem = Certificates.encodePem(leaves.get(0).certificate());
    assertThatThrownBy(() -> Certificates.readDer(pem.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate: not a certificate: starts with bytes 2D 2D 2D 2D 2D 42 45 47 \u2026");
    byte[] crl = pki.crl(ca).getEncoded();
    assertThatThrownBy(() -> Certificates.readDer(crl))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("certificate: a certificate revocation list (crl), not a certificate");
    byte[] p7 = Certificates.encodePkcs7(List.of(leaves.get(0).certificate())).toByteArray();
    assertThatThrownBy(() -> Certificates.readDer(p7))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate: a PKCS#7 signed data, not one certificate (Certificates.read takes its"
                + " certificates)");
    assertThatThrownBy(() -> Certificates.readDer(new byte[0]))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("input ends");
  }

  @Test
  void readDer_certificateOnlyBouncyCastleAccepts_isReturnedLikeRead() throws Exception {
    byte[] der = withExplicitP256Key(Crafted::uncompressed);
    X509Certificate c = Certificates.readDer(der);
    assertThat(c.getEncoded()).isEqualTo(der);
    assertThat(c).isEqualTo(Certificates.readOne(der));
  }

  @Test
  void readDer_publicKeyNobodyCanDecode_isRefusedLikeRead() {
    byte[] der = withExplicitP256Key(Crafted::uncompressedOffCurve);
    assertThatThrownBy(() -> Certificates.readDer(der))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate: its public key (algorithm 1.2.840.10045.2.1, explicit parameters)"
                + " cannot be decoded");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void readDer_deepNesting_isRefusedBeforeAnyParserRecurses() {
    TestCertificate withExtension =
        pki.leaf(ca)
            .keyType(KeyType.EC_P256)
            .email("deep@example.com")
            .extension("1.3.6.1.4.1.55555.7", false, Crafted.deepDefinite(5_000))
            .build();
    assertThatThrownBy(() -> Certificates.readDer(withExtension.der()))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("certificate: BER/DER nested deeper than 64 levels");
    byte[] tbs =
        Crafted.tbsWithRawIssuer(
            leaves.get(0), Crafted.nameWithValue(Crafted.deepIndefinite(10_000)));
    byte[] der =
        Crafted.sign(
            tbs,
            org.bouncycastle.asn1.x509.Certificate.getInstance(leaves.get(0).der())
                .getSignatureAlgorithm(),
            leaves.get(0).certificate(),
            ca.privateKey());
    assertThatThrownBy(() -> Certificates.readDer(der))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("certificate: BER/DER nested deeper than 64 levels");
  }
}
