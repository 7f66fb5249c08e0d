package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Certificate sniffing and decoding on arbitrary bytes: only certificates or a typed {@link
 * SmimeException} may come out. In {@code mvn test} it runs over the seeds in {@code
 * CertificatesFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test -Dtest=CertificatesFuzzTest} fuzzes.
 */
final class CertificatesFuzzTest {
  private static final ReadLimits LIMITS = ReadLimits.defaults().withMaxCertificates(1000);

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
  }
}
