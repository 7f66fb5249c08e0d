package io.github.smimekit.testing;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A seeded generator of random PKI topologies, cheap enough to make thousands (EC P-256 keys): 1-3
 * roots; 1-6 intermediates, each issued by a random earlier CA (so hierarchies of various depth);
 * sometimes cross-certificates between hierarchies (intermediate or root cross-signed by another
 * root); sometimes an expired link; sometimes a renewed CA (same name, new key) next to the old
 * one; 1-5 leaves issued by random CAs. The intermediates pool is shuffled deterministically. The
 * same seed gives the same sequence of PKIs (byte-identical).
 *
 * <p>Not thread-safe.
 */
public final class RandomPkis {
  private final RandomGenerator random;
  private int count;

  private RandomPkis(long seed) {
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  /** A generator for {@code seed}. */
  public static RandomPkis create(long seed) {
    return new RandomPkis(seed);
  }

  /** The next random PKI. */
  public GeneratedPki next() {
    count++;
    long seed = random.nextLong();
    Instant at = TestPki.DEFAULT_NOW.plus(Duration.ofDays(random.nextInt(0, 730)));
    TestPki pki = TestPki.create(seed, at);
    String tag = String.format(Locale.ROOT, "%04x", (int) (seed & 0xffff));

    int nRoots = random.nextInt(1, 4);
    List<TestCertificate> roots = new ArrayList<>();
    for (int i = 1; i <= nRoots; i++) {
      roots.add(
          pki.rootCa("PKI " + count + "-" + tag + " Root " + i).keyType(KeyType.EC_P256).build());
    }
    List<TestCertificate> cas = new ArrayList<>(roots);
    List<TestCertificate> pool = new ArrayList<>();
    List<TestCertificate> usable = new ArrayList<>(roots); // CAs that can issue leaves
    int nInts = random.nextInt(1, 7);
    for (int i = 1; i <= nInts; i++) {
      TestCertificate parent = cas.get(random.nextInt(cas.size()));
      TestPki.CertificateBuilder b =
          pki.intermediateCa("PKI " + count + "-" + tag + " CA " + i, parent)
              .keyType(KeyType.EC_P256);
      if (random.nextInt(100) < 8) {
        b.expired();
      }
      TestCertificate ica = b.build();
      cas.add(ica);
      pool.add(ica);
      usable.add(ica);
    }
    // cross-certificates between hierarchies
    if (nRoots > 1) {
      int nCross = random.nextInt(0, 3);
      for (int i = 0; i < nCross; i++) {
        TestCertificate subject = cas.get(random.nextInt(cas.size()));
        TestCertificate other = roots.get(random.nextInt(roots.size()));
        if (subject == other) {
          continue;
        }
        TestPki.CertificateBuilder b = pki.crossSigned(subject, other);
        if (random.nextInt(100) < 15) {
          b.expired();
        }
        pool.add(b.build());
      }
    }
    // a renewed CA: same name, new key
    if (random.nextInt(100) < 25) {
      TestCertificate old = cas.get(random.nextInt(cas.size()));
      TestCertificate renewed = pki.renew(old).build();
      if (old.issuer().isEmpty()) {
        roots.add(renewed);
      } else {
        pool.add(renewed);
      }
      usable.add(renewed);
    }
    int nLeaves = random.nextInt(1, 6);
    List<X509Certificate> leaves = new ArrayList<>();
    List<List<X509Certificate>> chains = new ArrayList<>();
    for (int i = 1; i <= nLeaves; i++) {
      TestCertificate issuer = usable.get(random.nextInt(usable.size()));
      TestCertificate leaf =
          pki.leaf(issuer)
              .keyType(KeyType.EC_P256)
              .email("user" + i + "." + tag + "@pki" + count + ".example")
              .build();
      leaves.add(leaf.certificate());
      chains.add(leaf.chain());
    }
    List<X509Certificate> anchors = new ArrayList<>();
    for (TestCertificate r : roots) {
      anchors.add(r.certificate());
    }
    List<X509Certificate> intermediates = new ArrayList<>();
    for (TestCertificate c : pool) {
      intermediates.add(c.certificate());
    }
    shuffle(intermediates);
    return new GeneratedPki(anchors, intermediates, leaves, at, chains);
  }

  private <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
