package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.internal.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
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
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One {@link AlgorithmPolicy} decides for both {@link SmimeFitness} and {@link ChainResolver}: for
 * every signature algorithm and policy, {@code cert check} reports an error exactly when {@code
 * chain build} refuses the signature, and a SHA-1 warning exactly when the chain carries one.
 * (MD2/MD4 and the OIW forms were refused by chain building only, before the policy was shared.)
 */
final class AlgorithmPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String EMAIL = "alice@example.com";
  private static final Set<FindingCode> SIGNATURE_ERRORS =
      Set.of(FindingCode.BROKEN_SIGNATURE_ALGORITHM, FindingCode.DISALLOWED_SIGNATURE_ALGORITHM);

  private static KeyPair rsa;
  private static KeyPair dsa;
  private static KeyPair ec;
  private static KeyPair userKey;
  private static final AlgorithmPolicy NO_SHA1 = AlgorithmPolicy.builder().allowSha1(false).build();
  private static final AlgorithmPolicy NO_DSA = AlgorithmPolicy.builder().allowDsa(false).build();

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
    r.initialize(2048, new SecureRandom(new byte[] {1}));
    rsa = r.generateKeyPair();
    KeyPairGenerator d = KeyPairGenerator.getInstance("DSA");
    d.initialize(1024, new SecureRandom(new byte[] {2}));
    dsa = d.generateKeyPair();
    KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
    e.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom(new byte[] {3}));
    ec = e.generateKeyPair();
    userKey = e.generateKeyPair();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    String[][] algs = {
      {"MD2withRSA", "rsa"},
      {"MD4withRSA", "rsa"},
      {"MD5withRSA", "rsa"},
      {"SHA1withRSA", "rsa"},
      {"SHA256withRSA", "rsa"},
      {"SHA1withRSAandMGF1", "rsa"},
      {"SHA256withRSAandMGF1", "rsa"},
      {"SHA1withDSA", "dsa"},
      {"SHA256withDSA", "dsa"},
      {"SHA1withECDSA", "ec"},
      {"SHA256withECDSA", "ec"},
    };
    for (String[] a : algs) {
      for (String policy : List.of("defaults", "noSha1", "noDsa")) {
        out.add(Arguments.of(a[0], a[1], policy));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} under {2}")
  @MethodSource("cases")
  void fitnessAndChain_sameAlgorithmAndPolicy_agree(String algorithm, String key, String name)
      throws Exception {
    AlgorithmPolicy policy =
        switch (name) {
          case "noSha1" -> NO_SHA1;
          case "noDsa" -> NO_DSA;
          default -> AlgorithmPolicy.defaults();
        };
    KeyPair caKey = key.equals("rsa") ? rsa : key.equals("dsa") ? dsa : ec;
    X509Certificate ca = ca(caKey, key.equals("ec") ? "SHA256withECDSA" : "SHA256withRSA", key);
    X509Certificate user = user(caKey, algorithm, key);

    FitnessReport report =
        SmimeFitness.builder()
            .algorithmPolicy(policy)
            .build()
            .check(user, EMAIL, Purpose.SIGN, NOW);
    boolean fitnessRefuses =
        report.findings().stream().anyMatch(f -> SIGNATURE_ERRORS.contains(f.code()));
    boolean fitnessWarns =
        report.findings().stream().anyMatch(f -> f.code() == FindingCode.SHA1_SIGNATURE);

    ChainResolver resolver =
        ChainResolver.builder().trustAnchors(ca).algorithmPolicy(policy).build();
    ChainResult r = resolver.resolve(user, NOW);
    boolean chainRefuses =
        r.diagnosis().map(d -> d.status() == ChainStatus.DISALLOWED_ALGORITHM).orElse(false);
    assertThat(r.isValid() || chainRefuses).as("%s", r).isTrue();
    boolean chainWarns =
        r.chain().map(c -> c.warnings().stream().anyMatch(w -> w.contains("SHA-1"))).orElse(false);

    assertThat(fitnessRefuses)
        .as("%s: fitness %s, chain %s", algorithm, report, r)
        .isEqualTo(chainRefuses);
    assertThat(fitnessWarns)
        .as("%s: fitness %s, chain %s", algorithm, report, r)
        .isEqualTo(chainWarns);
    boolean broken = algorithm.startsWith("MD");
    boolean sha1 = algorithm.startsWith("SHA1");
    boolean dsaSig = algorithm.endsWith("withDSA");
    boolean expectRefused =
        broken || (sha1 && !policy.allowSha1()) || (dsaSig && !policy.allowDsa());
    assertThat(chainRefuses).as("%s under %s", algorithm, policy).isEqualTo(expectRefused);
    assertThat(chainWarns).as("%s under %s", algorithm, policy).isEqualTo(sha1 && !expectRefused);
  }

  @Test
  void builder_outOfRangeLimits_refusedAndValuesCompareByContent() {
    assertThatThrownBy(() -> AlgorithmPolicy.builder().maxRsaModulusBits(511))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("511");
    assertThatThrownBy(() -> AlgorithmPolicy.builder().maxRsaPublicExponentBits(1))
        .isInstanceOf(IllegalArgumentException.class);
    AlgorithmPolicy p = AlgorithmPolicy.builder().allowSha1(false).maxRsaModulusBits(8192).build();
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(p).isNotEqualTo(AlgorithmPolicy.defaults());
    assertThat(AlgorithmPolicy.defaults().maxRsaPublicExponentBits()).isEqualTo(256);
    assertThat(SmimeFitness.defaults().algorithmPolicy()).isEqualTo(AlgorithmPolicy.defaults());
    assertThat(ChainResolver.builder().build().algorithmPolicy())
        .isEqualTo(AlgorithmPolicy.defaults());
  }

  private static long serial = 1;

  private static X509Certificate ca(KeyPair key, String algorithm, String kind) throws Exception {
    String sigAlg = kind.equals("dsa") ? "SHA256withDSA" : algorithm;
    X500Name name = new X500Name("CN=Policy " + kind + " CA");
    JcaX509v3CertificateBuilder b = builder(name, name, key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    return sign(b, sigAlg, key);
  }

  private static X509Certificate user(KeyPair caKey, String algorithm, String kind)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=Policy " + kind + " CA"),
            BigInteger.valueOf(serial++),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            new X500Name("CN=alice"),
            userKey.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, EMAIL)));
    b.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    return sign(b, algorithm, caKey);
  }

  /**
   * Claims md4WithRSAEncryption (which no provider here signs with) over a dummy signature: the
   * policy refuses the algorithm by its identifier, before any verification.
   */
  private static final class Md4Claim implements ContentSigner {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return new AlgorithmIdentifier(PKCSObjectIdentifiers.md4WithRSAEncryption, DERNull.INSTANCE);
    }

    @Override
    public OutputStream getOutputStream() {
      return sink;
    }

    @Override
    public byte[] getSignature() {
      return new byte[256];
    }
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name subject, X500Name issuer, KeyPair key) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(serial++),
        Date.from(NOW.minus(Duration.ofDays(1))),
        Date.from(NOW.plus(Duration.ofDays(365))),
        subject,
        key.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, String algorithm, KeyPair key)
      throws Exception {
    ContentSigner signer =
        algorithm.equals("MD4withRSA")
            ? new Md4Claim()
            : new JcaContentSignerBuilder(algorithm)
                .setProvider(Providers.bc())
                .build(key.getPrivate());
    byte[] der = b.build(signer).getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
