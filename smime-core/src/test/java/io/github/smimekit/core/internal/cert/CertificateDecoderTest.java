package io.github.smimekit.core.internal.cert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CertificateDecoder#decode}, the path of bytes that are a certificate by their container (a
 * PKCS#12 certificate bag): what is not a certificate must be refused as what it is, never handed
 * to Bouncy Castle's factory, which takes a PKCS#7's first certificate.
 */
final class CertificateDecoderTest {
  @Test
  void decode_pkcs7SignedData_isRefusedNotTakenAsItsFirstCertificate() {
    TestPki pki = TestPki.create(89L);
    TestCertificate ca = pki.rootCa("Decoder CA").keyType(KeyType.EC_P256).build();
    byte[] p7 = Certificates.encodePkcs7(List.of(ca.certificate())).toByteArray();
    assertThatThrownBy(() -> CertificateDecoder.create().decode(p7, 0, p7.length, "bag #1", 40))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "bag #1: a PKCS#7 signed data, not one certificate (Certificates.read takes its"
                + " certificates)");
  }

  @Test
  void decode_crl_isRefusedAsACrl() throws Exception {
    TestPki pki = TestPki.create(89L);
    TestCertificate ca = pki.rootCa("Decoder CA").keyType(KeyType.EC_P256).build();
    byte[] crl = pki.crl(ca).getEncoded();
    assertThatThrownBy(() -> CertificateDecoder.create().decode(crl, 0, crl.length, "bag #2", 0))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("bag #2: a certificate revocation list (crl), not a certificate");
  }
}
