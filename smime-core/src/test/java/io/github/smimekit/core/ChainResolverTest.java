package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Policy options, preference order, unanchored chains and thread safety of {@link ChainResolver}.
 */
final class ChainResolverTest {
  private final TestPki pki = TestPki.create(7007L);
  private final Instant now = pki.now();
  private final TestCertificate root = pki.rootCa("Res Root").keyType(KeyType.EC_P256).build();
  private final TestCertificate ica =
      pki.intermediateCa("Res Issuing CA", root).keyType(KeyType.EC_P256).build();
  private final TestCertificate leaf =
      pki.leaf(ica).keyType(KeyType.EC_P256).email("alice@example.com").build();

  private static List<X509Certificate> certs(TestCertificate... cs) {
    List<X509Certificate> out = new ArrayList<>();
    for (TestCertificate c : cs) {
      out.add(c.certificate());
    }
    return out;
  }

  @Test
  void resolve_simpleChain_leafToAnchorWithThumbprints() throws Exception {
    ChainResolver r =
        ChainResolver.builder().trustAnchors(root.certificate()).intermediates(certs(ica)).build();
    CertificateChain chain = r.resolve(leaf.certificate(), now).chainOrThrow();
    assertThat(chain.certificates()).containsExactlyElementsOf(certs(leaf, ica, root));
    assertThat(chain.thumbprints())
        .containsExactly(
            ChainDiagnosisTest.sha1(leaf.certificate()),
            ChainDiagnosisTest.sha1(ica.certificate()),
            ChainDiagnosisTest.sha1(root.certificate()));
    assertThat(chain.anchored()).isTrue();
    assertThat(chain.warnings()).isEmpty();
    assertThat(chain.caCertificates()).containsExactlyElementsOf(certs(ica, root));
    assertThat(chain.leaf()).isEqualTo(leaf.certificate());
    assertThat(chain.root()).isEqualTo(root.certificate());
  }

  @Test
  void resolve_noAnchorsSelfSignedRootInPool_unanchoredChainWithWarning() {
    ChainResolver r = ChainResolver.builder().intermediates(certs(root, ica)).build();
    CertificateChain chain = r.resolve(leaf.certificate(), now).chainOrThrow();
    assertThat(chain.certificates()).containsExactlyElementsOf(certs(leaf, ica, root));
    assertThat(chain.anchored()).isFalse();
    assertThat(chain.warnings()).anyMatch(w -> w.contains("not a trust anchor"));
  }

  @Test
  void resolve_acceptUnanchored_anchoredChainPreferredOverUnanchored() {
    TestCertificate other = pki.rootCa("Res Other Root").keyType(KeyType.EC_P256).build();
    ChainResolver strict =
        ChainResolver.builder()
            .trustAnchors(other.certificate())
            .intermediates(certs(root, ica))
            .build();
    assertThat(strict.resolve(leaf.certificate(), now).diagnosis().orElseThrow().status())
        .isEqualTo(ChainStatus.UNTRUSTED_ROOT);
    ChainResolver lenient = strict.toBuilder().acceptUnanchored(true).build();
    assertThat(lenient.resolve(leaf.certificate(), now).chainOrThrow().anchored()).isFalse();
    // once the root is an anchor too, the anchored chain wins
    ChainResolver both = lenient.toBuilder().trustAnchors(root.certificate()).build();
    assertThat(both.resolve(leaf.certificate(), now).chainOrThrow().anchored()).isTrue();
  }

  @Test
  void resolveAll_crossSignedIntermediate_shortestFirstAndBothReturned() {
    TestCertificate rootB = pki.rootCa("Res Root B").keyType(KeyType.EC_P256).build();
    TestCertificate icaB = pki.intermediateCa("Res B CA", rootB).keyType(KeyType.EC_P256).build();
    TestCertificate leafB = pki.leaf(icaB).keyType(KeyType.EC_P256).build();
    TestCertificate rootBbyA = pki.crossSign(rootB, root); // rootB's key, issued by root
    TestCertificate icaBbyA = pki.crossSign(icaB, root); // icaB's key, issued by root
    List<X509Certificate> pool = certs(icaB, rootBbyA, icaBbyA);
    Collections.reverse(pool);
    ChainResolver r =
        ChainResolver.builder().trustAnchors(root.certificate()).intermediates(pool).build();
    assertThat(r.resolve(leafB.certificate(), now).chainOrThrow().certificates())
        .containsExactlyElementsOf(certs(leafB, icaBbyA, root));
    ChainResult all = r.resolveAll(leafB.certificate(), now);
    assertThat(all.chains()).hasSize(2);
    assertThat(all.chains().get(0).certificates())
        .containsExactlyElementsOf(certs(leafB, icaBbyA, root));
    assertThat(all.chains().get(1).certificates())
        .containsExactlyElementsOf(certs(leafB, icaB, rootBbyA, root));
  }

  @Test
  void resolve_reissuedCaSameKey_newestNotBeforePreferredWhateverPoolOrder() {
    TestCertificate reissue =
        pki.crossSigned(ica, root)
            .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(400)))
            .build();
    for (List<X509Certificate> pool : List.of(certs(ica, reissue), certs(reissue, ica))) {
      ChainResolver r =
          ChainResolver.builder().trustAnchors(root.certificate()).intermediates(pool).build();
      assertThat(r.resolve(leaf.certificate(), now).chainOrThrow().certificates().get(1))
          .isEqualTo(reissue.certificate());
      assertThat(r.resolveAll(leaf.certificate(), now).chains()).hasSize(2);
    }
  }

  @Test
  void resolve_renewedCaSameNameNewKeyWithoutKeyIds_signatureDecides() {
    TestCertificate renewed = pki.renew(ica).build();
    TestCertificate oldLeaf =
        pki.leaf(ica).keyType(KeyType.EC_P256).noAuthorityKeyIdentifier().build();
    TestCertificate newLeaf =
        pki.leaf(renewed).keyType(KeyType.EC_P256).noAuthorityKeyIdentifier().build();
    TestCertificate lyingLeaf =
        pki.leaf(renewed)
            .keyType(KeyType.EC_P256)
            .authorityKeyIdentifier(new byte[] {1, 2, 3, 4})
            .build();
    ChainResolver r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(certs(ica, renewed))
            .build();
    assertThat(r.resolve(oldLeaf.certificate(), now).chainOrThrow().certificates().get(1))
        .isEqualTo(ica.certificate());
    assertThat(r.resolve(newLeaf.certificate(), now).chainOrThrow().certificates().get(1))
        .isEqualTo(renewed.certificate());
    assertThat(r.resolve(lyingLeaf.certificate(), now).chainOrThrow().certificates().get(1))
        .isEqualTo(renewed.certificate());
  }

  @Test
  void resolve_expiredCrossSignNextToValidRoute_validRouteChosen() {
    TestCertificate rootB = pki.rootCa("Res Root C").keyType(KeyType.EC_P256).build();
    TestCertificate expiredCross = pki.crossSigned(ica, rootB).expired().build();
    ChainResolver r =
        ChainResolver.builder()
            .trustAnchors(root.certificate(), rootB.certificate())
            .intermediates(certs(expiredCross, ica))
            .build();
    assertThat(r.resolve(leaf.certificate(), now).chainOrThrow().certificates())
        .containsExactlyElementsOf(certs(leaf, ica, root));
  }

  @Test
  void resolve_leafIsAnchor_oneCertificateChain() {
    ChainResolver r = ChainResolver.builder().trustAnchors(leaf.certificate()).build();
    CertificateChain chain = r.resolve(leaf.certificate(), now).chainOrThrow();
    assertThat(chain.length()).isEqualTo(1);
    assertThat(chain.anchored()).isTrue();
  }

  @Test
  void resolve_manyThreads_sameResults() {
    List<TestCertificate> leaves = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      leaves.add(pki.leaf(ica).keyType(KeyType.EC_P256).build());
    }
    ChainResolver r =
        ChainResolver.builder().trustAnchors(root.certificate()).intermediates(certs(ica)).build();
    List<List<Thumbprint>> parallel =
        IntStream.range(0, 400)
            .parallel()
            .mapToObj(i -> r.resolve(leaves.get(i % 20).certificate(), now))
            .map(res -> res.chainOrThrow().thumbprints())
            .toList();
    for (int i = 0; i < 400; i++) {
      assertThat(parallel.get(i))
          .isEqualTo(r.resolve(leaves.get(i % 20).certificate(), now).chainOrThrow().thumbprints());
    }
  }

  @Test
  void builder_badArguments_rejected() {
    ChainResolver.Builder b = ChainResolver.builder();
    assertThatThrownBy(() -> b.budget(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.budget(5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.requiredExtendedKeyUsages("emailProtection"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.trustAnchors((X509Certificate) null))
        .isInstanceOf(NullPointerException.class);
    ChainResolver r = b.budget(7, 3).build();
    assertThat(r.maxCandidates()).isEqualTo(7);
    assertThat(r.maxDepth()).isEqualTo(3);
    assertThat(r.toBuilder().build().maxCandidates()).isEqualTo(7);
  }

  @Test
  void defaults_profileAndAnchorCases_documentedBehaviour() throws Exception {
    // profile rules are off by default: the two profile cases build a chain
    for (String id :
        List.of(
            "limbo-rfc5280-leaf-ku-keycertsign",
            "limbo-rfc5280-root-non-critical-basic-constraints")) {
      assertThat(resolveCase(id, ChainResolver.builder()).isValid()).as(id).isTrue();
      assertThat(resolveCase(id, ChainResolver.builder().strictProfile(true)).isValid())
          .as(id)
          .isFalse();
    }
    // anchors are checked by default; checkAnchorConstraints(false) behaves like the JDK
    for (String id :
        List.of(
            "limbo-rfc5280-validity-expired-root",
            "limbo-rfc5280-unknown-critical-extension-root",
            "limbo-rfc5280-nc-permitted-dn-mismatch")) {
      assertThat(resolveCase(id, ChainResolver.builder()).isValid()).as(id).isFalse();
      assertThat(resolveCase(id, ChainResolver.builder().checkAnchorConstraints(false)).isValid())
          .as(id)
          .isTrue();
    }
    // DSA (PKITS 4.1.4) is accepted by default and refused on request
    assertThat(resolveCase("pkits-4.1.4", ChainResolver.builder()).isValid()).isTrue();
    assertThat(
            resolveCase(
                    "pkits-4.1.4",
                    ChainResolver.builder()
                        .algorithmPolicy(AlgorithmPolicy.builder().allowDsa(false).build()))
                .diagnosis()
                .orElseThrow()
                .status())
        .isEqualTo(ChainStatus.DISALLOWED_ALGORITHM);
  }

  private static ChainResult resolveCase(String id, ChainResolver.Builder b) throws Exception {
    Path dir = Rfc5280PathValidationTest.CASES.resolve(id);
    X509Certificate caseLeaf = Rfc5280PathValidationTest.pem(dir.resolve("leaf.pem")).get(0);
    String json = java.nio.file.Files.readString(dir.resolve("case.json"));
    String time = json.replaceAll("(?s).*\"validation_time\": \"([^\"]+)\".*", "$1");
    return b.trustAnchors(Rfc5280PathValidationTest.pem(dir.resolve("anchors.pem")))
        .intermediates(Rfc5280PathValidationTest.pem(dir.resolve("pool.pem")))
        .build()
        .resolve(caseLeaf, Instant.parse(time));
  }
}
