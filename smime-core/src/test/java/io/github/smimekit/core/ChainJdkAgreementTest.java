package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.GeneratedPki;
import io.github.smimekit.testing.RandomPkis;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agreement with the JDK's PKIX implementation on seeded random PKIs ({@link RandomPkis}: several
 * hierarchies, cross-certificates, expired links, renewed CAs with the same name), with random
 * perturbations (an intermediate or an anchor left out, a later validation time): whenever the JDK
 * {@code CertPathBuilder} ("PKIX", revocation off, {@code CollectionCertStore}) finds a path,
 * {@link ChainResolver} finds a chain too and the JDK {@code CertPathValidator} accepts it; where
 * the JDK finds none, the resolver gives a diagnosis. The seed is in every failure message.
 */
final class ChainJdkAgreementTest {
  private static final int PKIS_PER_SEED = 60;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {101, 202, 303, 404, 505, 606, 707, 808})
  void randomPkis_resolverAgreesWithJdk(long seed) throws Exception {
    RandomPkis pkis = RandomPkis.create(seed);
    Random random = new Random(seed);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    CertPathBuilder jdkBuilder = CertPathBuilder.getInstance("PKIX");
    CertPathValidator jdkValidator = CertPathValidator.getInstance("PKIX");
    int cases = 0;
    int built = 0;
    for (int n = 0; n < PKIS_PER_SEED; n++) {
      GeneratedPki pki = pkis.next();
      List<X509Certificate> anchors = new ArrayList<>(pki.anchors());
      List<X509Certificate> pool = new ArrayList<>(pki.intermediates());
      if (pool.size() > 1 && random.nextInt(10) < 3) {
        pool.remove(random.nextInt(pool.size()));
      }
      if (anchors.size() > 1 && random.nextInt(10) < 2) {
        anchors.remove(random.nextInt(anchors.size()));
      }
      List<Instant> times =
          List.of(pki.at(), pki.at().plus(Duration.ofDays(1 + random.nextInt(4000))));
      ChainResolver resolver =
          ChainResolver.builder().trustAnchors(anchors).intermediates(pool).build();
      Set<TrustAnchor> trustAnchors = new HashSet<>();
      for (X509Certificate a : anchors) {
        trustAnchors.add(new TrustAnchor(a, null));
      }
      List<X509Certificate> storeCerts = new ArrayList<>(pool);
      storeCerts.addAll(pki.leaves());
      CertStore store =
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(storeCerts));
      for (X509Certificate leaf : pki.leaves()) {
        for (Instant at : times) {
          cases++;
          String where =
              "seed "
                  + seed
                  + ", pki #"
                  + n
                  + ", leaf "
                  + leaf.getSubjectX500Principal().getName()
                  + ", at "
                  + at;
          boolean jdkFound = jdkBuilds(jdkBuilder, trustAnchors, store, leaf, at);
          ChainResult ours = resolver.resolve(leaf, at);
          if (jdkFound) {
            built++;
            assertThat(ours.isValid())
                .as("%s: the JDK built a path, ours says %s", where, ours)
                .isTrue();
          } else {
            assertThat(ours.isValid())
                .as("%s: the JDK built no path, ours built %s", where, ours.chain())
                .isFalse();
            assertThat(ours.diagnosis().orElseThrow().reason()).isNotBlank();
          }
          if (ours.isValid()) {
            CertificateChain chain = ours.chainOrThrow();
            List<X509Certificate> path = chain.certificates().subList(0, chain.length() - 1);
            CertPath certPath = cf.generateCertPath(path);
            PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(chain.root(), null)));
            p.setRevocationEnabled(false);
            p.setDate(Date.from(at));
            try {
              jdkValidator.validate(certPath, p);
            } catch (java.security.cert.CertPathValidatorException e) {
              throw new AssertionError(
                  where + ": the JDK refuses our chain " + chain.thumbprints() + ": " + e, e);
            }
          }
        }
      }
    }
    System.out.printf("seed %d: %d cases, %d built by the JDK (and by ours)%n", seed, cases, built);
    assertThat(cases).isGreaterThan(PKIS_PER_SEED);
    assertThat(built).as("seed %s: some cases must build", seed).isPositive();
  }

  private static boolean jdkBuilds(
      CertPathBuilder builder,
      Set<TrustAnchor> anchors,
      CertStore store,
      X509Certificate leaf,
      Instant at)
      throws InvalidAlgorithmParameterException {
    X509CertSelector target = new X509CertSelector();
    target.setCertificate(leaf);
    PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    params.setMaxPathLength(-1);
    params.addCertStore(store);
    try {
      builder.build(params);
      return true;
    } catch (CertPathBuilderException e) {
      return false;
    }
  }
}
