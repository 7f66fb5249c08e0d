package io.github.smimekit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class CrowdedPoolsTest {
  private static CrowdedPools pools;

  @BeforeAll
  static void make() {
    pools = CrowdedPools.create(7);
  }

  @Test
  void hostilePool_sameNameAsIssuingCaDistinctModuliHugeExponents() throws Exception {
    List<X509Certificate> pool = pools.hostilePool(20);

    assertThat(pool).hasSize(20);
    Set<BigInteger> moduli = new HashSet<>();
    for (X509Certificate c : pool) {
      assertThat(c.getSubjectX500Principal()).isEqualTo(pools.issuing().getSubjectX500Principal());
      assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
      RSAPublicKey key = (RSAPublicKey) c.getPublicKey();
      assertThat(key.getModulus().bitLength()).isEqualTo(3072);
      assertThat(key.getPublicExponent().bitLength()).isEqualTo(3071);
      assertThat(key.getPublicExponent().testBit(0)).isTrue();
      moduli.add(key.getModulus());
      c.verify(pools.root().getPublicKey());
    }
    assertThat(moduli).hasSize(20);
  }

  @Test
  void benignPool_sameShapeExponent65537() {
    for (X509Certificate c : pools.benignPool(5)) {
      RSAPublicKey key = (RSAPublicKey) c.getPublicKey();
      assertThat(key.getModulus().bitLength()).isEqualTo(3072);
      assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }
  }

  @Test
  void userAndOrphan_signedByTheIssuingCaNotByAPoolKey() throws Exception {
    X509Certificate user = pools.user("alice");
    X509Certificate orphan = pools.orphan();

    user.verify(pools.issuing().getPublicKey());
    orphan.verify(pools.issuing().getPublicKey());
    pools.issuing().verify(pools.root().getPublicKey());
    assertThat(user.getIssuerX500Principal()).isEqualTo(pools.issuing().getSubjectX500Principal());
    assertThat(user.getBasicConstraints()).isEqualTo(-1);
    X509Certificate decoy = pools.benignPool(1).get(0);
    assertThatThrownBy(() -> user.verify(decoy.getPublicKey()))
        .isInstanceOf(SignatureException.class);
    assertThat(pools.root().getNotBefore().toInstant()).isBefore(pools.now());
    assertThat(pools.root().getNotAfter().toInstant()).isAfter(pools.now());
  }

  @Test
  void sameSeed_sameKeysAndExponents() {
    CrowdedPools again = CrowdedPools.create(7);

    assertThat(again.issuing().getPublicKey()).isEqualTo(pools.issuing().getPublicKey());
    assertThat(again.hostilePool(3).get(2).getPublicKey())
        .isEqualTo(pools.hostilePool(3).get(2).getPublicKey());
  }
}
