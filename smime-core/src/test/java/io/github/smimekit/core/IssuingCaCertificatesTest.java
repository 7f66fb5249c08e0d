package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

final class IssuingCaCertificatesTest {
  @Test
  void of_manyLeaves_deduplicatedRootsFirstStableAndFailuresListed() {
    TestPki pki = TestPki.create(9009L);
    Instant now = pki.now();
    TestCertificate root = pki.rootCa("Store Root").keyType(KeyType.EC_P256).build();
    TestCertificate icaA = pki.intermediateCa("Store A", root).keyType(KeyType.EC_P256).build();
    TestCertificate icaB = pki.intermediateCa("Store B", root).keyType(KeyType.EC_P256).build();
    TestCertificate sub = pki.intermediateCa("Store Sub", icaB).keyType(KeyType.EC_P256).build();
    TestCertificate orphanCa =
        pki.intermediateCa("Store Orphan", root).keyType(KeyType.EC_P256).build();
    ChainResolver r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(icaA.certificate(), icaB.certificate(), sub.certificate())
            .build();
    List<ChainResult> results = new ArrayList<>();
    for (TestCertificate issuer : List.of(icaA, icaB, sub, icaA, sub, orphanCa)) {
      results.add(r.resolve(pki.leaf(issuer).keyType(KeyType.EC_P256).build().certificate(), now));
    }
    IssuingCaCertificates s = IssuingCaCertificates.of(results);
    assertThat(s.caCertificates())
        .containsExactly(
            root.certificate(), icaA.certificate(), icaB.certificate(), sub.certificate());
    assertThat(s.thumbprints()).hasSize(4).doesNotHaveDuplicates();
    assertThat(s.failed()).singleElement().satisfies(f -> assertThat(f.isValid()).isFalse());
    List<ChainResult> reversed = new ArrayList<>(results);
    Collections.reverse(reversed);
    assertThat(IssuingCaCertificates.of(reversed).caCertificates())
        .containsExactlyElementsOf(s.caCertificates());
    assertThat(s.results()).containsExactlyElementsOf(results);
    assertThat(s.isComplete()).isFalse();
    // the resolver's entry point gives the same selection from the users' certificates
    List<X509Certificate> users = results.stream().map(ChainResult::leaf).toList();
    IssuingCaCertificates viaResolver = r.issuingCaCertificates(users, now);
    assertThat(viaResolver.caCertificates()).containsExactlyElementsOf(s.caCertificates());
    assertThat(viaResolver.thumbprints()).containsExactlyElementsOf(s.thumbprints());
    assertThat(viaResolver.failed())
        .singleElement()
        .satisfies(f -> assertThat(f.leaf()).isEqualTo(users.get(5)));
  }

  @Test
  void issuingCaCertificates_allUsersValid_completeAndThumbprintsMatchCertificates() {
    TestPki pki = TestPki.create(9010L);
    TestCertificate root = pki.rootCa("Store Root 2").keyType(KeyType.EC_P256).build();
    TestCertificate ica = pki.intermediateCa("Store CA 2", root).keyType(KeyType.EC_P256).build();
    ChainResolver r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(ica.certificate())
            .build();
    List<X509Certificate> users =
        List.of(
            pki.leaf(ica).keyType(KeyType.EC_P256).build().certificate(),
            pki.leaf(ica).keyType(KeyType.EC_P256).build().certificate());
    IssuingCaCertificates cas = r.issuingCaCertificates(users, pki.now());
    assertThat(cas.isComplete()).isTrue();
    assertThat(cas.caCertificates()).containsExactly(root.certificate(), ica.certificate());
    assertThat(cas.thumbprints())
        .containsExactly(Thumbprint.sha1(root.certificate()), Thumbprint.sha1(ica.certificate()));
  }
}
