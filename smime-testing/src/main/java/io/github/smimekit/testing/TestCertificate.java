package io.github.smimekit.testing;

import io.github.smimekit.testing.internal.KeyHolder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A certificate made by a {@link TestPki}, with its private key and the certificate that issued it.
 * Immutable and thread-safe.
 */
public final class TestCertificate {
  private final TestPki pki;
  private final X509Certificate certificate;
  private final byte[] der;
  private final KeyHolder key;
  private final @Nullable TestCertificate issuer;

  TestCertificate(
      TestPki pki,
      byte[] der,
      X509Certificate certificate,
      KeyHolder key,
      @Nullable TestCertificate issuer) {
    this.pki = pki;
    this.der = der.clone();
    this.certificate = certificate;
    this.key = key;
    this.issuer = issuer;
  }

  KeyHolder keyHolder() {
    return key;
  }

  /** The certificate (parsed by the JDK's X.509 certificate factory). */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The subject's key pair (JDK key classes). */
  public KeyPair keyPair() {
    return key.keyPair();
  }

  /** The subject's private key. */
  public PrivateKey privateKey() {
    return key.keyPair().getPrivate();
  }

  /** The subject's public key. */
  public PublicKey publicKey() {
    return key.keyPair().getPublic();
  }

  /** The key type of the subject key. */
  public KeyType keyType() {
    return key.keyType();
  }

  /** The certificate DER (a fresh copy). */
  public byte[] der() {
    return der.clone();
  }

  /** The certificate as PEM ("-----BEGIN CERTIFICATE-----", 64-column base64, LF endings). */
  public String pem() {
    return pem("CERTIFICATE", der);
  }

  /** The private key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", privateKey().getEncoded());
  }

  /** The subject distinguished name in RFC 2253 form. */
  public String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  /** The serial number. */
  public BigInteger serial() {
    return certificate.getSerialNumber();
  }

  /** The certificate that signed this one; empty for a self-signed certificate. */
  public Optional<TestCertificate> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** This certificate and its issuers, up to and including the self-signed root. */
  public List<X509Certificate> chain() {
    List<X509Certificate> out = new ArrayList<>();
    for (TestCertificate c = this; c != null; c = c.issuer) {
      out.add(c.certificate);
    }
    return List.copyOf(out);
  }

  /** {@link #pkcs12(char[], String)} with the friendly name "smimekit test". */
  public byte[] pkcs12(char[] password) {
    return pkcs12(password, "smimekit test");
  }

  /**
   * A PKCS#12 file written by Bouncy Castle holding the private key, this certificate and its chain
   * up to the root. Key and certificates are protected with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC,
   * 2048 iterations); the integrity MAC is HMAC-SHA256. The key and this certificate carry the
   * friendly name {@code alias} and a local key id. Readable by {@code
   * KeyStore.getInstance("PKCS12")}.
   */
  public byte[] pkcs12(char[] password, String alias) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(alias, "alias");
    return pki.pkcs12Writer().write(key, chain(), password, alias, pki.seed());
  }

  @Override
  public String toString() {
    return "TestCertificate[subject=" + subject() + ", serial=" + serial().toString(16) + "]";
  }

  private static String pem(String type, byte[] bytes) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }
}
