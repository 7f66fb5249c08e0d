package io.github.smimekit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.CertificateEncoding;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A PEM certificate whose last base64 character before the padding carries non-zero unused bits (a
 * fuzzing finding): {@code read} took it through the JDK's decoder while {@code detect} refused it.
 * Both accept it now, and the certificate is the one encoded.
 */
final class Base64TrailingBitsTest {
  @Test
  @Timeout(60)
  void pemWithNonZeroUnusedBits_readAndDetectAgree() {
    // a DER length that is not a multiple of 3 leaves unused bits in the last character; each
    // character more in the name adds two bytes (subject and issuer), so three tries cover every
    // remainder
    TestPki pki = TestPki.create(64);
    X509Certificate cert = null;
    String b64 = "";
    for (int extra = 0; extra < 3 && !b64.endsWith("="); extra++) {
      cert = pki.rootCa("Trailing Bits" + "x".repeat(extra)).build().certificate();
      b64 = Base64.getEncoder().encodeToString(Certificates.encodeDer(cert).toByteArray());
    }
    assertThat(b64).endsWith("=");
    int lastChar = b64.replace("=", "").length() - 1;
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int v = alphabet.indexOf(b64.charAt(lastChar));
    String mutated =
        b64.substring(0, lastChar) + alphabet.charAt(v ^ 1) + b64.substring(lastChar + 1);
    assertThat(mutated).isNotEqualTo(b64);
    byte[] pem =
        ("-----BEGIN CERTIFICATE-----\n" + mutated + "\n-----END CERTIFICATE-----\n")
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(Certificates.read(pem)).containsExactly(cert);
    assertThat(Certificates.detect(pem)).isEqualTo(CertificateEncoding.PEM);
  }
}
