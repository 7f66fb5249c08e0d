package io.github.smimekit.core.internal.cert;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.util.Optional;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.jspecify.annotations.Nullable;

/**
 * Whether a decoded public key can be used at all: what the JDK accepts without checking (an
 * uncompressed EC point that is not on its curve, an RSA modulus that is negative or even). A
 * sender that encrypted to such a key would run ECDH against an invalid point or RSA with a
 * meaningless modulus.
 */
public final class PublicKeyCheck {
  /** The largest RSA modulus accepted, in bits (the JDK's own limit for RSA keys). */
  public static final int MAX_RSA_BITS = 16384;

  /** The largest RSA public exponent accepted, in bits (NIST SP 800-56B: e < 2^256). */
  public static final int MAX_RSA_EXPONENT_BITS = 256;

  private static final BigInteger THREE = BigInteger.valueOf(3);
  private static final int INTEGER = 0x02;
  private static final int BIT_STRING = 0x03;

  private PublicKeyCheck() {}

  /**
   * What is wrong with {@code key}, the public key of {@code c}, or empty if nothing this check
   * knows of (keys of other algorithms are not checked).
   */
  public static Optional<String> problem(X509Certificate c, PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      // the JDK reads the INTEGERs as unsigned: a negative modulus shows only in the encoding
      BigInteger n = rsa.getModulus();
      BigInteger e = rsa.getPublicExponent();
      try {
        BigInteger[] signed = signedRsaIntegers(c.getEncoded());
        if (signed != null) {
          n = signed[0];
          e = signed[1];
        }
      } catch (CertificateEncodingException | RuntimeException ex) {
        // not the usual encoding (Der throws SmimeFormatException): check the values the key holds
      }
      return rsa(n, e);
    }
    if (key instanceof ECPublicKey ec) {
      return ec(ec);
    }
    return Optional.empty();
  }

  /**
   * The RSA modulus and exponent as encoded (signed) in the certificate's SubjectPublicKeyInfo,
   * found by walking the headers of the TBS certificate (no full parse), or null if the structure
   * is not the usual one.
   */
  private static BigInteger @Nullable [] signedRsaIntegers(byte[] der) {
    Der.Tlv t = Der.tbsField(der, 0, der.length, Der.TBS_SUBJECT_PUBLIC_KEY_INFO);
    if (t.tag() != Der.SEQUENCE || t.indefinite()) {
      return null;
    }
    Der.Tlv algorithm = Der.header(der, t.contentOffset(), t.end());
    Der.Tlv bits = Der.header(der, algorithm.end(), t.end());
    if (bits.tag() != BIT_STRING || bits.length() < 2 || der[bits.contentOffset()] != 0) {
      return null;
    }
    Der.Tlv key = Der.header(der, bits.contentOffset() + 1, bits.end());
    if (key.tag() != Der.SEQUENCE || key.indefinite()) {
      return null;
    }
    Der.Tlv n = Der.header(der, key.contentOffset(), key.end());
    Der.Tlv e = Der.header(der, n.end(), key.end());
    if (n.tag() != INTEGER || e.tag() != INTEGER || n.length() == 0 || e.length() == 0) {
      return null;
    }
    return new BigInteger[] {
      new BigInteger(der, n.contentOffset(), n.length()),
      new BigInteger(der, e.contentOffset(), e.length())
    };
  }

  private static Optional<String> rsa(BigInteger n, BigInteger e) {
    if (n.signum() <= 0) {
      return Optional.of("rsa modulus is not positive");
    }
    if (!n.testBit(0)) {
      return Optional.of("rsa modulus is even, so it is not a product of two large primes");
    }
    if (n.bitLength() > MAX_RSA_BITS) {
      return Optional.of(
          "rsa modulus of " + n.bitLength() + " bits is larger than " + MAX_RSA_BITS + " bits");
    }
    if (e.compareTo(THREE) < 0) {
      return Optional.of("rsa public exponent " + e + " is smaller than 3");
    }
    if (!e.testBit(0)) {
      return Optional.of("rsa public exponent is even");
    }
    if (e.compareTo(n) >= 0) {
      return Optional.of("rsa public exponent is not smaller than the modulus");
    }
    if (e.bitLength() > MAX_RSA_EXPONENT_BITS) {
      return Optional.of(
          "rsa public exponent of "
              + e.bitLength()
              + " bits is larger than "
              + MAX_RSA_EXPONENT_BITS
              + " bits");
    }
    return Optional.empty();
  }

  private static Optional<String> ec(ECPublicKey key) {
    ECPoint w = key.getW();
    if (w == null || ECPoint.POINT_INFINITY.equals(w)) {
      return Optional.of("ec public key is the point at infinity");
    }
    boolean valid;
    try {
      var spec = EC5Util.convertSpec(key.getParams());
      valid = spec.getCurve().createPoint(w.getAffineX(), w.getAffineY()).isValid();
    } catch (RuntimeException e) {
      valid = false; // a coordinate outside the field, or parameters that are not a curve
    }
    return valid ? Optional.empty() : Optional.of("ec public key is not a point on its curve");
  }
}
