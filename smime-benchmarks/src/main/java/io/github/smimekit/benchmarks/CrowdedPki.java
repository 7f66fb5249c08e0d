package io.github.smimekit.benchmarks;

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
import java.util.List;
import java.util.Random;
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
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root, an issuing CA with a 3072-bit RSA key, one user it issued, and pools of CA certificates
 * that share the issuing CA's name with crafted 3072-bit RSA public keys (no private key is needed
 * when nothing is signed with them): distinct moduli just below 2<sup>3072</sup>, larger than any
 * signature, so every verification really exponentiates, with exponent 65537 or 3071 bits long.
 */
final class CrowdedPki {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final X500Name ROOT = new X500Name("CN=Crowded Bench Root");
  private static final X500Name ISSUING = new X500Name("CN=Crowded Bench Issuing CA");

  final X509Certificate root;
  final X509Certificate issuing;
  final X509Certificate user;
  private final SubjectPublicKeyInfo rootKey;
  private final ContentSigner byRoot;
  private long serial = 1;

  CrowdedPki() throws Exception {
    BouncyCastleProvider bc = new BouncyCastleProvider();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom(new byte[] {1}));
    KeyPair rootPair = ec.generateKeyPair();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(3072, new SecureRandom(new byte[] {2}));
    KeyPair issuingPair = rsa.generateKeyPair();
    rootKey = SubjectPublicKeyInfo.getInstance(rootPair.getPublic().getEncoded());
    SubjectPublicKeyInfo issuingKey =
        SubjectPublicKeyInfo.getInstance(issuingPair.getPublic().getEncoded());
    byRoot =
        new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(rootPair.getPrivate());
    ContentSigner byIssuing =
        new JcaContentSignerBuilder("SHA256withRSA")
            .setProvider(bc)
            .build(issuingPair.getPrivate());
    root = cert(ROOT, ROOT, rootKey, rootKey, byRoot, true);
    issuing = cert(ISSUING, ROOT, issuingKey, rootKey, byRoot, true);
    user = cert(new X500Name("CN=crowded user"), ISSUING, rootKey, issuingKey, byIssuing, false);
  }

  /** {@code n} CA certificates named like the issuing CA, with huge or ordinary exponents. */
  List<X509Certificate> pool(int n, boolean hugeExponents) throws Exception {
    Random random = new Random(hugeExponents ? 3071 : 17);
    BigInteger top = BigInteger.ONE.shiftLeft(3072);
    List<X509Certificate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BigInteger modulus = top.subtract(BigInteger.valueOf(2L * i + 1));
      BigInteger exponent =
          hugeExponents
              ? new BigInteger(3071, random).setBit(3070).setBit(0)
              : BigInteger.valueOf(65537);
      SubjectPublicKeyInfo key =
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
              new RSAPublicKey(modulus, exponent));
      out.add(cert(ISSUING, ROOT, key, rootKey, byRoot, true));
    }
    return out;
  }

  private X509Certificate cert(
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
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(b.build(signer).getEncoded()));
  }
}
