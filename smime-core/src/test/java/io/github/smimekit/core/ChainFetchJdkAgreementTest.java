package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.AiaServer;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agreement with the JDK's PKIX {@code CertPathBuilder} when both fetch missing issuers from
 * caIssuers URLs ({@code com.sun.security.enableAIAcaIssuers=true}, set for this module's tests in
 * its POM) against the same loopback server: seeded random hierarchies (one to three intermediates)
 * where each intermediate is in the pool, served as DER, served as PKCS#7, or missing (404). Where
 * the JDK builds a path, the resolver builds a chain, and where it does not, the resolver gives a
 * diagnosis. The seed and case are in every failure message.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class ChainFetchJdkAgreementTest {
  private static final int CASES_PER_SEED = 12;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {14, 28, 42})
  void randomHierarchies_fetchingResolverAgreesWithJdk(long seed) throws Exception {
    assertThat(Boolean.getBoolean("com.sun.security.enableAIAcaIssuers"))
        .as("com.sun.security.enableAIAcaIssuers must be set for the JDK to fetch")
        .isTrue();
    Random random = new Random(seed);
    int jdkFetched = 0;
    int valid = 0;
    try (AiaServer server = AiaServer.http()) {
      for (int n = 0; n < CASES_PER_SEED; n++) {
        TestPki pki = TestPki.create(seed * 1000 + n);
        String where = "seed " + seed + ", case " + n;
        TestCertificate root = pki.rootCa("Agree Root " + n).keyType(KeyType.EC_P256).build();
        int depth = 1 + random.nextInt(3);
        List<TestCertificate> cas = new ArrayList<>();
        List<X509Certificate> pool = new ArrayList<>();
        TestCertificate issuer = root;
        List<String> plan = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
          String path = "/s" + seed + "/c" + n + "/ca" + k + ".cer";
          TestCertificate ca =
              pki.intermediateCa("Agree CA " + n + "." + k, issuer)
                  .keyType(KeyType.EC_P256)
                  .caIssuers(server.url("/s" + seed + "/c" + n + "/ca" + (k - 1) + ".cer"))
                  .build();
          cas.add(ca);
          issuer = ca;
          int pick = random.nextInt(20);
          if (pick < 6) {
            pool.add(ca.certificate());
            plan.add("pool");
          } else if (pick < 14) {
            server.serveBytes(path, "application/pkix-cert", ca.der());
            plan.add("der");
          } else if (pick < 17) {
            server.serveBytes(
                path,
                "application/pkcs7-mime",
                Certificates.encodePkcs7(List.of(ca.certificate())).toByteArray());
            plan.add("p7c");
          } else {
            plan.add("404");
          }
        }
        X509Certificate leaf =
            pki.leaf(issuer)
                .keyType(KeyType.EC_P256)
                .caIssuers(server.url("/s" + seed + "/c" + n + "/ca" + (depth - 1) + ".cer"))
                .build()
                .certificate();
        where += " " + plan;

        int before = server.requests();
        boolean jdk = jdkBuilds(root.certificate(), pool, leaf, pki);
        jdkFetched += server.requests() - before;
        ChainResult ours =
            ChainResolver.builder()
                .trustAnchors(root.certificate())
                .intermediates(pool)
                .fetch(FetchOptions.defaults())
                .build()
                .resolve(leaf, pki.now());
        boolean expected = !plan.contains("404");
        assertThat(jdk).as("JDK, %s", where).isEqualTo(expected);
        assertThat(ours.isValid()).as("resolver (%s), %s", ours, where).isEqualTo(jdk);
        if (ours.isValid()) {
          valid++;
          assertThat(ours.chain().orElseThrow().certificates()).hasSize(depth + 2);
        } else {
          assertThat(ours.diagnosis().orElseThrow().reason()).as(where).contains("HTTP 404");
        }
      }
    }
    assertThat(jdkFetched).as("requests made by the JDK, seed %s", seed).isPositive();
    assertThat(valid).as("valid cases, seed %s", seed).isPositive();
  }

  private static boolean jdkBuilds(
      X509Certificate anchor, List<X509Certificate> pool, X509Certificate leaf, TestPki pki)
      throws Exception {
    X509CertSelector target = new X509CertSelector();
    target.setCertificate(leaf);
    PKIXBuilderParameters params =
        new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), target);
    params.setRevocationEnabled(false);
    params.setDate(Date.from(pki.now()));
    List<X509Certificate> store = new ArrayList<>(pool);
    store.add(leaf);
    params.addCertStore(
        CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
    try {
      CertPathBuilder.getInstance("PKIX").build(params);
      return true;
    } catch (CertPathBuilderException e) {
      return false;
    }
  }
}
