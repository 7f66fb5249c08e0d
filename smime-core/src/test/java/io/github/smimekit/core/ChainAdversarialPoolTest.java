package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.internal.Providers;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adversarial pools cannot make one resolution unbounded: 5,000 certificates sharing one subject
 * name, and cross-signed cycles of thousands of certificates, end in a diagnosis within the
 * candidate budget. (EC P-256 with one reused key pair per role keeps generation fast.)
 */
final class ChainAdversarialPoolTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final X500Principal ROOT = new X500Principal("CN=Adversary Root");
  private static final X500Principal X = new X500Principal("CN=Adversary CA");
  private static final X500Principal Y = new X500Principal("CN=Adversary Partner CA");

  private static KeyPair rootKey;
  private static KeyPair keyA;
  private static KeyPair keyB;
  private static KeyPair keyOther;
  private static X509Certificate root;
  private static long serial = 1;
  private static final Map<KeyPair, ContentSigner> SIGNERS = new HashMap<>();

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom(new byte[] {5}));
    rootKey = g.generateKeyPair();
    keyA = g.generateKeyPair();
    keyB = g.generateKeyPair();
    keyOther = g.generateKeyPair();
    root = cert(ROOT, ROOT, rootKey, rootKey, true);
  }

  static X509Certificate cert(
      X500Principal subject, X500Principal issuer, KeyPair subjectKey, KeyPair signer, boolean ca)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(serial++),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            subject,
            subjectKey.getPublic());
    JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    }
    b.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        u.createSubjectKeyIdentifier(subjectKey.getPublic()));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        u.createAuthorityKeyIdentifier(signer.getPublic()));
    ContentSigner s = SIGNERS.get(signer);
    if (s == null) {
      s =
          new JcaContentSignerBuilder("SHA256withECDSA")
              .setProvider(Providers.bc())
              .build(signer.getPrivate());
      SIGNERS.put(signer, s);
    }
    byte[] der = b.build(s).getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static void assertBoundedRefusal(ChainResult r) {
    assertThat(r.isValid()).as("%s", r).isFalse();
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status())
        .as(d.reason())
        .isIn(ChainStatus.BUDGET_EXCEEDED, ChainStatus.NO_PATH, ChainStatus.UNTRUSTED_ROOT);
  }

  @Test
  void resolve_5000SameSubjectWrongKey_budgetExceeded() throws Exception {
    List<X509Certificate> pool = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      pool.add(cert(X, ROOT, keyA, rootKey, true));
    }
    // the leaf names CN=Adversary CA as issuer but is signed by a key none of them holds
    X509Certificate leaf = cert(new X500Principal("CN=victim"), X, keyOther, keyOther, false);
    ChainResolver r = ChainResolver.builder().trustAnchors(root).intermediates(pool).build();
    ChainResult result = r.resolve(leaf, NOW);
    assertBoundedRefusal(result);
    assertThat(result.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.BUDGET_EXCEEDED);
    assertThat(result.diagnosis().orElseThrow().reason()).contains("1000 issuer candidates");
    // a real issuer among them is still found when the budget allows
    X509Certificate good = cert(X, ROOT, keyOther, rootKey, true);
    List<X509Certificate> withGood = new ArrayList<>(pool);
    withGood.add(good);
    ChainResolver big =
        ChainResolver.builder().trustAnchors(root).intermediates(withGood).budget(6000, 8).build();
    assertThat(big.resolve(leaf, NOW).chainOrThrow().certificates())
        .containsExactly(leaf, good, root);
  }

  @Test
  void resolve_5000SameSubjectSameKeySelfSigned_boundedDiagnosis() throws Exception {
    List<X509Certificate> pool = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      pool.add(cert(X, X, keyA, keyA, true));
    }
    X509Certificate leaf = cert(new X500Principal("CN=victim"), X, keyOther, keyA, false);
    ChainResolver r = ChainResolver.builder().trustAnchors(root).intermediates(pool).build();
    assertBoundedRefusal(r.resolve(leaf, NOW));
    assertBoundedRefusal(r.resolveAll(leaf, NOW));
  }

  @Test
  void resolve_crossSignCycleOf5000_boundedDiagnosis() throws Exception {
    List<X509Certificate> pool = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      pool.add(cert(X, Y, keyA, keyB, true)); // X issued by Y
      pool.add(cert(Y, X, keyB, keyA, true)); // Y issued by X
    }
    X509Certificate leaf = cert(new X500Principal("CN=victim"), X, keyOther, keyA, false);
    ChainResolver r = ChainResolver.builder().trustAnchors(root).intermediates(pool).build();
    assertBoundedRefusal(r.resolve(leaf, NOW));
    assertBoundedRefusal(r.resolveAll(leaf, NOW));
    // a tiny budget gives up at once, still with a diagnosis
    ChainResolver tiny = r.toBuilder().budget(3, 4).build();
    assertThat(tiny.resolve(leaf, NOW).diagnosis().orElseThrow().status())
        .isEqualTo(ChainStatus.BUDGET_EXCEEDED);
  }

  @Test
  void resolve_cycleWithoutBudgetPressure_noPath() throws Exception {
    List<X509Certificate> pool =
        List.of(cert(X, Y, keyA, keyB, true), cert(Y, X, keyB, keyA, true));
    X509Certificate leaf = cert(new X500Principal("CN=victim"), X, keyOther, keyA, false);
    ChainResolver r = ChainResolver.builder().trustAnchors(root).intermediates(pool).build();
    assertThat(r.resolve(leaf, NOW).diagnosis().orElseThrow().status())
        .isEqualTo(ChainStatus.NO_PATH);
  }
}
