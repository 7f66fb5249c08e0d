package io.github.smimekit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.CertificateSummary;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.Finding;
import io.github.smimekit.core.FindingCode;
import io.github.smimekit.core.FitnessReport;
import io.github.smimekit.core.Purpose;
import io.github.smimekit.core.SmimeFitness;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, section 1: certificates the JDK refuses or accepts without checking. Whatever {@link
 * Certificates#read} returns is safe for every other call (summary, thumbprints, e-mail addresses,
 * fitness, chain building); what cannot be used is refused at read time with a precise message or
 * reported by the fitness check. Every input is built at test time from a {@link TestPki}.
 */
final class Issue8CertificateInputTest {
  private static final String ALICE = "alice@example.com";
  private static TestPki pki;
  private static Instant now;
  private static TestCertificate ca;
  private static TestCertificate ecLeaf;
  private static TestCertificate rsaLeaf;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(8L);
    now = pki.now();
    ca = pki.rootCa("Issue 8 CA").keyType(KeyType.EC_P256).build();
    ecLeaf = pki.leaf(ca).keyType(KeyType.EC_P256).email(ALICE).build();
    rsaLeaf = pki.leaf(ca).keyType(KeyType.RSA_2048).email(ALICE).build();
  }

  private static byte[] withKey(
      TestCertificate template, org.bouncycastle.asn1.ASN1Encodable spki) {
    return Crafted.replace(template, ca, Crafted.SUBJECT_PUBLIC_KEY_INFO, spki);
  }

  /** Every call a caller may make on what read returned: none may throw a runtime exception. */
  private static FitnessReport exercise(X509Certificate c) {
    CertificateSummary s = Certificates.summarize(c);
    assertThat(s.sha1().hex()).hasSize(40);
    assertThat(Thumbprint.sha256(c).hex()).hasSize(64);
    assertThat(Certificates.emailAddresses(c)).isNotNull();
    assertThat(Certificates.primaryEmail(c)).isNotNull();
    assertThat(Certificates.encodePem(c)).startsWith("-----BEGIN CERTIFICATE-----");
    SmimeFitness.defaults().check(c, Purpose.SIGN, now);
    FitnessReport r = SmimeFitness.defaults().check(c, ALICE, Purpose.BOTH, now);
    ChainResolver resolver =
        ChainResolver.builder().trustAnchors(ca.certificate()).intermediates(c).build();
    assertThat(resolver.resolve(c, now)).isNotNull();
    assertThat(ChainResolver.builder().trustAnchors(c).build().resolve(ecLeaf.certificate(), now))
        .isNotNull();
    return r;
  }

  private static List<FindingCode> codes(FitnessReport r) {
    return r.findings().stream().map(Finding::code).collect(Collectors.toList());
  }

  private static String message(FitnessReport r, FindingCode code) {
    return r.findings().stream()
        .filter(f -> f.code() == code)
        .map(Finding::message)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + r.findings()));
  }

  @Test
  void read_compressedEcPointOffTheCurve_throwsFormatExceptionNamingTheKey() {
    byte[] der = withKey(ecLeaf, Crafted.ecNamed(Crafted.p256(), Crafted.compressedOffCurve()));
    assertThatThrownBy(() -> Certificates.read(der))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate #1 at offset 0: its public key (algorithm 1.2.840.10045.2.1, parameters"
                + " 1.2.840.10045.3.1.7) cannot be decoded");
  }

  @Test
  void read_explicitCurveParametersWithPointOffTheCurve_throwsFormatException() {
    ECPublicKey real = (ECPublicKey) ecLeaf.publicKey();
    byte[] der = withKey(ecLeaf, Crafted.ecExplicitP256(Crafted.uncompressedOffCurve(real)));
    assertThatThrownBy(() -> Certificates.read(der))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate #1 at offset 0: its public key (algorithm 1.2.840.10045.2.1, explicit"
                + " parameters) cannot be decoded");
  }

  @Test
  void read_explicitCurveParametersWithValidPoint_isUsableAndFit() {
    ECPublicKey real = (ECPublicKey) ecLeaf.publicKey();
    byte[] der = withKey(ecLeaf, Crafted.ecExplicitP256(Crafted.uncompressed(real)));
    X509Certificate c = Certificates.readOne(der);
    FitnessReport r = exercise(c);
    assertThat(codes(r)).doesNotContain(FindingCode.INVALID_PUBLIC_KEY);
    assertThat(Certificates.summarize(c).keySize()).isEqualTo(256);
  }

  @Test
  void read_unknownNamedCurve_throwsFormatException() {
    ECPublicKey real = (ECPublicKey) ecLeaf.publicKey();
    byte[] der =
        withKey(
            ecLeaf,
            Crafted.ecNamed(
                new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.9"), Crafted.uncompressed(real)));
    assertThatThrownBy(() -> Certificates.read(der))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate #1 at offset 0: its public key (algorithm 1.2.840.10045.2.1, parameters"
                + " 1.3.6.1.4.1.55555.9) cannot be decoded");
  }

  @Test
  void read_rsaKeyBitsThatAreNotAnRsaPublicKey_throwsFormatException() {
    byte[] der = withKey(rsaLeaf, Crafted.rsaRawBits(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}));
    assertThatThrownBy(() -> Certificates.read(der))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith(
            "certificate #1 at offset 0: its public key (algorithm" + " 1.2.840.113549.1.1.1");
  }

  @Test
  void read_unknownKeyAlgorithm_isUsableWithFindings() {
    X509Certificate c = Certificates.readOne(withKey(ecLeaf, Crafted.unknownAlgorithm()));
    FitnessReport r = exercise(c);
    assertThat(Certificates.summarize(c).keyAlgorithm()).isEqualTo("1.3.6.1.4.1.55555.1.2");
    assertThat(codes(r))
        .contains(FindingCode.KEY_ALGORITHM_CANNOT_SIGN, FindingCode.KEY_ALGORITHM_CANNOT_ENCRYPT);
  }

  @Test
  void check_uncompressedEcPointOffTheCurve_isAnInvalidPublicKeyError() {
    ECPublicKey real = (ECPublicKey) ecLeaf.publicKey();
    byte[] der =
        withKey(ecLeaf, Crafted.ecNamed(Crafted.p256(), Crafted.uncompressedOffCurve(real)));
    X509Certificate c = Certificates.readOne(der); // the JDK accepts it without checking
    FitnessReport r = exercise(c);
    assertThat(r.hasErrors()).isTrue();
    assertThat(message(r, FindingCode.INVALID_PUBLIC_KEY))
        .isEqualTo("ec public key is not a point on its curve: nobody can use this key");
  }

  @Test
  void check_rsaKeysNobodyCanUse_areInvalidPublicKeyErrors() {
    RSAPublicKey real = (RSAPublicKey) rsaLeaf.publicKey();
    BigInteger n = real.getModulus();
    BigInteger e = real.getPublicExponent();
    assertInvalid(n.negate(), e, "rsa modulus is not positive");
    assertInvalid(
        n.add(BigInteger.ONE),
        e,
        "rsa modulus is even, so it is not a product of two large primes");
    assertInvalid(n, BigInteger.ONE, "rsa public exponent 1 is smaller than 3");
    assertInvalid(n, BigInteger.valueOf(65538), "rsa public exponent is even");
    assertInvalid(
        n,
        BigInteger.ONE.shiftLeft(300).add(BigInteger.ONE),
        "rsa public exponent of 301 bits is larger than 256 bits");
    // the real key is fine
    FitnessReport fine =
        SmimeFitness.defaults().check(rsaLeaf.certificate(), ALICE, Purpose.BOTH, now);
    assertThat(codes(fine)).doesNotContain(FindingCode.INVALID_PUBLIC_KEY);
  }

  private static void assertInvalid(BigInteger n, BigInteger e, String why) {
    byte[] der = withKey(rsaLeaf, Crafted.rsa(n, e));
    X509Certificate c;
    try {
      c = Certificates.readOne(der);
    } catch (SmimeFormatException refused) {
      assertThat(refused.getMessage()).contains("public key");
      return; // refused at read time: equally safe
    }
    FitnessReport r = exercise(c);
    assertThat(message(r, FindingCode.INVALID_PUBLIC_KEY))
        .isEqualTo(why + ": nobody can use this key");
  }

  @Test
  void read_emptyIssuerName_throwsFormatExceptionNamingTheRule() {
    // the JDK and Bouncy Castle both refuse it: no X509Certificate can be made of it
    byte[] der = Crafted.replace(ecLeaf, ca, Crafted.ISSUER, Crafted.emptyName());
    assertThatThrownBy(() -> Certificates.read(der))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "certificate #1 at offset 0: not a valid X.509 certificate: its issuer name is empty,"
                + " which RFC 5280 4.1.2.4 forbids (neither the JDK's parser nor Bouncy Castle's"
                + " accepts it)");
  }

  @Test
  void check_certificateOnlyBouncyCastleAccepts_isAProfileViolation() {
    ECPublicKey real = (ECPublicKey) ecLeaf.publicKey();
    byte[] der = withKey(ecLeaf, Crafted.ecExplicitP256(Crafted.uncompressed(real)));
    X509Certificate c = Certificates.readOne(der); // the JDK refuses explicit parameters
    FitnessReport r = exercise(c);
    assertThat(message(r, FindingCode.PROFILE_VIOLATION))
        .isEqualTo(
            "its EC key has explicit curve parameters (RFC 5480 2.1.1 allows only named curves):"
                + " Java-based clients refuse this certificate");
    FitnessReport fine =
        SmimeFitness.defaults().check(ecLeaf.certificate(), ALICE, Purpose.BOTH, now);
    assertThat(codes(fine)).doesNotContain(FindingCode.PROFILE_VIOLATION);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void read_berNested10000LevelsInTheIssuer_throwsFormatExceptionNotStackOverflow() {
    for (byte[] deep : List.of(Crafted.deepIndefinite(10_000), Crafted.deepDefinite(10_000))) {
      byte[] tbs = Crafted.tbsWithRawIssuer(ecLeaf, Crafted.nameWithValue(deep));
      byte[] der =
          Crafted.sign(
              tbs,
              org.bouncycastle.asn1.x509.Certificate.getInstance(ecLeaf.der())
                  .getSignatureAlgorithm(),
              ecLeaf.certificate(),
              ca.privateKey());
      assertThatThrownBy(() -> Certificates.read(der))
          .isInstanceOf(SmimeFormatException.class)
          .hasMessage("certificate #1 at offset 0: BER/DER nested deeper than 64 levels");
      String pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
              + "\n-----END CERTIFICATE-----\n";
      assertThatThrownBy(() -> Certificates.read(pem.getBytes(StandardCharsets.US_ASCII)))
          .isInstanceOf(SmimeFormatException.class)
          .hasMessageContaining("BER/DER nested deeper than 64 levels");
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void read_deepNestingInsideAnExtensionValue_throwsFormatException() {
    TestCertificate withExtension =
        pki.leaf(ca)
            .keyType(KeyType.EC_P256)
            .email(ALICE)
            .extension("1.3.6.1.4.1.55555.7", false, Crafted.deepDefinite(5_000))
            .build();
    assertThatThrownBy(() -> Certificates.read(withExtension.der()))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("certificate #1 at offset 0: BER/DER nested deeper than 64 levels");
  }
}
