package io.github.smimekit.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.SmimeException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The parser of caIssuers answers ({@link AiaAnswers#parse}) on arbitrary bytes, and chain building
 * with what it returns as the fetched pool: only certificates or a typed {@link SmimeException} may
 * come out. In {@code mvn test} it runs over the seeds in {@code AiaAnswersFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1 mvn test -Dtest=AiaAnswersFuzzTest} fuzzes.
 */
final class AiaAnswersFuzzTest {
  private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

  @FuzzTest(maxDuration = "60s")
  void parse_anyAnswer_returnsCertificatesOrThrowsSmimeException(byte[] data) {
    List<X509Certificate> certs;
    try {
      certs = AiaAnswers.parse(data, 64 * 1024);
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(data.length).isLessThanOrEqualTo(64 * 1024);
    assertThat(certs).isNotEmpty().doesNotContainNull().hasSizeLessThanOrEqualTo(64);
    try {
      ChainResolver resolver =
          ChainResolver.builder()
              .trustAnchors(certs.get(certs.size() - 1))
              .intermediates(certs)
              .build();
      assertThat(resolver.resolve(certs.get(0), AT)).isNotNull();
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
