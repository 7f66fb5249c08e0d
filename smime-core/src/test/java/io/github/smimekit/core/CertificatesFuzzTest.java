package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Certificate sniffing and decoding on arbitrary bytes, and every call a caller makes on what
 * {@link Certificates#read} returns (summary, thumbprints, e-mail addresses, fitness, chain
 * building with the input as pool): only results or a typed {@link SmimeException} may come out.
 * The second target builds PEM text that mixes certificate blocks with keys and other blocks, so
 * the fuzzer spends its time on the mixed-PEM path: the certificates are read, every other block is
 * listed, and nothing of a key block's body reaches a message or a description. In {@code mvn test}
 * both run over the seeds in {@code CertificatesFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=CertificatesFuzzTest} fuzzes.
 */
final class CertificatesFuzzTest {
  private static final ReadLimits LIMITS = ReadLimits.defaults().withMaxCertificates(1000);
  private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
  private static final String[] LABELS = {
    "CERTIFICATE",
    "X509 CERTIFICATE",
    "TRUSTED CERTIFICATE",
    "PKCS7",
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "PUBLIC KEY",
    "EC PARAMETERS",
    "X509 CRL",
    "CERTIFICATE REQUEST",
  };
  private static final String[] SEPARATORS = {"", "\n", "\r\n", "text\n", " ", "-----", "\u0000"};
  // a marker no certificate block can produce: key bodies carry it, messages must not
  private static final String SECRET = "S3cretK3yB0dyS3cretK3yB0dy";

  private static final byte[] CERT_DER = certificate();

  private static byte[] certificate() {
    TestPki pki = TestPki.create(5L);
    TestCertificate ca = pki.rootCa("Fuzz CA").keyType(KeyType.EC_P256).build();
    try {
      return pki.leaf(ca)
          .keyType(KeyType.EC_P256)
          .email("a@example.com")
          .build()
          .certificate()
          .getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] withTail(byte[] der, int keep, byte[] tail) {
    byte[] b = java.util.Arrays.copyOf(der, keep == der.length ? der.length + tail.length : keep);
    if (keep == der.length) {
      System.arraycopy(tail, 0, b, der.length, tail.length);
    }
    return b;
  }

  @FuzzTest(maxDuration = "60s")
  void readFile_mixedPem_readsCertificatesListsTheRestAndHidesKeys(FuzzedDataProvider data) {
    StringBuilder text = new StringBuilder();
    int blocks = data.consumeInt(1, 6);
    for (int i = 0; i < blocks; i++) {
      text.append(SEPARATORS[data.consumeInt(0, SEPARATORS.length - 1)]);
      String label = LABELS[data.consumeInt(0, LABELS.length - 1)];
      boolean key = label.contains("PRIVATE KEY");
      // a real certificate's DER (whole, cut or followed by fuzz bytes) or fuzz bytes alone
      byte[] body =
          !key && data.consumeBoolean()
              ? withTail(CERT_DER, data.consumeInt(0, CERT_DER.length), data.consumeBytes(8))
              : data.consumeBytes(data.consumeInt(0, 1200));
      text.append("-----BEGIN ").append(label).append("-----\n");
      if (key) {
        if (data.consumeBoolean()) {
          text.append("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n");
        }
        text.append(SECRET).append('\n');
      }
      text.append(Base64.getMimeEncoder().encodeToString(body));
      if (data.consumeBoolean()) {
        text.append("\n-----END ").append(label).append("-----\n");
      }
    }
    text.append(data.consumeRemainingAsAsciiString());
    byte[] input = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    CertificateFile file;
    try {
      file = Certificates.readFile(input, LIMITS);
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain(SECRET);
      return;
    }
    assertThat(file.certificates()).isNotEmpty().doesNotContainNull();
    assertThat(file.toString()).doesNotContain(SECRET);
    for (CertificateFile.Skipped s : file.skipped()) {
      assertThat(s.offset()).isBetween(0L, (long) input.length);
      assertThat(s.describe()).doesNotContain(SECRET);
    }
    assertThat(String.join("\n", file.skippedSummary())).doesNotContain(SECRET);
    assertThat(Certificates.read(input, LIMITS)).isEqualTo(file.certificates());
  }

  @FuzzTest(maxDuration = "60s")
  void read_anyBytes_returnsCertificatesOrThrowsSmimeException(byte[] data) {
    List<X509Certificate> certs;
    try {
      certs = Certificates.read(data, LIMITS);
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(certs).isNotEmpty().doesNotContainNull();
    assertThat(Certificates.detect(data)).isNotNull();
    for (X509Certificate c : certs.subList(0, Math.min(certs.size(), 4))) {
      try {
        Certificates.summarize(c);
      } catch (SmimeFormatException e) {
        assertThat(e.getMessage()).isNotBlank(); // a malformed extension
      }
      assertThat(Thumbprint.sha256(c).hex()).hasSize(64);
      try {
        Certificates.emailAddresses(c);
        SmimeFitness.defaults().check(c, "a@example.com", Purpose.BOTH, AT);
      } catch (SmimeFormatException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    List<X509Certificate> pool = certs.subList(0, Math.min(certs.size(), 16));
    try {
      ChainResolver resolver =
          ChainResolver.builder()
              .trustAnchors(pool.get(pool.size() - 1))
              .intermediates(pool)
              .build();
      assertThat(resolver.resolve(pool.get(0), AT)).isNotNull();
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void readDer_anyBytes_agreesWithReadOrThrowsSmimeException(byte[] data) {
    X509Certificate der;
    try {
      der = Certificates.readDer(data);
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    // one acceptance rule: what readDer admits, read admits as the same one certificate
    assertThat(Certificates.read(data, LIMITS)).containsExactly(der);
    try {
      assertThat(der.getEncoded()).isEqualTo(data);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new AssertionError(e);
    }
    assertThat(Thumbprint.sha1(der).hex()).hasSize(40);
    try {
      Certificates.summarize(der);
      SmimeFitness.defaults().check(der, "a@example.com", Purpose.BOTH, AT);
    } catch (SmimeFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
