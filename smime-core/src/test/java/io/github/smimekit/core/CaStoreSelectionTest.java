package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CaStoreSelectionTest {
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
    CaStoreSelection s = CaStoreSelection.of(results);
    assertThat(s.caCertificates())
        .containsExactly(
            root.certificate(), icaA.certificate(), icaB.certificate(), sub.certificate());
    assertThat(s.thumbprints()).hasSize(4).doesNotHaveDuplicates();
    assertThat(s.failed()).singleElement().satisfies(f -> assertThat(f.isValid()).isFalse());
    List<ChainResult> reversed = new ArrayList<>(results);
    Collections.reverse(reversed);
    assertThat(CaStoreSelection.of(reversed).caCertificates())
        .containsExactlyElementsOf(s.caCertificates());
  }
}
