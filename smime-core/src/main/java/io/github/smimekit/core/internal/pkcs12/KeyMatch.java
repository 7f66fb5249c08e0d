package io.github.smimekit.core.internal.pkcs12;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.jspecify.annotations.Nullable;

/**
 * Whether a private key belongs to a certificate, for files whose bags carry neither local key id
 * nor friendly name: RSA by modulus, other signature keys by a test signature.
 */
final class KeyMatch {
  private static final byte[] PROBE = "smimekit key match".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  /** Whether the key certainly does not belong to the certificate (unknown kinds: false). */
  static boolean certainlyDifferent(PrivateKey key, X509Certificate certificate) {
    boolean checkable =
        key instanceof RSAPrivateKey || signatureAlgorithm(key.getAlgorithm()) != null;
    return checkable && !matches(key, certificate);
  }

  /** Whether the key belongs to the certificate (false when it cannot be told). */
  static boolean matches(PrivateKey key, X509Certificate certificate) {
    PublicKey pub = certificate.getPublicKey();
    if (key instanceof RSAPrivateKey rsa) {
      return pub instanceof RSAPublicKey rsaPub && rsa.getModulus().equals(rsaPub.getModulus());
    }
    String algorithm = signatureAlgorithm(key.getAlgorithm());
    if (algorithm == null || !key.getAlgorithm().equals(pub.getAlgorithm())) {
      return false;
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] sig = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(PROBE);
      return verifier.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static @Nullable String signatureAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "EC" -> "SHA256withECDSA";
      case "DSA" -> "SHA256withDSA";
      case "Ed25519", "Ed448", "EdDSA" -> keyAlgorithm;
      default -> null;
    };
  }
}
