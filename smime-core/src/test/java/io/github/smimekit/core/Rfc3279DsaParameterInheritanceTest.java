package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * DSA domain-parameter inheritance in signature verification (<a
 * href="https://www.rfc-editor.org/rfc/rfc3279#section-2.3.2">RFC 3279 section 2.3.2</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5280#section-6.1.4">RFC 5280 section 6.1.4 (f)</a>) on
 * the NIST PKITS section 4.1 DSA cases (files in {@code pkits-dsa/}, see its README), inheritance
 * through a non-DSA issuer, and the empty extendedKeyUsage of RFC 5280 section 4.2.1.12.
 */
final class Rfc3279DsaParameterInheritanceTest {
  private static final Instant PKITS_TIME = Instant.parse("2011-04-15T00:00:00Z");

  private static X509Certificate pkits(String name) throws IOException {
    try (InputStream in =
        Rfc3279DsaParameterInheritanceTest.class.getResourceAsStream(
            "pkits-dsa/" + name + ".crt")) {
      return Certificates.readOne(in);
    }
  }

  private static ChainResolver pkitsResolver(X509Certificate... pool) throws IOException {
    return ChainResolver.builder()
        .trustAnchors(pkits("TrustAnchorRootCertificate"))
        .intermediates(pool)
        .build();
  }

  @Test
  void pkits414_validDsaSignatures_valid() throws IOException {
    ChainResult r =
        pkitsResolver(pkits("DSACACert")).resolve(pkits("ValidDSASignaturesTest4EE"), PKITS_TIME);
    assertThat(r.isValid()).as("%s", r).isTrue();
  }

  @Test
  void pkits415_validDsaParameterInheritance_valid() throws IOException {
    X509Certificate inherited = pkits("DSAParametersInheritedCACert");
    ChainResult r =
        pkitsResolver(pkits("DSACACert"), inherited)
            .resolve(pkits("ValidDSAParameterInheritanceTest5EE"), PKITS_TIME);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(r.chain().orElseThrow().certificates())
        .containsExactly(
            pkits("ValidDSAParameterInheritanceTest5EE"),
            inherited,
            pkits("DSACACert"),
            pkits("TrustAnchorRootCertificate"));
  }

  @Test
  void pkits415_withoutTheParameterHolder_issuerNotFound() throws IOException {
    ChainResult r =
        pkitsResolver(pkits("DSAParametersInheritedCACert"))
            .resolve(pkits("ValidDSAParameterInheritanceTest5EE"), PKITS_TIME);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.ISSUER_NOT_FOUND);
    assertThat(d.certificate()).contains(pkits("DSAParametersInheritedCACert"));
    assertThat(d.reason()).contains("has the subject 'CN=DSA CA,O=Test Certificates 2011,C=US'");
  }

  @Test
  void pkits416_invalidDsaSignature_badSignature() throws IOException {
    ChainResult r =
        pkitsResolver(pkits("DSACACert")).resolve(pkits("InvalidDSASignatureTest6EE"), PKITS_TIME);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.BAD_SIGNATURE);
    assertThat(d.certificate()).contains(pkits("InvalidDSASignatureTest6EE"));
  }

  @Test
  void inheritance_throughRsaIssuer_isRefused() throws Exception {
    TestPki pki = TestPki.create(3279L, PKITS_TIME);
    TestCertificate rsaRoot = pki.rootCa("RSA Root").keyType(KeyType.RSA_2048).build();
    X509Certificate inherited = pkits("DSAParametersInheritedCACert");
    // the parameterless DSA key of PKITS 4.1.5's CA, certified by an RSA root under the same name
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            X500Name.getInstance(rsaRoot.certificate().getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(5279),
            Date.from(PKITS_TIME.minusSeconds(86_400)),
            Date.from(PKITS_TIME.plusSeconds(86_400 * 365L)),
            X500Name.getInstance(inherited.getSubjectX500Principal().getEncoded()),
            SubjectPublicKeyInfo.getInstance(inherited.getPublicKey().getEncoded()));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate viaRsa =
        Certificates.readOne(
            b.build(new JcaContentSignerBuilder("SHA256withRSA").build(rsaRoot.privateKey()))
                .getEncoded());
    ChainResult r =
        ChainResolver.builder()
            .trustAnchors(rsaRoot.certificate())
            .intermediates(viaRsa)
            .build()
            .resolve(pkits("ValidDSAParameterInheritanceTest5EE"), PKITS_TIME);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.DISALLOWED_ALGORITHM);
    assertThat(d.reason())
        .contains("which has no domain parameters to inherit (RFC 3279 section 2.3.2)")
        .contains("parameters are not inherited through the RSA key of its issuer 'CN=RSA Root");
  }

  @Test
  void emptyExtendedKeyUsage_isMalformed() {
    TestPki pki = TestPki.create(4212L);
    TestCertificate root = pki.rootCa("EKU Root").keyType(KeyType.EC_P256).build();
    TestCertificate leaf =
        pki.leaf(root)
            .keyType(KeyType.EC_P256)
            .extension("2.5.29.37", false, new byte[] {0x30, 0x00})
            .build();
    ChainResult r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .build()
            .resolve(leaf.certificate(), pki.now());
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.MALFORMED_CERTIFICATE);
    assertThat(d.reason())
        .endsWith(
            "is malformed: extendedKeyUsage is an empty sequence (RFC 5280 section 4.2.1.12:"
                + " SIZE (1..MAX))");
  }
}
