package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The result types of chain building cannot be built inconsistent: {@link CertificateChain}, {@link
 * ChainResult} and {@link ChainDiagnosis} check what they are given and derive thumbprints from the
 * certificates.
 */
final class ChainResultTest {
  private final TestPki pki = TestPki.create(7007L);
  private final Instant now = pki.now();
  private final TestCertificate root = pki.rootCa("Result Root").keyType(KeyType.EC_P256).build();
  private final TestCertificate ica =
      pki.intermediateCa("Result CA", root).keyType(KeyType.EC_P256).build();
  private final TestCertificate leaf = pki.leaf(ica).keyType(KeyType.EC_P256).build();
  private final TestCertificate other = pki.leaf(root).keyType(KeyType.EC_P256).build();

  private List<X509Certificate> certs(TestCertificate... cs) {
    return java.util.Arrays.stream(cs).map(TestCertificate::certificate).toList();
  }

  @Test
  void certificateChain_linkedCertificates_thumbprintsDerived() {
    CertificateChain c = CertificateChain.of(certs(leaf, ica, root), true, List.of());
    assertThat(c.thumbprints())
        .containsExactly(
            Thumbprint.sha1(leaf.certificate()),
            Thumbprint.sha1(ica.certificate()),
            Thumbprint.sha1(root.certificate()));
    assertThat(c.caCertificates()).containsExactlyElementsOf(certs(ica, root));
    assertThat(c).isEqualTo(CertificateChain.of(certs(leaf, ica, root), true, List.of()));
    // an unanchored chain must end in a self-issued certificate
    assertThat(CertificateChain.of(certs(leaf, ica, root), false, List.of()).anchored()).isFalse();
  }

  @Test
  void certificateChain_inconsistentInput_refused() {
    assertThatThrownBy(() -> CertificateChain.of(List.of(), true, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CertificateChain.of(certs(leaf, root), true, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names the issuer 'CN=Result CA");
    assertThatThrownBy(() -> CertificateChain.of(certs(root, root), true, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already on the chain");
    assertThatThrownBy(() -> CertificateChain.of(certs(leaf, ica), false, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("self-issued");
    assertThatThrownBy(() -> CertificateChain.of(certs(leaf, ica), true, List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chainResult_validAndFailed_consistentByFactory() {
    CertificateChain chain = CertificateChain.of(certs(leaf, ica, root), true, List.of());
    ChainResult ok = ChainResult.valid(leaf.certificate(), now, List.of(chain));
    assertThat(ok.isValid()).isTrue();
    assertThat(ok.chainOrThrow()).isEqualTo(chain);
    assertThat(ok.diagnosis()).isEmpty();
    assertThatThrownBy(() -> ChainResult.valid(leaf.certificate(), now, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChainResult.valid(other.certificate(), now, List.of(chain)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not start with the leaf");

    ChainDiagnosis d =
        new ChainDiagnosis(ChainStatus.ISSUER_NOT_FOUND, "no issuer", leaf.certificate());
    assertThat(d.thumbprint()).contains(Thumbprint.sha1(leaf.certificate()));
    ChainResult failed = ChainResult.failed(leaf.certificate(), now, d);
    assertThat(failed.isValid()).isFalse();
    assertThatThrownBy(failed::chainOrThrow)
        .isInstanceOf(ChainBuildingException.class)
        .hasMessage("no issuer");
    assertThat(new ChainDiagnosis(ChainStatus.NO_PATH, "none").certificate()).isEmpty();
    assertThatThrownBy(() -> new ChainDiagnosis(ChainStatus.NO_PATH, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
