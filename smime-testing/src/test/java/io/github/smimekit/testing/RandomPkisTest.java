package io.github.smimekit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RandomPkisTest {

  private static List<byte[]> flatten(GeneratedPki p) throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (List<X509Certificate> l : List.of(p.anchors(), p.intermediates(), p.leaves())) {
      for (X509Certificate c : l) {
        out.add(c.getEncoded());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 99L})
  void next_sameSeed_sameSequence(long seed) throws Exception {
    RandomPkis a = RandomPkis.create(seed);
    RandomPkis b = RandomPkis.create(seed);
    for (int i = 0; i < 10; i++) {
      GeneratedPki pa = a.next();
      GeneratedPki pb = b.next();
      assertThat(pa.at()).isEqualTo(pb.at());
      List<byte[]> da = flatten(pa);
      List<byte[]> db = flatten(pb);
      assertThat(da).as("seed %d pki %d", seed, i).hasSameSizeAs(db);
      for (int j = 0; j < da.size(); j++) {
        assertThat(da.get(j)).as("seed %d pki %d cert %d", seed, i, j).isEqualTo(db.get(j));
      }
    }
  }

  @Test
  void next_differentSeed_differentPki() throws Exception {
    assertThat(flatten(RandomPkis.create(1L).next()).get(0))
        .isNotEqualTo(flatten(RandomPkis.create(2L).next()).get(0));
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 8L})
  void next_manyPkis_topologyAsDocumented(long seed) throws Exception {
    RandomPkis gen = RandomPkis.create(seed);
    int cross = 0;
    int expiredLinks = 0;
    int renewed = 0;
    for (int i = 0; i < 150; i++) {
      GeneratedPki p = gen.next();
      String ctx = "seed " + seed + " pki " + i;
      assertThat(p.anchors()).as(ctx).isNotEmpty();
      assertThat(p.intermediates()).as(ctx).isNotEmpty();
      assertThat(p.leaves().size()).as(ctx).isBetween(1, 5);
      assertThat(p.issuedChains()).as(ctx).hasSameSizeAs(p.leaves());
      Set<X500Principal> rootNames = new HashSet<>();
      for (X509Certificate r : p.anchors()) {
        assertThat(r.getIssuerX500Principal()).as(ctx).isEqualTo(r.getSubjectX500Principal());
        r.verify(r.getPublicKey());
        if (!rootNames.add(r.getSubjectX500Principal())) {
          renewed++;
        }
      }
      Set<X500Principal> names = new HashSet<>();
      for (X509Certificate c : p.intermediates()) {
        assertThat(c.getBasicConstraints()).as(ctx).isGreaterThanOrEqualTo(0);
        if (!names.add(c.getSubjectX500Principal())
            || rootNames.contains(c.getSubjectX500Principal())) {
          cross++; // same name twice: cross-certificate or renewal
        }
        if (c.getNotAfter().toInstant().isBefore(p.at())) {
          expiredLinks++;
        }
      }
      for (int j = 0; j < p.leaves().size(); j++) {
        List<X509Certificate> chain = p.issuedChains().get(j);
        assertThat(chain.get(0)).isEqualTo(p.leaves().get(j));
        for (int k = 0; k + 1 < chain.size(); k++) {
          chain.get(k).verify(chain.get(k + 1).getPublicKey());
        }
        X509Certificate top = chain.get(chain.size() - 1);
        assertThat(p.anchors()).as(ctx).contains(top);
        for (X509Certificate mid : chain.subList(1, chain.size() - 1)) {
          assertThat(p.intermediates()).as(ctx).contains(mid);
        }
      }
    }
    assertThat(cross).as("seed %d", seed).isPositive();
    assertThat(expiredLinks).as("seed %d", seed).isPositive();
    assertThat(renewed).as("seed %d", seed).isPositive();
  }
}
