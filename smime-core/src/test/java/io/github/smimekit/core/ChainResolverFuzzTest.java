package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Chain building over certificates made of arbitrary bytes (anything the JDK agrees to decode): as
 * leaf, pool member and anchor at once, with odd or broken extensions, only a {@link ChainResult}
 * comes out, never another exception. Pool loading of the same bytes gives certificates or a typed
 * {@link SmimeException}. Seeds: {@code ChainResolverFuzzTestInputs/} (DER certificates from the
 * chain test cases, with name constraints, unknown critical extensions and DSA keys).
 */
final class ChainResolverFuzzTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @FuzzTest(maxDuration = "60s")
  void resolve_anyDecodableCertificate_returnsResult(byte[] data) {
    try {
      CertificatePool.read(Bytes.copyOf(data));
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(data));
    } catch (CertificateException | RuntimeException e) {
      return; // not a certificate the JDK decodes: the resolver never sees it
    }
    ChainResolver pooled = ChainResolver.builder().intermediates(List.of(cert)).build();
    ChainResolver anchored =
        ChainResolver.builder()
            .trustAnchors(cert)
            .intermediates(cert)
            .strictProfile(true)
            .requiredExtendedKeyUsages("1.3.6.1.5.5.7.3.4")
            .build();
    for (ChainResolver r : List.of(pooled, anchored)) {
      ChainResult result = r.resolveAll(cert, AT);
      assertThat(result.isValid() || result.diagnosis().isPresent()).isTrue();
      result.diagnosis().ifPresent(d -> assertThat(d.reason()).isNotBlank());
    }
  }
}
