package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Certificate sniffing and decoding on arbitrary bytes, and every call a caller makes on what
 * {@link Certificates#read} returns (summary, thumbprints, e-mail addresses, fitness, chain
 * building with the input as pool): only results or a typed {@link SmimeException} may come out. In
 * {@code mvn test} it runs over the seeds in {@code CertificatesFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1 mvn test -Dtest=CertificatesFuzzTest} fuzzes.
 */
final class CertificatesFuzzTest {
  private static final ReadLimits LIMITS = ReadLimits.defaults().withMaxCertificates(1000);
  private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

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
}
