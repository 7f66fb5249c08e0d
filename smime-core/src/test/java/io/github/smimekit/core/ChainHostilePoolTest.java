package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.internal.Providers;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
 * exponent.
 *
 * <p>Measured on the 2-core build machine while shared with other builds (load average up to 26):
 * with the default policy one user resolves against this pool in 0.2–1.7 s and 20 users in 0.7–2.6
 * s; with huge exponents allowed the work budget stops the search in 3–7 s. Before the policy, one
 * user took about 7 s on a quiet machine and 20 users would take over 2 minutes. The
 * {@code @Timeout}s leave a margin of about 10x over the loaded measurements.
 */
final class ChainHostilePoolTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final X500Name ROOT = new X500Name("CN=Hostile Test Root");
  private static final X500Name ISSUING = new X500Name("CN=Hostile Test Issuing CA");
  private static final int POOL = 1000;
  private static final int USERS = 20;

  private static KeyPair rootKey;
  private static KeyPair issuingKey;
  private static X509Certificate root;
  private static X509Certificate issuing;
  private static List<X509Certificate> hostile;
  private static List<X509Certificate> users;
  private static X509Certificate orphan;
  private static long serial = 1;

  @BeforeAll
  static void pool() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom(new byte[] {7}));
    rootKey = ec.generateKeyPair();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(3072, new SecureRandom(new byte[] {8}));
    issuingKey = rsa.generateKeyPair();
    ContentSigner byRoot = signer("SHA256withECDSA", rootKey.getPrivate());
    ContentSigner byIssuing = signer("SHA256withRSA", issuingKey.getPrivate());
    SubjectPublicKeyInfo rootSpki =
        SubjectPublicKeyInfo.getInstance(rootKey.getPublic().getEncoded());
    SubjectPublicKeyInfo issuingSpki =
        SubjectPublicKeyInfo.getInstance(issuingKey.getPublic().getEncoded());
    root = cert(ROOT, ROOT, rootSpki, rootSpki, byRoot, true);
    issuing = cert(ISSUING, ROOT, issuingSpki, rootSpki, byRoot, true);
    Random random = new Random(3072);
    hostile = new ArrayList<>();
    BigInteger top = BigInteger.ONE.shiftLeft(3072);
    for (int i = 0; i < POOL; i++) {
      BigInteger n = top.subtract(BigInteger.valueOf(2L * i + 1));
      BigInteger e = new BigInteger(3071, random).setBit(3070).setBit(0);
      SubjectPublicKeyInfo spki =
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
              new RSAPublicKey(n, e));
      hostile.add(cert(ISSUING, ROOT, spki, rootSpki, byRoot, true));
    }
    users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(
          cert(new X500Name("CN=user " + i), ISSUING, rootSpki, issuingSpki, byIssuing, false));
    }
    // signed by the issuing CA's key but naming no key identifier a pool certificate has
    orphan = cert(new X500Name("CN=orphan"), ISSUING, rootSpki, rootSpki, byIssuing, false);
  }

  private static ContentSigner signer(String algorithm, PrivateKey key) throws Exception {
    return new JcaContentSignerBuilder(algorithm).setProvider(Providers.bc()).build(key);
  }

  private static X509Certificate cert(
      X500Name subject,
      X500Name issuer,
      SubjectPublicKeyInfo subjectKey,
      SubjectPublicKeyInfo issuerKey,
      ContentSigner signer,
      boolean ca)
      throws Exception {
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(serial++),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            subject,
            subjectKey);
    JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    }
    b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(subjectKey));
    b.addExtension(
        Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuerKey));
    byte[] der = b.build(signer).getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
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
    ChainResult r = resolver(AlgorithmPolicy.defaults()).resolve(users.get(0), NOW);
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
    ChainDiagnosis d = r.resolve(orphan, NOW).diagnosis().orElseThrow();
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
    IssuingCaCertificates cas = r.issuingCaCertificates(users, NOW);
    assertThat(cas.isComplete()).as("%s", cas.failed()).isTrue();
    assertThat(cas.caCertificates()).containsExactly(root, issuing);
    assertThat(cas.results()).hasSize(USERS);
    // the second pass finds every link in the resolver's cache
    assertThat(r.issuingCaCertificates(users, NOW).caCertificates()).containsExactly(root, issuing);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void resolve_policyAllowsHugeExponents_workBudgetChargesTheirCost() {
    AlgorithmPolicy lax = AlgorithmPolicy.builder().maxRsaPublicExponentBits(4096).build();
    ChainResolver r = resolver(lax);
    // the real issuer matches the key identifier and is tried first; each hostile key then costs
    // about 100 units, so the budget of 1,000 stops after a few verifications
    ChainResult found = r.resolve(users.get(1), NOW);
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
            .resolve(orphan, NOW);
    assertThat(none.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.BUDGET_EXCEEDED);
  }
}
