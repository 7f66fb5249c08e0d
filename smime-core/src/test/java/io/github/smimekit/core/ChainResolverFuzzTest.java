package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Chain building over whatever {@link Certificates#read} admits from arbitrary bytes (every
 * encoding it sniffs, and certificates its decoder accepts beyond the JDK's factory): each
 * certificate as leaf, pool member and anchor at once, with odd or broken extensions and keys,
 * gives only a {@link ChainResult}, never another exception; so does gathering the issuing CA
 * certificates of all of them. Pool loading of the same bytes gives certificates or a typed {@link
 * SmimeException}. Seeds: {@code ChainResolverFuzzTestInputs/} (DER certificates from the chain
 * test cases, with name constraints, unknown critical extensions and DSA keys).
 */
final class ChainResolverFuzzTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final int MAX_CERTIFICATES = 8;

  @FuzzTest(maxDuration = "60s")
  void resolve_anyDecodableCertificate_returnsResult(byte[] data) {
    try {
      CertificatePool.read(Bytes.copyOf(data));
    } catch (SmimeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    List<X509Certificate> certs;
    try {
      certs = Certificates.read(Bytes.copyOf(data));
    } catch (SmimeException e) {
      return; // not certificates: the resolver never sees them
    }
    if (certs.size() > MAX_CERTIFICATES) {
      certs = certs.subList(0, MAX_CERTIFICATES);
    }
    ChainResolver pooled = ChainResolver.builder().intermediates(certs).build();
    ChainResolver anchored =
        ChainResolver.builder()
            .trustAnchors(certs)
            .intermediates(certs)
            .strictProfile(true)
            .requiredExtendedKeyUsages("1.3.6.1.5.5.7.3.4")
            .algorithmPolicy(AlgorithmPolicy.builder().allowSha1(false).allowDsa(false).build())
            .build();
    ChainResolver unanchoredAccepted =
        ChainResolver.builder()
            .trustAnchors(certs.get(certs.size() - 1))
            .intermediates(certs)
            .acceptUnanchored(true)
            .checkAnchorConstraints(false)
            .build();
    for (ChainResolver r : List.of(pooled, anchored, unanchoredAccepted)) {
      for (X509Certificate cert : certs) {
        ChainResult result = r.resolveAll(cert, AT);
        assertThat(result.isValid() || result.diagnosis().isPresent()).isTrue();
        result.diagnosis().ifPresent(d -> assertThat(d.reason()).isNotBlank());
        result.chains().forEach(c -> assertThat(c.leaf()).isEqualTo(cert));
      }
      IssuingCaCertificates cas = r.issuingCaCertificates(certs, AT);
      assertThat(cas.results()).hasSize(certs.size());
      assertThat(cas.thumbprints()).hasSameSizeAs(cas.caCertificates());
    }
  }
}
