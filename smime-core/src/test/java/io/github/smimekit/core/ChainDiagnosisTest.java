package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.KeyUsageBit;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link ChainStatus}: the diagnosis has that status and its sentence names the
 * certificate where the chain broke by subject and SHA-1 thumbprint (and {@link
 * ChainDiagnosis#certificate()} is that certificate).
 */
final class ChainDiagnosisTest {
  private final TestPki pki = TestPki.create(5005L);
  private final Instant now = pki.now();
  private final TestCertificate root = pki.rootCa("Diag Root").keyType(KeyType.EC_P256).build();

  private TestCertificate ica(String cn) {
    return pki.intermediateCa(cn, root).keyType(KeyType.EC_P256).build();
  }

  private TestCertificate leafOf(TestCertificate issuer) {
    return pki.leaf(issuer).keyType(KeyType.EC_P256).email("alice@example.com").build();
  }

  private static ChainDiagnosis diagnose(ChainResolver r, TestCertificate leaf, Instant at) {
    ChainResult result = r.resolve(leaf.certificate(), at);
    assertThat(result.isValid()).as("%s", result).isFalse();
    return result.diagnosis().orElseThrow();
  }

  private ChainResolver resolver(TestCertificate... pool) {
    return ChainResolver.builder()
        .trustAnchors(root.certificate())
        .intermediates(java.util.Arrays.stream(pool).map(TestCertificate::certificate).toList())
        .build();
  }

  static Thumbprint sha1(X509Certificate c) throws Exception {
    return Thumbprint.parse(
        HexFormat.of()
            .withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-1").digest(c.getEncoded())));
  }

  private static void assertBlames(ChainDiagnosis d, ChainStatus status, TestCertificate cert)
      throws Exception {
    Thumbprint sha1 = sha1(cert.certificate());
    assertThat(d.status()).as(d.reason()).isEqualTo(status);
    assertThat(d.thumbprint()).as(d.reason()).contains(sha1);
    assertThat(d.certificate()).contains(cert.certificate());
    assertThat(d.reason())
        .contains(sha1.hex())
        .contains(cert.certificate().getSubjectX500Principal().getName());
  }

  @Test
  void resolve_issuerMissing_namesLeafIssuerNameKeyIdAndAiaUrl() throws Exception {
    TestCertificate ica = ica("Diag Missing CA");
    TestCertificate leaf =
        pki.leaf(ica)
            .keyType(KeyType.EC_P256)
            .extension("1.3.6.1.5.5.7.1.1", false, aia("http://ca.example.com/missing.cer"))
            .build();
    ChainDiagnosis d = diagnose(resolver(), leaf, now);
    assertBlames(d, ChainStatus.ISSUER_NOT_FOUND, leaf);
    String aki =
        HexFormat.of()
            .withUpperCase()
            .formatHex(
                java.util.Arrays.copyOfRange(
                    leaf.certificate().getExtensionValue("2.5.29.35"), 6, 26));
    assertThat(d.reason())
        .contains("CN=Diag Missing CA,O=smimekit test")
        .contains(aki)
        .contains("http://ca.example.com/missing.cer");
  }

  @Test
  void resolve_signedByOtherKeyWithSameName_badSignatureNamesSignedCertificate() throws Exception {
    TestCertificate impostor = pki.rootCa("Diag Root").keyType(KeyType.EC_P256).build();
    TestCertificate leaf = leafOf(impostor);
    ChainDiagnosis d = diagnose(resolver(), leaf, now);
    assertBlames(d, ChainStatus.BAD_SIGNATURE, leaf);
    assertThat(d.reason()).contains(sha1(root.certificate()).hex());
  }

  @Test
  void resolve_expiredIntermediate_namesItWithDates() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag Expired CA", root).keyType(KeyType.EC_P256).expired().build();
    TestCertificate leaf = leafOf(ica);
    ChainDiagnosis d = diagnose(resolver(ica), leaf, now);
    assertBlames(d, ChainStatus.EXPIRED, ica);
    assertThat(d.reason())
        .contains(ica.certificate().getNotAfter().toInstant().toString())
        .contains(ica.certificate().getNotBefore().toInstant().toString())
        .contains(now.toString());
  }

  @Test
  void resolve_notYetValidIntermediate_namesItWithDates() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag Future CA", root).keyType(KeyType.EC_P256).notYetValid().build();
    TestCertificate leaf = leafOf(ica);
    ChainDiagnosis d = diagnose(resolver(ica), leaf, now);
    assertBlames(d, ChainStatus.NOT_YET_VALID, ica);
    assertThat(d.reason()).contains(ica.certificate().getNotBefore().toInstant().toString());
  }

  @Test
  void resolve_expiredLeaf_namesLeaf() throws Exception {
    TestCertificate ica = ica("Diag CA");
    TestCertificate leaf = pki.leaf(ica).keyType(KeyType.EC_P256).expired().build();
    assertBlames(diagnose(resolver(ica), leaf, now), ChainStatus.EXPIRED, leaf);
  }

  @Test
  void resolve_issuerNotCa_namesIssuer() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag Not A CA", root).keyType(KeyType.EC_P256).ca(false).build();
    TestCertificate leaf = leafOf(ica);
    assertBlames(diagnose(resolver(ica), leaf, now), ChainStatus.NOT_A_CA, ica);
  }

  @Test
  void resolve_pathLengthExceeded_namesConstrainedCa() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag PathLen0 CA", root).keyType(KeyType.EC_P256).pathLength(0).build();
    TestCertificate sub = pki.intermediateCa("Diag Sub CA", ica).keyType(KeyType.EC_P256).build();
    TestCertificate leaf = leafOf(sub);
    ChainDiagnosis d = diagnose(resolver(ica, sub), leaf, now);
    assertBlames(d, ChainStatus.PATH_LENGTH_EXCEEDED, ica);
    assertThat(d.reason()).contains("pathLenConstraint 0");
  }

  @Test
  void resolve_issuerWithoutKeyCertSign_namesIssuer() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag No KeyCertSign CA", root)
            .keyType(KeyType.EC_P256)
            .keyUsage(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.CRL_SIGN)
            .build();
    TestCertificate leaf = leafOf(ica);
    ChainDiagnosis d = diagnose(resolver(ica), leaf, now);
    assertBlames(d, ChainStatus.KEY_USAGE, ica);
    assertThat(d.reason()).contains("keyCertSign");
  }

  @Test
  void resolve_requiredEkuMissing_namesLeaf() throws Exception {
    TestCertificate ica = ica("Diag CA");
    TestCertificate leaf =
        pki.leaf(ica).keyType(KeyType.EC_P256).extendedKeyUsage("1.3.6.1.5.5.7.3.2").build();
    ChainResolver r =
        resolver(ica).toBuilder().requiredExtendedKeyUsages("1.3.6.1.5.5.7.3.4").build();
    ChainDiagnosis d = diagnose(r, leaf, now);
    assertBlames(d, ChainStatus.EXTENDED_KEY_USAGE, leaf);
    assertThat(d.reason()).contains("1.3.6.1.5.5.7.3.4");
    // without the requirement the same leaf is fine
    assertThat(resolver(ica).resolve(leaf.certificate(), now).isValid()).isTrue();
  }

  @Test
  void resolve_emailOutsidePermittedSubtree_namesLeafAndConstrainingCa() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag NC CA", root)
            .keyType(KeyType.EC_P256)
            .nameConstraints(List.of("example.org"), List.of())
            .build();
    TestCertificate leaf = leafOf(ica);
    ChainDiagnosis d = diagnose(resolver(ica), leaf, now);
    assertBlames(d, ChainStatus.NAME_CONSTRAINTS, leaf);
    assertThat(d.reason()).contains(sha1(ica.certificate()).hex());
  }

  @Test
  void resolve_unknownCriticalExtension_namesCertificateAndOid() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag Critical CA", root)
            .keyType(KeyType.EC_P256)
            .extension("1.3.6.1.4.1.99999.1", true, new byte[] {0x05, 0x00})
            .build();
    TestCertificate leaf = leafOf(ica);
    ChainDiagnosis d = diagnose(resolver(ica), leaf, now);
    assertBlames(d, ChainStatus.UNKNOWN_CRITICAL_EXTENSION, ica);
    assertThat(d.reason()).contains("1.3.6.1.4.1.99999.1");
  }

  @Test
  void resolve_md5Signature_disallowedNamesSignedCertificate() throws Exception {
    TestCertificate rsaRoot = pki.rootCa("Diag RSA Root").keyType(KeyType.RSA_1024).build();
    TestCertificate leaf =
        pki.leaf(rsaRoot).keyType(KeyType.EC_P256).signatureAlgorithm("MD5withRSA").build();
    ChainResolver r = ChainResolver.builder().trustAnchors(rsaRoot.certificate()).build();
    ChainDiagnosis d = diagnose(r, leaf, now);
    assertBlames(d, ChainStatus.DISALLOWED_ALGORITHM, leaf);
    assertThat(d.reason()).containsIgnoringCase("md5");
  }

  @Test
  void resolve_sha1Signature_warnsByDefaultAndRefusedOnRequest() throws Exception {
    TestCertificate rsaRoot = pki.rootCa("Diag RSA Root").keyType(KeyType.RSA_1024).build();
    TestCertificate leaf =
        pki.leaf(rsaRoot).keyType(KeyType.EC_P256).signatureAlgorithm("SHA1withRSA").build();
    ChainResolver r = ChainResolver.builder().trustAnchors(rsaRoot.certificate()).build();
    CertificateChain chain = r.resolve(leaf.certificate(), now).chainOrThrow();
    assertThat(chain.warnings())
        .singleElement()
        .asString()
        .contains(sha1(leaf.certificate()).hex());
    ChainDiagnosis d =
        diagnose(
            r.toBuilder()
                .algorithmPolicy(AlgorithmPolicy.builder().allowSha1(false).build())
                .build(),
            leaf,
            now);
    assertBlames(d, ChainStatus.DISALLOWED_ALGORITHM, leaf);
  }

  @Test
  void resolve_chainEndsInSelfSignedNonAnchor_untrustedRootNamesRoot() throws Exception {
    TestCertificate otherRoot = pki.rootCa("Diag Other Root").keyType(KeyType.EC_P256).build();
    TestCertificate ica = ica("Diag CA");
    TestCertificate leaf = leafOf(ica);
    ChainResolver r =
        ChainResolver.builder()
            .trustAnchors(otherRoot.certificate())
            .intermediates(ica.certificate(), root.certificate())
            .build();
    assertBlames(diagnose(r, leaf, now), ChainStatus.UNTRUSTED_ROOT, root);
  }

  @Test
  void resolve_crossSignCycle_noPathNamesLoopingCertificate() throws Exception {
    TestCertificate a = ica("Diag Cycle A");
    TestCertificate b = ica("Diag Cycle B");
    TestCertificate aByB = pki.crossSign(a, b);
    TestCertificate bByA = pki.crossSign(b, a);
    TestCertificate leaf = leafOf(a);
    ChainDiagnosis d = diagnose(resolver(aByB, bByA), leaf, now);
    assertThat(d.status()).isEqualTo(ChainStatus.NO_PATH);
    assertThat(d.reason()).contains(sha1(leaf.certificate()).hex()).contains("loops");
    assertThat(d.thumbprint().orElseThrow())
        .isIn(sha1(aByB.certificate()), sha1(bByA.certificate()));
  }

  @Test
  void resolve_chainDeeperThanBudget_budgetExceededNamesCertificate() throws Exception {
    TestCertificate ica = ica("Diag Deep 1");
    TestCertificate ica2 = pki.intermediateCa("Diag Deep 2", ica).keyType(KeyType.EC_P256).build();
    TestCertificate ica3 = pki.intermediateCa("Diag Deep 3", ica2).keyType(KeyType.EC_P256).build();
    TestCertificate leaf = leafOf(ica3);
    ChainResolver full = resolver(ica, ica2, ica3);
    assertThat(full.resolve(leaf.certificate(), now).chainOrThrow().length()).isEqualTo(5);
    ChainResolver shallow = full.toBuilder().budget(100, 4).build();
    ChainDiagnosis d = diagnose(shallow, leaf, now);
    // leaf, Deep 3, Deep 2 fit; Deep 1 would need a fifth certificate (the anchor)
    assertBlames(d, ChainStatus.BUDGET_EXCEEDED, ica);
    ChainResolver stingy = full.toBuilder().budget(2, 16).build();
    ChainDiagnosis d2 = diagnose(stingy, leaf, now);
    assertBlames(d2, ChainStatus.BUDGET_EXCEEDED, leaf);
    assertThatThrownBy(() -> stingy.resolve(leaf.certificate(), now).chainOrThrow())
        .isInstanceOfSatisfying(
            ChainBuildingException.class,
            e -> assertThat(e.reason()).isEqualTo(ChainStatus.BUDGET_EXCEEDED));
  }

  @Test
  void resolve_nonCriticalBasicConstraintsUnderStrictProfile_profileNamesCa() throws Exception {
    TestCertificate ica =
        pki.intermediateCa("Diag Lax CA", root)
            .keyType(KeyType.EC_P256)
            .extension("2.5.29.19", false, new byte[] {0x30, 0x03, 0x01, 0x01, (byte) 0xff})
            .build();
    TestCertificate leaf = leafOf(ica);
    assertThat(resolver(ica).resolve(leaf.certificate(), now).isValid()).isTrue();
    ChainResolver strict = resolver(ica).toBuilder().strictProfile(true).build();
    assertBlames(diagnose(strict, leaf, now), ChainStatus.PROFILE, ica);
  }

  @Test
  void resolve_negativePathLenConstraint_malformedNamesCa() throws Exception {
    // basicConstraints cA=TRUE, pathLenConstraint -1: the JDK decodes it, RFC 5280 forbids it
    byte[] bc = {0x30, 0x06, 0x01, 0x01, (byte) 0xff, 0x02, 0x01, (byte) 0xff};
    TestCertificate ica =
        pki.intermediateCa("Diag Broken CA", root)
            .keyType(KeyType.EC_P256)
            .extension("2.5.29.19", true, bc)
            .build();
    TestCertificate leaf = leafOf(ica);
    ChainDiagnosis d = diagnose(resolver(ica), leaf, now);
    assertBlames(d, ChainStatus.MALFORMED_CERTIFICATE, ica);
    assertThat(d.reason()).contains("pathLenConstraint -1");
  }

  /** DER of an authorityInfoAccess extension with one caIssuers URI. */
  static byte[] aia(String url) {
    byte[] u = url.getBytes(StandardCharsets.US_ASCII);
    byte[] oid = {0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02};
    ByteArrayOutputStream ad = new ByteArrayOutputStream();
    ad.writeBytes(oid);
    ad.write(0x86);
    ad.write(u.length);
    ad.writeBytes(u);
    byte[] adBytes = ad.toByteArray();
    ByteArrayOutputStream seq = new ByteArrayOutputStream();
    seq.write(0x30);
    seq.write(adBytes.length);
    seq.writeBytes(adBytes);
    byte[] inner = seq.toByteArray();
    ByteArrayOutputStream outer = new ByteArrayOutputStream();
    outer.write(0x30);
    outer.write(inner.length);
    outer.writeBytes(inner);
    return outer.toByteArray();
  }
}
