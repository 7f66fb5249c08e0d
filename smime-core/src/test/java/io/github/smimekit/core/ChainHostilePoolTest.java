package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.CrowdedPools;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hostile pool bounds the cost of each signature check, not only the number of candidates: 1,000
 * CA certificates with the name of the users' issuing CA and 3072-bit RSA keys whose public
 * exponents are 3071 bits long (verifying one signature with such a key costs as much as a private
 * key operation; the whole pool took about 7 s per resolution before the algorithm policy refused
 * such keys). The keys are crafted, not generated: a public key needs no private key when nothing
 * is signed with it, so each hostile certificate gets a distinct modulus just below
 * 2<sup>3072</sup> (larger than any signature, so the JDK really exponentiates) and a random odd
 * exponent ({@link CrowdedPools}, shared with the chain benchmark).
 *
 * <p>Measured on the 2-core build machine while shared with other builds (load average up to 26):
 * with the default policy one user resolves against this pool in 0.2–1.7 s and 20 users in 0.7–2.6
 * s; with huge exponents allowed the work budget stops the search in 3–7 s. Before the policy, one
 * user took about 7 s on a quiet machine and 20 users would take over 2 minutes. The
 * {@code @Timeout}s leave a margin of about 10x over the loaded measurements.
 */
final class ChainHostilePoolTest {
  private static final int POOL = 1000;
  private static final int USERS = 20;

  private static Instant now;
  private static X509Certificate root;
  private static X509Certificate issuing;
  private static List<X509Certificate> hostile;
  private static List<X509Certificate> users;
  private static X509Certificate orphan;

  @BeforeAll
  static void pool() {
    CrowdedPools p = CrowdedPools.create(3072);
    now = p.now();
    root = p.root();
    issuing = p.issuing();
    hostile = p.hostilePool(POOL);
    users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(p.user("user " + i));
    }
    // signed by the issuing CA's key but naming no key identifier a pool certificate has
    orphan = p.orphan();
  }

  private static ChainResolver resolver(AlgorithmPolicy policy) {
    List<X509Certificate> pool = new ArrayList<>(hostile);
    pool.add(issuing);
    return ChainResolver.builder()
        .trustAnchors(root)
        .intermediates(pool)
        .algorithmPolicy(policy)
        .build();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void resolve_hugeExponentPool_realChainFoundAndHostileKeysNeverUsed() {
    ChainResult r = resolver(AlgorithmPolicy.defaults()).resolve(users.get(0), now);
    CertificateChain chain = r.chainOrThrow();
    assertThat(chain.certificates()).containsExactly(users.get(0), issuing, root);
    // each hostile certificate is a candidate (one unit each), refused without a verification
    assertThat(chain.warnings()).singleElement().asString().contains("work budget");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void resolve_hugeExponentPoolNoRealIssuer_disallowedAlgorithmNamingTheExponent() {
    List<X509Certificate> pool = new ArrayList<>(hostile);
    ChainResolver r = ChainResolver.builder().trustAnchors(root).intermediates(pool).build();
    ChainDiagnosis d = r.resolve(orphan, now).diagnosis().orElseThrow();
    assertThat(d.status()).as(d.reason()).isEqualTo(ChainStatus.DISALLOWED_ALGORITHM);
    assertThat(d.reason())
        .contains("RSA public exponent of 3071 bits")
        .contains("limit of " + AlgorithmPolicy.DEFAULT_MAX_RSA_PUBLIC_EXPONENT_BITS);
    assertThat(d.certificate()).contains(orphan);
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void issuingCaCertificates_manyUsersHugeExponentPool_boundedAndComplete() {
    ChainResolver r = resolver(AlgorithmPolicy.defaults());
    IssuingCaCertificates cas = r.issuingCaCertificates(users, now);
    assertThat(cas.isComplete()).as("%s", cas.failed()).isTrue();
    assertThat(cas.caCertificates()).containsExactly(root, issuing);
    assertThat(cas.results()).hasSize(USERS);
    // the second pass finds every link in the resolver's cache
    assertThat(r.issuingCaCertificates(users, now).caCertificates()).containsExactly(root, issuing);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void resolve_policyAllowsHugeExponents_workBudgetChargesTheirCost() {
    AlgorithmPolicy lax = AlgorithmPolicy.builder().maxRsaPublicExponentBits(4096).build();
    ChainResolver r = resolver(lax);
    // the real issuer matches the key identifier and is tried first; each hostile key then costs
    // about 100 units, so the budget of 1,000 stops after a few verifications
    ChainResult found = r.resolve(users.get(1), now);
    assertThat(found.chainOrThrow().certificates()).containsExactly(users.get(1), issuing, root);
    assertThat(found.chainOrThrow().warnings())
        .singleElement()
        .asString()
        .contains("work budget of 1000");
    ChainResult none =
        ChainResolver.builder()
            .trustAnchors(root)
            .intermediates(hostile)
            .algorithmPolicy(lax)
            .build()
            .resolve(orphan, now);
    assertThat(none.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.BUDGET_EXCEEDED);
  }
}
