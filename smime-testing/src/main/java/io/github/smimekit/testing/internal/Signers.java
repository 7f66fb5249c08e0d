package io.github.smimekit.testing.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/** Deterministic content signers (RSA PKCS#1 v1.5, RSA-PSS with seeded salt, RFC 6979 ECDSA). */
public final class Signers {
  /** Signature algorithm names accepted (upper case). */
  public static final Set<String> SUPPORTED =
      Set.of(
          "MD5WITHRSA",
          "SHA1WITHRSA",
          "SHA224WITHRSA",
          "SHA256WITHRSA",
          "SHA384WITHRSA",
          "SHA512WITHRSA",
          "SHA256WITHRSAANDMGF1",
          "SHA384WITHRSAANDMGF1",
          "SHA512WITHRSAANDMGF1",
          "SHA1WITHECDSA",
          "SHA224WITHECDSA",
          "SHA256WITHECDSA",
          "SHA384WITHECDSA",
          "SHA512WITHECDSA",
          "ED25519");

  private Signers() {}

  /** True if {@code name} is a supported signature algorithm name (case-insensitive). */
  public static boolean isSupported(String name) {
    return SUPPORTED.contains(name.toUpperCase(Locale.ROOT));
  }

  /** The default algorithm for a signing key. */
  public static String defaultAlgorithm(KeyHolder key) {
    return switch (key.keyType()) {
      case EC_P256 -> "SHA256withECDSA";
      case EC_P384 -> "SHA384withECDSA";
      case EC_P521 -> "SHA512withECDSA";
      case ED25519 -> "Ed25519";
      default -> "SHA256withRSA";
    };
  }

  /** A content signer for {@code algorithm} with {@code key}; random only feeds PSS salts. */
  public static ContentSigner contentSigner(
      String algorithm, AsymmetricKeyParameter key, SecureRandom random) {
    String alg = algorithm.toUpperCase(Locale.ROOT);
    if (!SUPPORTED.contains(alg)) {
      throw new IllegalArgumentException("unsupported signature algorithm: " + algorithm);
    }
    AlgorithmIdentifier algId = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
    Signer signer;
    if (alg.equals("ED25519")) {
      requireKey(key instanceof Ed25519PrivateKeyParameters, algorithm, key);
      signer = new Ed25519Signer();
      signer.init(true, key);
    } else if (alg.endsWith("WITHECDSA")) {
      requireKey(key instanceof ECPrivateKeyParameters, algorithm, key);
      String h = alg.substring(0, alg.indexOf("WITH"));
      signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(digest(h))), digest(h));
      signer.init(true, key);
    } else if (alg.endsWith("ANDMGF1")) {
      requireKey(key instanceof RSAKeyParameters, algorithm, key);
      String h = alg.substring(0, alg.indexOf("WITH"));
      Digest d = digest(h);
      signer = new PSSSigner(new RSABlindedEngine(), d, digest(h), d.getDigestSize());
      signer.init(true, new ParametersWithRandom(key, random));
    } else {
      requireKey(key instanceof RSAKeyParameters, algorithm, key);
      String h = alg.substring(0, alg.indexOf("WITH"));
      signer = new RSADigestSigner(digest(h));
      signer.init(true, new ParametersWithRandom(key, random));
    }
    return new LightweightContentSigner(algId, signer);
  }

  private static void requireKey(boolean ok, String algorithm, AsymmetricKeyParameter key) {
    if (!ok) {
      throw new IllegalStateException(
          "signature algorithm " + algorithm + " does not fit issuer key " + describe(key));
    }
  }

  private static String describe(AsymmetricKeyParameter key) {
    if (key instanceof RSAKeyParameters) {
      return "RSA";
    } else if (key instanceof ECPrivateKeyParameters) {
      return "EC";
    } else if (key instanceof Ed25519PrivateKeyParameters) {
      return "Ed25519";
    }
    return key.getClass().getSimpleName();
  }

  private static Digest digest(String name) {
    return switch (name) {
      case "MD5" -> new MD5Digest();
      case "SHA1" -> new SHA1Digest();
      case "SHA224" -> new SHA224Digest();
      case "SHA256" -> new SHA256Digest();
      case "SHA384" -> new SHA384Digest();
      case "SHA512" -> new SHA512Digest();
      default -> throw new IllegalArgumentException("unsupported digest: " + name);
    };
  }

  private static final class LightweightContentSigner implements ContentSigner {
    private final AlgorithmIdentifier algId;
    private final Signer signer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LightweightContentSigner(AlgorithmIdentifier algId, Signer signer) {
      this.algId = algId;
      this.signer = signer;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algId;
    }

    @Override
    public OutputStream getOutputStream() {
      return buffer;
    }

    @Override
    public byte[] getSignature() {
      byte[] data = buffer.toByteArray();
      signer.update(data, 0, data.length);
      try {
        return signer.generateSignature();
      } catch (CryptoException e) {
        throw new IllegalStateException("signing failed", e);
      }
    }
  }
}
