package io.github.smimekit.testing.internal;

import io.github.smimekit.testing.KeyType;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.jspecify.annotations.Nullable;

/**
 * A key pair in both forms: Bouncy Castle lightweight parameters (for fast signing) and, made on
 * first use, a JDK {@link KeyPair}.
 */
public final class KeyHolder {
  private static final BigInteger F4 = BigInteger.valueOf(65537);
  private static final byte[] ED25519_PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private final AsymmetricKeyParameter privateKey;
  private final AsymmetricKeyParameter publicKey;
  private final SubjectPublicKeyInfo spki;
  private @Nullable KeyPair jca;

  private KeyHolder(
      AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey, @Nullable KeyPair jca) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    try {
      this.spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode public key", e);
    }
    this.jca = jca;
  }

  /** Generates a key of {@code type} from {@code random}. */
  public static KeyHolder generate(KeyType type, SecureRandom random) {
    Objects.requireNonNull(type, "type");
    AsymmetricCipherKeyPair kp;
    if (type.isRsa()) {
      RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
      rsa.init(new RSAKeyGenerationParameters(F4, random, rsaBits(type), 80));
      kp = rsa.generateKeyPair();
    } else if (type.isEc()) {
      ECKeyPairGenerator ec = new ECKeyPairGenerator();
      ec.init(new ECKeyGenerationParameters(domain(curveOid(type)), random));
      kp = ec.generateKeyPair();
    } else {
      Ed25519KeyPairGenerator ed = new Ed25519KeyPairGenerator();
      ed.init(new Ed25519KeyGenerationParameters(random));
      kp = ed.generateKeyPair();
    }
    return new KeyHolder(kp.getPrivate(), kp.getPublic(), null);
  }

  /** Wraps a JDK key pair (its keys must have PKCS#8 / X.509 encodings). */
  public static KeyHolder of(KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    byte[] priv = keyPair.getPrivate().getEncoded();
    byte[] pub = keyPair.getPublic().getEncoded();
    if (priv == null || pub == null) {
      throw new IllegalArgumentException("key pair has no PKCS#8/X.509 encoding");
    }
    try {
      return new KeyHolder(
          PrivateKeyFactory.createKey(priv), PublicKeyFactory.createKey(pub), keyPair);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "unsupported key pair: " + keyPair.getPrivate().getAlgorithm(), e);
    }
  }

  private static int rsaBits(KeyType type) {
    return switch (type) {
      case RSA_1024 -> 1024;
      case RSA_2048 -> 2048;
      case RSA_3072 -> 3072;
      default -> 4096;
    };
  }

  private static ASN1ObjectIdentifier curveOid(KeyType type) {
    return switch (type) {
      case EC_P256 -> SECObjectIdentifiers.secp256r1;
      case EC_P384 -> SECObjectIdentifiers.secp384r1;
      default -> SECObjectIdentifiers.secp521r1;
    };
  }

  private static ECNamedDomainParameters domain(ASN1ObjectIdentifier oid) {
    X9ECParameters x9 = CustomNamedCurves.getByOID(oid);
    return new ECNamedDomainParameters(oid, x9);
  }

  /** The lightweight private key. */
  public AsymmetricKeyParameter privateParameters() {
    return privateKey;
  }

  /** The lightweight public key. */
  public AsymmetricKeyParameter publicParameters() {
    return publicKey;
  }

  /** The SubjectPublicKeyInfo. */
  public SubjectPublicKeyInfo subjectPublicKeyInfo() {
    return spki;
  }

  /** The key type, inferred from the key. */
  public KeyType keyType() {
    if (publicKey instanceof RSAKeyParameters rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits <= 1024) {
        return KeyType.RSA_1024;
      } else if (bits <= 2048) {
        return KeyType.RSA_2048;
      } else if (bits <= 3072) {
        return KeyType.RSA_3072;
      }
      return KeyType.RSA_4096;
    }
    if (publicKey instanceof ECPublicKeyParameters ec) {
      int bits = ec.getParameters().getCurve().getFieldSize();
      if (bits <= 256) {
        return KeyType.EC_P256;
      } else if (bits <= 384) {
        return KeyType.EC_P384;
      }
      return KeyType.EC_P521;
    }
    if (publicKey instanceof Ed25519PublicKeyParameters) {
      return KeyType.ED25519;
    }
    throw new IllegalStateException("unsupported key: " + publicKey.getClass().getSimpleName());
  }

  /** The JDK key pair (JDK providers' key classes), made on first use. */
  public synchronized KeyPair keyPair() {
    KeyPair k = jca;
    if (k == null) {
      try {
        k = new KeyPair(jdkPublic(), jdkPrivate());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot convert test key to JCA", e);
      }
      jca = k;
    }
    return k;
  }

  private PublicKey jdkPublic() throws GeneralSecurityException {
    if (publicKey instanceof RSAKeyParameters p) {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(p.getModulus(), p.getExponent()));
    }
    if (publicKey instanceof ECPublicKeyParameters p) {
      org.bouncycastle.math.ec.ECPoint q = p.getQ().normalize();
      ECPoint w =
          new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, jdkCurve(p)));
    }
    if (publicKey instanceof Ed25519PublicKeyParameters ed) {
      byte[] raw = ed.getEncoded();
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, raw)));
    }
    throw new IllegalStateException("unsupported key: " + publicKey.getClass().getSimpleName());
  }

  private PrivateKey jdkPrivate() throws GeneralSecurityException {
    if (privateKey instanceof RSAPrivateCrtKeyParameters p) {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(
              new RSAPrivateCrtKeySpec(
                  p.getModulus(),
                  p.getPublicExponent(),
                  p.getExponent(),
                  p.getP(),
                  p.getQ(),
                  p.getDP(),
                  p.getDQ(),
                  p.getQInv()));
    }
    if (privateKey instanceof ECPrivateKeyParameters p) {
      return KeyFactory.getInstance("EC")
          .generatePrivate(
              new ECPrivateKeySpec(p.getD(), jdkCurve((ECPublicKeyParameters) publicKey)));
    }
    if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
      byte[] raw = ed.getEncoded();
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, raw)));
    }
    throw new IllegalStateException("unsupported key: " + privateKey.getClass().getSimpleName());
  }

  private static ECParameterSpec jdkCurve(ECPublicKeyParameters p) throws GeneralSecurityException {
    int bits = p.getParameters().getCurve().getFieldSize();
    String name = bits <= 256 ? "secp256r1" : bits <= 384 ? "secp384r1" : "secp521r1";
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec(name));
    return params.getParameterSpec(ECParameterSpec.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
