package io.github.smimekit.testing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
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
import java.util.Objects;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the certificates of {@code io.github.smimekit.testing.CrowdedPools} (which see). */
public final class CrowdedPoolMaker {
  /** The validation time the certificates are made for (TestPki's default). */
  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final X500Name ROOT = new X500Name("CN=Crowded Pool Root");
  private static final X500Name ISSUING = new X500Name("CN=Crowded Pool Issuing CA");

  private final long seed;
  private final BouncyCastleProvider bc = new BouncyCastleProvider();
  private final SubjectPublicKeyInfo rootKey;
  private final SubjectPublicKeyInfo issuingKey;
  private final ContentSigner byRoot;
  private final ContentSigner byIssuing;
  private final X509Certificate root;
  private final X509Certificate issuing;
  private long serial = 1;

  private CrowdedPoolMaker(long seed) throws GeneralSecurityException, OperatorCreationException {
    this.seed = seed;
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), random(seed, 1));
    KeyPair rootPair = ec.generateKeyPair();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(3072, random(seed, 2));
    KeyPair issuingPair = rsa.generateKeyPair();
    rootKey = SubjectPublicKeyInfo.getInstance(rootPair.getPublic().getEncoded());
    issuingKey = SubjectPublicKeyInfo.getInstance(issuingPair.getPublic().getEncoded());
    byRoot = signer("SHA256withECDSA", rootPair.getPrivate());
    byIssuing = signer("SHA256withRSA", issuingPair.getPrivate());
    root = cert(ROOT, ROOT, rootKey, rootKey, byRoot, true);
    issuing = cert(ISSUING, ROOT, issuingKey, rootKey, byRoot, true);
  }

  /**
   * Makes the root and the issuing CA (generating a 3072-bit RSA key takes about a second).
   *
   * @param seed varies the keys and the crafted exponents
   * @return a new generator
   */
  public static CrowdedPoolMaker create(long seed) {
    try {
      return new CrowdedPoolMaker(seed);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the crowded pool's CAs", e);
    }
  }

  private static SecureRandom random(long seed, int purpose) {
    return new DeterministicRandom(seed, "crowded-pool-" + purpose);
  }

  private ContentSigner signer(String algorithm, PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder(algorithm).setProvider(bc).build(key);
  }

  /** The self-signed root (EC P-256), the one trust anchor. */
  public X509Certificate root() {
    return root;
  }

  /** The real issuing CA (3072-bit RSA, exponent 65537), signed by the root. */
  public X509Certificate issuing() {
    return issuing;
  }

  /**
   * A user certificate issued by the real issuing CA, whose authority key identifier names the
   * issuing CA's key.
   *
   * @param commonName the user's CN
   * @return a new certificate
   */
  public X509Certificate user(String commonName) {
    Objects.requireNonNull(commonName, "commonName");
    return cert(new X500Name("CN=" + commonName), ISSUING, rootKey, issuingKey, byIssuing, false);
  }

  /**
   * A user certificate signed with the issuing CA's key but whose authority key identifier names
   * the root's key, so no pool certificate matches it by key identifier and a resolver must try the
   * same-name candidates.
   *
   * @return a new certificate
   */
  public X509Certificate orphan() {
    return cert(new X500Name("CN=crowded orphan"), ISSUING, rootKey, rootKey, byIssuing, false);
  }

  /** {@code n} pool certificates with huge or ordinary exponents. */
  public List<X509Certificate> pool(int n, boolean hugeExponents) {
    if (n < 0) {
      throw new IllegalArgumentException("pool size < 0: " + n);
    }
    Random random = new Random(seed * 3071 + (hugeExponents ? 1 : 0));
    BigInteger top = BigInteger.ONE.shiftLeft(3072);
    List<X509Certificate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BigInteger modulus = top.subtract(BigInteger.valueOf(2L * i + 1));
      BigInteger exponent =
          hugeExponents
              ? new BigInteger(3071, random).setBit(3070).setBit(0)
              : BigInteger.valueOf(65537);
      SubjectPublicKeyInfo key;
      try {
        key =
            new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(modulus, exponent));
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode a crafted RSA key", e);
      }
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
      boolean ca) {
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(serial++),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            subject,
            subjectKey);
    try {
      JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
      }
      b.addExtension(
          Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(subjectKey));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuerKey));
      byte[] der = b.build(signer).getEncoded();
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make a crowded pool certificate", e);
    }
  }
}
