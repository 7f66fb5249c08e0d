package io.github.smimekit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TestPkiTest {
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final Instant NOW = TestPki.DEFAULT_NOW;

  private static List<byte[]> standardPki(long seed) {
    TestPki pki = TestPki.create(seed);
    TestCertificate root = pki.rootCa("Test Root CA").keyType(KeyType.EC_P256).build();
    TestCertificate ica =
        pki.intermediateCa("Test Issuing CA", root).keyType(KeyType.EC_P384).pathLength(0).build();
    TestCertificate leaf = pki.leaf(ica).email("alice@example.com").build();
    TestCertificate ed = pki.leaf(ica).keyType(KeyType.ED25519).build();
    return List.of(root.der(), ica.der(), leaf.der(), ed.der());
  }

  @Test
  void create_sameSeed_byteIdenticalCertificates() {
    List<byte[]> a = standardPki(42L);
    List<byte[]> b = standardPki(42L);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("certificate %d", i).isEqualTo(b.get(i));
    }
  }

  @Test
  void create_differentSeed_differentCertificates() {
    List<byte[]> a = standardPki(42L);
    List<byte[]> b = standardPki(43L);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("certificate %d", i).isNotEqualTo(b.get(i));
    }
  }

  @Test
  void create_sameSeed_sameKeys() {
    TestCertificate a = TestPki.create(7L).rootCa("R").keyType(KeyType.EC_P256).build();
    TestCertificate b = TestPki.create(7L).rootCa("R").keyType(KeyType.EC_P256).build();
    assertThat(a.privateKey().getEncoded()).isEqualTo(b.privateKey().getEncoded());
    assertThat(a.publicKey()).isEqualTo(b.publicKey());
  }

  @Test
  void defaults_rootIntermediateLeaf_asDocumented() throws Exception {
    TestPki pki = TestPki.create(1L);
    assertThat(pki.now()).isEqualTo(NOW);
    TestCertificate root = pki.rootCa("Test Root CA").build();
    TestCertificate ica = pki.intermediateCa("Test Issuing CA", root).pathLength(0).build();
    TestCertificate leaf = pki.leaf(ica).email("alice@example.com").build();

    X509Certificate r = root.certificate();
    assertThat(r.getSubjectX500Principal())
        .isEqualTo(new X500Principal("CN=Test Root CA, O=smimekit test"));
    assertThat(r.getSubjectX500Principal().getName()).isEqualTo("CN=Test Root CA,O=smimekit test");
    assertThat(r.getIssuerX500Principal()).isEqualTo(r.getSubjectX500Principal());
    assertThat(r.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(r.getKeyUsage())
        .containsExactly(false, false, false, false, false, true, true, false, false);
    assertThat(r.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(((RSAPublicKey) r.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    r.verify(r.getPublicKey());

    X509Certificate i = ica.certificate();
    assertThat(i.getBasicConstraints()).isZero();
    assertThat(i.getIssuerX500Principal()).isEqualTo(r.getSubjectX500Principal());
    i.verify(r.getPublicKey());

    X509Certificate l = leaf.certificate();
    assertThat(l.getBasicConstraints()).isEqualTo(-1);
    assertThat(l.getSubjectX500Principal().getName())
        .isEqualTo("CN=alice@example.com,O=smimekit test");
    assertThat(l.getSubjectAlternativeNames()).containsExactly(List.of(1, "alice@example.com"));
    assertThat(l.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
    assertThat(l.getKeyUsage()).startsWith(true, false, true, false, false, false, false);
    assertThat(l.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    assertThat(l.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    assertThat(l.getExtensionValue("2.5.29.14")).isNotNull();
    assertThat(l.getExtensionValue("2.5.29.35")).isNotNull();
    assertThat(l.getSigAlgName()).isEqualTo("SHA256withRSA");
    l.verify(i.getPublicKey());
    l.checkValidity(Date.from(NOW));

    assertThat(leaf.chain()).containsExactly(l, i, r);
    assertThat(ica.chain()).containsExactly(i, r);
    assertThat(root.chain()).containsExactly(r);
    assertThat(leaf.issuer()).contains(ica);
    assertThat(root.issuer()).isEmpty();
  }

  @Test
  void chain_validatesWithPkix() throws Exception {
    TestPki pki = TestPki.create(2L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    TestCertificate ica = pki.intermediateCa("Ica", root).keyType(KeyType.EC_P256).build();
    TestCertificate leaf = pki.leaf(ica).keyType(KeyType.EC_P256).build();
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(NOW));
    CertPathValidator.getInstance("PKIX")
        .validate(cf.generateCertPath(leaf.chain().subList(0, 2)), params);
  }

  @Test
  void leaf_ecKey_keyAgreementAndEcdsa() throws Exception {
    TestPki pki = TestPki.create(3L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    TestCertificate leaf = pki.leaf(root).keyType(KeyType.EC_P256).build();
    X509Certificate l = leaf.certificate();
    assertThat(l.getKeyUsage()).startsWith(true, false, false, false, true);
    assertThat(l.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(l.getPublicKey()).isInstanceOf(ECPublicKey.class);
    l.verify(root.publicKey());
    assertThat(l.getSubjectAlternativeNames()).containsExactly(List.of(1, "user1@example.com"));
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void keyType_each_keyUsableWithJdk(KeyType type) throws Exception {
    if (type == KeyType.RSA_4096 || type == KeyType.RSA_3072) {
      return; // slow; covered by the same code path as RSA_2048
    }
    TestPki pki = TestPki.create(4L);
    TestCertificate self = pki.selfSigned("bob@example.com").keyType(type).build();
    self.certificate().verify(self.publicKey());
    assertThat(self.keyType()).isEqualTo(type);
    PrivateKey key = self.privateKey();
    String alg = type.isRsa() ? "SHA256withRSA" : type.isEc() ? "SHA256withECDSA" : "Ed25519";
    Signature s = Signature.getInstance(alg);
    s.initSign(key);
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(self.certificate());
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).isTrue();
  }

  @Test
  void selfSigned_email_endEntitySelfIssued() throws Exception {
    TestCertificate self =
        TestPki.create(5L).selfSigned("bob@example.com").keyType(KeyType.EC_P256).build();
    X509Certificate c = self.certificate();
    assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
    assertThat(c.getBasicConstraints()).isEqualTo(-1);
    assertThat(c.getSubjectAlternativeNames()).containsExactly(List.of(1, "bob@example.com"));
    c.verify(c.getPublicKey());
    assertThat(self.chain()).containsExactly(c);
  }

  @Test
  void builderOptions_allVisibleInCertificate() throws Exception {
    TestPki pki = TestPki.create(6L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    Instant nb = Instant.parse("2020-02-03T04:05:06Z");
    Instant na = Instant.parse("2060-01-01T00:00:00Z");
    byte[] aki = {1, 2, 3, 4};
    byte[] custom = {0x04, 0x03, 'a', 'b', 'c'};
    TestCertificate c =
        pki.leaf(root)
            .subject("CN=Custom,OU=Unit,O=Org,C=DE")
            .subjectEmail("carol@example.org")
            .email("carol@example.org", "c2@example.org")
            .keyType(KeyType.EC_P384)
            .validity(nb, na)
            .keyUsage(KeyUsageBit.NON_REPUDIATION, KeyUsageBit.DECIPHER_ONLY)
            .extendedKeyUsage("1.3.6.1.5.5.7.3.2", EMAIL_PROTECTION)
            .ca(false)
            .signatureAlgorithm("SHA384withECDSA")
            .serial(BigInteger.valueOf(12345))
            .authorityKeyIdentifier(aki)
            .extension("1.2.3.4.5", true, custom)
            .build();
    X509Certificate x = c.certificate();
    assertThat(x.getSubjectX500Principal().getName())
        .isEqualTo(
            "1.2.840.113549.1.9.1=#16116361726f6c406578616d706c652e6f7267,CN=Custom,OU=Unit,O=Org,C=DE");
    assertThat(x.getSubjectAlternativeNames())
        .containsExactly(List.of(1, "carol@example.org"), List.of(1, "c2@example.org"));
    assertThat(x.getNotBefore().toInstant()).isEqualTo(nb);
    assertThat(x.getNotAfter().toInstant()).isEqualTo(na);
    assertThat(x.getKeyUsage())
        .containsExactly(false, true, false, false, false, false, false, false, true);
    assertThat(x.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", EMAIL_PROTECTION);
    assertThat(x.getBasicConstraints()).isEqualTo(-1);
    assertThat(x.getExtensionValue("2.5.29.19")).isNotNull();
    assertThat(x.getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(x.getSerialNumber()).isEqualTo(BigInteger.valueOf(12345));
    // AKI: OCTET STRING { SEQUENCE { [0] 01 02 03 04 } }
    assertThat(x.getExtensionValue("2.5.29.35"))
        .isEqualTo(new byte[] {0x04, 0x08, 0x30, 0x06, (byte) 0x80, 0x04, 1, 2, 3, 4});
    assertThat(x.getCriticalExtensionOIDs()).contains("1.2.3.4.5");
    assertThat(x.getExtensionValue("1.2.3.4.5"))
        .isEqualTo(new byte[] {0x04, 0x05, 0x04, 0x03, 'a', 'b', 'c'});
    assertThat(((ECPublicKey) x.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(384);
    x.verify(root.publicKey());
  }

  @Test
  void noOptions_extensionsAbsent() {
    TestPki pki = TestPki.create(7L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    X509Certificate x =
        pki.leaf(root)
            .keyType(KeyType.EC_P256)
            .noSubjectAltName()
            .noKeyUsage()
            .noExtendedKeyUsage()
            .noBasicConstraints()
            .noSubjectKeyIdentifier()
            .noAuthorityKeyIdentifier()
            .build()
            .certificate();
    assertThat(x.getCriticalExtensionOIDs()).isNullOrEmpty();
    assertThat(x.getNonCriticalExtensionOIDs()).isNullOrEmpty();
  }

  @Test
  void expiredAndNotYetValid_datesRelativeToNow() {
    Instant now = Instant.parse("2030-06-01T12:00:00Z");
    TestPki pki = TestPki.create(8L, now);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    X509Certificate expired =
        pki.leaf(root).keyType(KeyType.EC_P256).expired().build().certificate();
    X509Certificate future =
        pki.leaf(root).keyType(KeyType.EC_P256).notYetValid().build().certificate();
    assertThat(expired.getNotAfter().toInstant()).isEqualTo(now.minus(Duration.ofDays(1)));
    assertThat(expired.getNotBefore().toInstant()).isBefore(expired.getNotAfter().toInstant());
    assertThat(future.getNotBefore().toInstant()).isEqualTo(now.plus(Duration.ofDays(1)));
    assertThat(future.getNotAfter().toInstant()).isAfter(future.getNotBefore().toInstant());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA1withRSA", "MD5withRSA", "SHA512withRSA", "SHA256withRSAandMGF1"})
  void signatureAlgorithm_rsaVariants_usedAndVerifiable(String alg) throws Exception {
    TestPki pki = TestPki.create(9L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.RSA_1024).build();
    X509Certificate x =
        pki.leaf(root).keyType(KeyType.EC_P256).signatureAlgorithm(alg).build().certificate();
    String expected = alg.equals("SHA256withRSAandMGF1") ? "RSASSA-PSS" : alg;
    assertThat(x.getSigAlgName()).isEqualToIgnoringCase(expected);
    if (!alg.startsWith("MD5")) {
      x.verify(root.publicKey());
    }
  }

  @Test
  void signatureAlgorithm_ed25519Issuer_ed25519Signature() throws Exception {
    TestPki pki = TestPki.create(10L);
    TestCertificate root = pki.rootCa("Ed Root").keyType(KeyType.ED25519).build();
    X509Certificate leaf = pki.leaf(root).keyType(KeyType.ED25519).build().certificate();
    assertThat(leaf.getSigAlgName()).isEqualTo("Ed25519");
    assertThat(leaf.getKeyUsage()).startsWith(true, false, false, false, false);
    leaf.verify(root.publicKey());
  }

  @Test
  void signatureAlgorithm_unknownOrMismatched_rejected() {
    TestPki pki = TestPki.create(11L);
    assertThatThrownBy(() -> pki.rootCa("R").signatureAlgorithm("SHA256withDSA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHA256withDSA");
    assertThatThrownBy(
            () ->
                pki.rootCa("R")
                    .keyType(KeyType.EC_P256)
                    .signatureAlgorithm("SHA256withRSA")
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void setters_badArguments_rejected() {
    TestPki pki = TestPki.create(12L);
    TestPki.CertificateBuilder b = pki.rootCa("R");
    assertThatThrownBy(() -> b.pathLength(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.extendedKeyUsage("not.an.oid"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.extension("1.2", false, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.nameConstraints(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.email("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pki.rootCa("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nameConstraints_permittedAndExcluded_encoded() throws Exception {
    TestPki pki = TestPki.create(13L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    TestCertificate ica =
        pki.intermediateCa("Constrained", root)
            .keyType(KeyType.EC_P256)
            .nameConstraints(List.of("example.com", "dns:example.com"), List.of("bad@example.com"))
            .build();
    X509Certificate x = ica.certificate();
    assertThat(x.getCriticalExtensionOIDs()).contains("2.5.29.30");
    byte[] nc = x.getExtensionValue("2.5.29.30");
    String hex = java.util.HexFormat.of().formatHex(nc);
    // rfc822Name [1] "example.com", dNSName [2] "example.com", rfc822Name "bad@example.com"
    assertThat(hex)
        .contains("810b" + hex("example.com"))
        .contains("820b" + hex("example.com"))
        .contains("810f" + hex("bad@example.com"));

    // the JDK path validator enforces it
    TestCertificate ok = pki.leaf(ica).keyType(KeyType.EC_P256).email("a@example.com").build();
    TestCertificate bad = pki.leaf(ica).keyType(KeyType.EC_P256).email("a@other.org").build();
    assertThat(validates(root, ok)).isTrue();
    assertThat(validates(root, bad)).isFalse();
  }

  private static String hex(String s) {
    return java.util.HexFormat.of()
        .formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static boolean validates(TestCertificate root, TestCertificate leaf) throws Exception {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(NOW));
    List<X509Certificate> chain = leaf.chain();
    try {
      CertPathValidator.getInstance("PKIX")
          .validate(
              CertificateFactory.getInstance("X.509")
                  .generateCertPath(chain.subList(0, chain.size() - 1)),
              params);
      return true;
    } catch (java.security.cert.CertPathValidatorException e) {
      return false;
    }
  }

  @Test
  void crossSign_sameSubjectAndKey_verifiesUnderOtherRoot() throws Exception {
    TestPki pki = TestPki.create(14L);
    TestCertificate rootA = pki.rootCa("Root A").keyType(KeyType.EC_P256).build();
    TestCertificate rootB = pki.rootCa("Root B").keyType(KeyType.RSA_1024).build();
    TestCertificate ica =
        pki.intermediateCa("Ica", rootA).keyType(KeyType.EC_P256).pathLength(0).build();
    TestCertificate cross = pki.crossSign(ica, rootB);
    X509Certificate c = cross.certificate();
    assertThat(c.getSubjectX500Principal().getEncoded())
        .isEqualTo(ica.certificate().getSubjectX500Principal().getEncoded());
    assertThat(c.getPublicKey()).isEqualTo(ica.certificate().getPublicKey());
    assertThat(c.getIssuerX500Principal()).isEqualTo(rootB.certificate().getSubjectX500Principal());
    assertThat(c.getBasicConstraints()).isZero();
    assertThat(c.getSerialNumber()).isNotEqualTo(ica.serial());
    assertThat(c.getExtensionValue("2.5.29.14"))
        .isEqualTo(ica.certificate().getExtensionValue("2.5.29.14"));
    assertThat(c.getExtensionValue("2.5.29.35"))
        .isEqualTo(rootB.certificate().getExtensionValue("2.5.29.35"));
    assertThat(c.getSigAlgName()).isEqualTo("SHA256withRSA");
    c.verify(rootB.publicKey());
    assertThat(cross.chain()).containsExactly(c, rootB.certificate());
    TestCertificate leaf = pki.leaf(ica).keyType(KeyType.EC_P256).build();
    leaf.certificate().verify(cross.publicKey());

    X509Certificate expiredCross = pki.crossSigned(ica, rootB).expired().build().certificate();
    assertThat(expiredCross.getNotAfter().toInstant()).isBefore(NOW);
  }

  @Test
  void renew_sameNameNewKey_sameIssuer() throws Exception {
    TestPki pki = TestPki.create(15L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    TestCertificate ica =
        pki.intermediateCa("Ica", root)
            .keyType(KeyType.EC_P256)
            .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(10)))
            .build();
    TestCertificate renewed = pki.renew(ica).build();
    X509Certificate r = renewed.certificate();
    assertThat(r.getSubjectX500Principal().getEncoded())
        .isEqualTo(ica.certificate().getSubjectX500Principal().getEncoded());
    assertThat(r.getPublicKey()).isNotEqualTo(ica.publicKey());
    assertThat(renewed.keyType()).isEqualTo(KeyType.EC_P256);
    assertThat(r.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    assertThat(Duration.between(r.getNotBefore().toInstant(), r.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(390));
    assertThat(r.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.getKeyUsage()).isEqualTo(ica.certificate().getKeyUsage());
    assertThat(r.getExtensionValue("2.5.29.14"))
        .isNotEqualTo(ica.certificate().getExtensionValue("2.5.29.14"));
    r.verify(root.publicKey());
    assertThat(renewed.chain()).containsExactly(r, root.certificate());

    TestCertificate renewedRoot = pki.renew(root).build();
    renewedRoot.certificate().verify(renewedRoot.publicKey());
    assertThat(renewedRoot.certificate().getSubjectX500Principal())
        .isEqualTo(root.certificate().getSubjectX500Principal());
  }

  @Test
  void keyPair_reused_samePublicKey() {
    TestPki pki = TestPki.create(16L);
    TestCertificate a = pki.selfSigned("a@example.com").keyType(KeyType.EC_P256).build();
    TestCertificate b = pki.selfSigned("b@example.com").keyPair(a.keyPair()).build();
    assertThat(b.publicKey().getEncoded()).isEqualTo(a.publicKey().getEncoded());
  }

  @Test
  void pkcs12_readableByJdkKeyStore() throws Exception {
    TestPki pki = TestPki.create(17L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    TestCertificate ica = pki.intermediateCa("Ica", root).keyType(KeyType.EC_P256).build();
    TestCertificate leaf = pki.leaf(ica).keyType(KeyType.RSA_1024).build();
    char[] password = "s3cret".toCharArray();
    byte[] p12 = leaf.pkcs12(password, "alice");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(p12), password);
    assertThat(ks.isKeyEntry("alice")).isTrue();
    assertThat(ks.getKey("alice", password).getEncoded()).isEqualTo(leaf.privateKey().getEncoded());
    assertThat(ks.getCertificateChain("alice"))
        .containsExactly(leaf.certificate(), ica.certificate(), root.certificate());

    KeyStore ks2 = KeyStore.getInstance("PKCS12");
    ks2.load(new ByteArrayInputStream(leaf.pkcs12(password)), password);
    assertThat(ks2.isKeyEntry("smimekit test")).isTrue();

    KeyStore wrong = KeyStore.getInstance("PKCS12");
    assertThatThrownBy(() -> wrong.load(new ByteArrayInputStream(p12), "nope".toCharArray()))
        .isInstanceOf(java.io.IOException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC_P256", "ED25519"})
  void pkcs12_nonRsaKeys_readableByJdkKeyStore(KeyType type) throws Exception {
    TestCertificate self = TestPki.create(18L).selfSigned("x@example.com").keyType(type).build();
    char[] password = "pw".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(self.pkcs12(password)), password);
    assertThat(ks.getKey("smimekit test", password).getEncoded())
        .isEqualTo(self.privateKey().getEncoded());
  }

  @Test
  void pem_roundTripsThroughCertificateFactory() throws Exception {
    TestCertificate self =
        TestPki.create(19L).selfSigned("x@example.com").keyType(KeyType.EC_P256).build();
    String pem = self.pem();
    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    X509Certificate back =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertThat(back).isEqualTo(self.certificate());
    assertThat(self.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void crl_revokedSerials_listedAndSigned() throws Exception {
    TestPki pki = TestPki.create(20L);
    TestCertificate root = pki.rootCa("Root").keyType(KeyType.EC_P256).build();
    TestCertificate leaf = pki.leaf(root).keyType(KeyType.EC_P256).build();
    X509CRL crl = pki.crl(root, leaf.serial());
    crl.verify(root.publicKey());
    assertThat(crl.isRevoked(leaf.certificate())).isTrue();
    assertThat(crl.getIssuerX500Principal())
        .isEqualTo(root.certificate().getSubjectX500Principal());
    Collection<?> entries = crl.getRevokedCertificates();
    assertThat(entries).hasSize(1);
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
  }
}
