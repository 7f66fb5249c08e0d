package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.KeyUsageBit;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of {@link SmimeFitness} (exchange-online.md 3.2 and 3.4), on certificates from
 * the deterministic {@link TestPki}.
 */
final class SmimeFitnessTest {
  private static final String ALICE = "alice@example.com";
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EKU = "2.5.29.37.0";

  private static TestPki pki;
  private static Instant now;
  private static TestCertificate ecCa;
  private static TestCertificate rsaCa;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(42L);
    now = pki.now();
    ecCa = pki.rootCa("Fitness EC CA").keyType(KeyType.EC_P256).build();
    rsaCa = pki.rootCa("Fitness RSA CA").keyType(KeyType.RSA_2048).build();
  }

  private static TestPki.CertificateBuilder ecLeaf() {
    return pki.leaf(ecCa).keyType(KeyType.EC_P256).email(ALICE);
  }

  private static FitnessReport check(TestCertificate c, Purpose purpose) {
    return SmimeFitness.defaults().check(c.certificate(), ALICE, purpose, now);
  }

  private static List<FindingCode> codes(FitnessReport r) {
    return r.findings().stream().map(Finding::code).collect(Collectors.toList());
  }

  @Test
  void check_fitEcAndRsaLeaves_haveNoFindings() {
    assertThat(check(ecLeaf().build(), Purpose.BOTH).findings()).isEmpty();
    TestCertificate rsa = pki.leaf(rsaCa).email(ALICE).build();
    FitnessReport r = check(rsa, Purpose.BOTH);
    assertThat(r.findings()).isEmpty();
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.hasWarnings()).isFalse();
  }

  @Test
  void check_notYetValid_reportsErrorWithDates() {
    TestCertificate c = ecLeaf().notYetValid().build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.NOT_YET_VALID);
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.findings().get(0).message())
        .isEqualTo(
            "not valid before "
                + c.certificate().getNotBefore().toInstant()
                + " (checked at 2026-01-01T00:00:00Z)");
  }

  @Test
  void check_expired_reportsError() {
    TestCertificate c = ecLeaf().expired().build();
    FitnessReport r = check(c, Purpose.SIGN);
    assertThat(codes(r)).containsExactly(FindingCode.EXPIRED);
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(r.findings().get(0).message())
        .startsWith("expired at " + c.certificate().getNotAfter().toInstant());
  }

  @Test
  void check_expiringWithin30Days_reportsWarningUnlessPeriodShorter() {
    TestCertificate c =
        ecLeaf().validity(now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10))).build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.EXPIRING_SOON);
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(r.findings().get(0).message()).contains("in 10 days").contains("warning period 30");
    SmimeFitness fiveDays = SmimeFitness.builder().expiringWithin(Duration.ofDays(5)).build();
    assertThat(fiveDays.check(c.certificate(), ALICE, Purpose.BOTH, now).findings()).isEmpty();
  }

  @Test
  void check_noExtendedKeyUsage_reportsError() {
    FitnessReport r = check(ecLeaf().noExtendedKeyUsage().build(), Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.NO_EXTENDED_KEY_USAGE);
    assertThat(r.findings().get(0).message()).contains(EMAIL_PROTECTION);
  }

  @Test
  void check_anyExtendedKeyUsageWithoutEmailProtection_reportsError() {
    FitnessReport r = check(ecLeaf().extendedKeyUsage(CLIENT_AUTH, ANY_EKU).build(), Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.NO_EMAIL_PROTECTION);
    assertThat(r.findings().get(0).message())
        .isEqualTo(
            "extendedKeyUsage [1.3.6.1.5.5.7.3.2, 2.5.29.37.0] lacks emailProtection"
                + " (1.3.6.1.5.5.7.3.4); anyExtendedKeyUsage (2.5.29.37.0) is not enough");
    assertThat(
            codes(
                check(ecLeaf().extendedKeyUsage(ANY_EKU, EMAIL_PROTECTION).build(), Purpose.BOTH)))
        .isEmpty();
  }

  @Test
  void check_ecKeyWithoutKeyAgreement_cannotEncryptButCanSign() {
    TestCertificate c =
        ecLeaf().keyUsage(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT).build();
    FitnessReport r = check(c, Purpose.ENCRYPT);
    assertThat(codes(r)).containsExactly(FindingCode.KEY_USAGE_CANNOT_ENCRYPT);
    assertThat(r.findings().get(0).message())
        .isEqualTo(
            "keyUsage [digitalSignature, keyEncipherment] lacks keyAgreement, needed to encrypt to"
                + " an ec key");
    assertThat(check(c, Purpose.SIGN).findings()).isEmpty();
  }

  @Test
  void check_rsaKeyWithoutKeyEncipherment_cannotEncrypt() {
    TestCertificate c =
        pki.leaf(rsaCa)
            .email(ALICE)
            .keyUsage(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_AGREEMENT)
            .build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.KEY_USAGE_CANNOT_ENCRYPT);
    assertThat(r.findings().get(0).message()).contains("lacks keyEncipherment");
  }

  @Test
  void check_keyUsageWithoutSigningBits_cannotSign() {
    TestCertificate c = ecLeaf().keyUsage(KeyUsageBit.KEY_AGREEMENT).build();
    assertThat(codes(check(c, Purpose.SIGN))).containsExactly(FindingCode.KEY_USAGE_CANNOT_SIGN);
    assertThat(codes(check(c, Purpose.ENCRYPT))).isEmpty();
    TestCertificate nonRepudiation =
        ecLeaf().keyUsage(KeyUsageBit.NON_REPUDIATION, KeyUsageBit.KEY_AGREEMENT).build();
    assertThat(codes(check(nonRepudiation, Purpose.BOTH))).isEmpty();
  }

  @Test
  void check_noKeyUsageExtension_isAcceptedWithInfo() {
    FitnessReport r = check(ecLeaf().noKeyUsage().build(), Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.NO_KEY_USAGE);
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.hasWarnings()).isFalse();
  }

  @Test
  void check_noEmailInCertificate_reportsError() {
    TestCertificate c = ecLeaf().noSubjectAltName().build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.NO_EMAIL);
    assertThat(
            SmimeFitness.defaults()
                .check(c.certificate(), Purpose.BOTH, now)
                .contains(FindingCode.NO_EMAIL))
        .isTrue();
  }

  @Test
  void check_otherEmail_reportsMismatchNamingBoth() {
    FitnessReport r = check(ecLeaf().email("mallory@example.com").build(), Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.EMAIL_MISMATCH);
    assertThat(r.findings().get(0).message())
        .isEqualTo("certificate address [mallory@example.com] do not include alice@example.com");
  }

  @Test
  void check_emailDiffersOnlyInCase_matches() {
    TestCertificate c = ecLeaf().email("Alice@Example.COM").build();
    assertThat(
            SmimeFitness.defaults()
                .check(c.certificate(), "ALICE@example.com", Purpose.BOTH, now)
                .findings())
        .isEmpty();
  }

  @Test
  void check_expectedEmailIsSecondSan_reportsWarningOnly() {
    TestCertificate c = ecLeaf().email("a.smith@example.com", ALICE).build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.EMAIL_NOT_PRIMARY);
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.findings().get(0).message())
        .isEqualTo(
            "alice@example.com is address #2 of the certificate; outlook on the web matches only"
                + " the first, a.smith@example.com");
  }

  @Test
  void check_emailOnlyInSubject_matches() {
    TestCertificate c =
        ecLeaf().noSubjectAltName().subject("CN=Alice,O=smimekit test").subjectEmail(ALICE).build();
    assertThat(Certificates.primaryEmail(c.certificate())).hasValue(ALICE);
    assertThat(check(c, Purpose.BOTH).findings()).isEmpty();
  }

  @Test
  void check_rsa1024_reportsTooShortUnlessMinimumLowered() {
    TestCertificate c = pki.leaf(rsaCa).email(ALICE).keyType(KeyType.RSA_1024).build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.RSA_KEY_TOO_SHORT);
    assertThat(r.findings().get(0).message())
        .isEqualTo("rsa key of 1024 bits is shorter than the minimum of 2048");
    SmimeFitness lax = SmimeFitness.builder().minimumRsaBits(1024).build();
    assertThat(lax.check(c.certificate(), ALICE, Purpose.BOTH, now).findings()).isEmpty();
  }

  @Test
  void check_sha1Signature_reportsWarning() {
    FitnessReport r = check(ecLeaf().signatureAlgorithm("SHA1withECDSA").build(), Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.SHA1_SIGNATURE);
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(r.findings().get(0).message()).contains("1.2.840.10045.4.1");
  }

  @Test
  void check_md5Signature_reportsError() {
    TestCertificate c = pki.leaf(rsaCa).email(ALICE).signatureAlgorithm("MD5withRSA").build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.BROKEN_SIGNATURE_ALGORITHM);
    assertThat(r.findings().get(0).message())
        .isEqualTo("signed with MD5withRSA (1.2.840.113549.1.1.4), which is broken");
  }

  @Test
  void check_pssWithSha256_hasNoSignatureFinding() {
    TestCertificate c =
        pki.leaf(rsaCa).email(ALICE).signatureAlgorithm("SHA256withRSAandMGF1").build();
    assertThat(c.certificate().getSigAlgOID()).isEqualTo("1.2.840.113549.1.1.10");
    assertThat(check(c, Purpose.BOTH).findings()).isEmpty();
  }

  @Test
  void check_selfSignedEndEntity_reportsWarning() {
    TestCertificate c = pki.selfSigned(ALICE).keyType(KeyType.EC_P256).build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r)).containsExactly(FindingCode.SELF_SIGNED);
    assertThat(r.hasErrors()).isFalse();
  }

  @Test
  void check_caCertificateAsEndEntity_reportsErrorNotSelfSigned() {
    FitnessReport r = check(ecCa, Purpose.SIGN);
    assertThat(codes(r))
        .contains(FindingCode.CA_CERTIFICATE)
        .doesNotContain(FindingCode.SELF_SIGNED);
    assertThat(r.findings().get(0).message())
        .startsWith("a CA certificate (basicConstraints cA=true");
  }

  @Test
  void check_ed25519Key_cannotEncryptButCanSign() {
    TestCertificate c =
        pki.leaf(ecCa)
            .email(ALICE)
            .keyType(KeyType.ED25519)
            .keyUsage(KeyUsageBit.DIGITAL_SIGNATURE)
            .build();
    FitnessReport enc = check(c, Purpose.ENCRYPT);
    assertThat(codes(enc)).containsExactly(FindingCode.KEY_ALGORITHM_CANNOT_ENCRYPT);
    assertThat(enc.findings().get(0).message()).startsWith("ed25519 key cannot encrypt");
    assertThat(check(c, Purpose.SIGN).findings()).isEmpty();
  }

  @Test
  void check_manyProblems_findingsInFindingCodeOrder() {
    TestCertificate c =
        pki.leaf(rsaCa)
            .email("bob@example.com")
            .keyType(KeyType.RSA_1024)
            .expired()
            .noExtendedKeyUsage()
            .keyUsage(KeyUsageBit.DATA_ENCIPHERMENT)
            .signatureAlgorithm("SHA1withRSA")
            .build();
    FitnessReport r = check(c, Purpose.BOTH);
    assertThat(codes(r))
        .containsExactly(
            FindingCode.EXPIRED,
            FindingCode.EMAIL_MISMATCH,
            FindingCode.NO_EXTENDED_KEY_USAGE,
            FindingCode.KEY_USAGE_CANNOT_SIGN,
            FindingCode.KEY_USAGE_CANNOT_ENCRYPT,
            FindingCode.RSA_KEY_TOO_SHORT,
            FindingCode.SHA1_SIGNATURE);
    assertThat(check(c, Purpose.BOTH)).isEqualTo(r);
  }

  @Test
  void findingCodes_areStableLowerCaseHyphenAndUnique() {
    Set<String> all =
        Arrays.stream(FindingCode.values()).map(FindingCode::code).collect(Collectors.toSet());
    assertThat(all)
        .hasSize(FindingCode.values().length)
        .allMatch(s -> s.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    for (FindingCode c : FindingCode.values()) {
      assertThat(FindingCode.fromCode(c.code())).isEqualTo(c);
    }
    assertThat(FindingCode.EXPIRED.code()).isEqualTo("expired");
    assertThat(FindingCode.EMAIL_NOT_PRIMARY.code()).isEqualTo("email-not-primary");
    assertThatThrownBy(() -> FindingCode.fromCode("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_invalidSettings_throwIllegalArgument() {
    assertThatThrownBy(() -> SmimeFitness.builder().expiringWithin(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmimeFitness.builder().minimumRsaBits(100))
        .isInstanceOf(IllegalArgumentException.class);
    SmimeFitness f = SmimeFitness.builder().minimumRsaBits(3072).build();
    assertThat(f.toBuilder().build().minimumRsaBits()).isEqualTo(3072);
    assertThat(SmimeFitness.defaults().expiringWithin()).isEqualTo(Duration.ofDays(30));
    X509Certificate cert = ecCa.certificate();
    assertThatThrownBy(() -> SmimeFitness.defaults().check(cert, " ", Purpose.SIGN, now))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
