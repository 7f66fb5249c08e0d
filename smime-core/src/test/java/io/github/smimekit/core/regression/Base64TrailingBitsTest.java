package io.github.smimekit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.CertificateEncoding;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A PEM certificate whose last base64 character before the padding carries non-zero unused bits (a
 * fuzzing finding): {@code read} took it through the JDK's decoder while {@code detect} refused it.
 * Both accept it now, and the certificate is the one encoded.
 */
final class Base64TrailingBitsTest {
  @Test
  void pemWithNonZeroUnusedBits_readAndDetectAgree() {
    X509Certificate cert = null;
    String b64 = "";
    for (long seed = 64; !b64.endsWith("="); seed++) { // a DER length that leaves unused bits
      cert = TestPki.create(seed).rootCa("Trailing Bits").build().certificate();
      b64 = Base64.getEncoder().encodeToString(Certificates.encodeDer(cert).toByteArray());
    }
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
