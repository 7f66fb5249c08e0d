package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.UnsupportedAlgorithmException;
import io.github.smimekit.core.internal.Providers;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * JCA primitives for PKCS#12. Digests, HMACs and ciphers come from the JDK first, because its
 * SHA-1/SHA-2 are intrinsified (SHA-NI, AVX2) and key derivation (thousands of hash rounds) is most
 * of the cost of opening a file: Bouncy Castle's pure-Java digests measured about 2x slower here.
 * An algorithm the JDK lacks comes from the private Bouncy Castle provider. No provider is ever
 * registered.
 */
final class Jca {
  private Jca() {}

  static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      try {
        return MessageDigest.getInstance(name, Providers.bc());
      } catch (NoSuchAlgorithmException e2) {
        throw new UnsupportedAlgorithmException("digest not available: " + name, name, e2);
      }
    }
  }

  static Mac mac(String name) {
    try {
      return Mac.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      try {
        return Mac.getInstance(name, Providers.bc());
      } catch (NoSuchAlgorithmException e2) {
        throw new UnsupportedAlgorithmException("mac not available: " + name, name, e2);
      }
    }
  }

  static Cipher cipher(String transformation) {
    try {
      return Cipher.getInstance(transformation);
    } catch (GeneralSecurityException e) {
      try {
        return Cipher.getInstance(transformation, Providers.bc());
      } catch (GeneralSecurityException e2) {
        throw new UnsupportedAlgorithmException(
            "cipher not available: " + transformation, transformation, e2);
      }
    }
  }

  /**
   * A raw secret key that, unlike {@code SecretKeySpec}, may be empty (the zero-length password
   * some files use) and can be wiped.
   */
  static final class RawKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final String algorithm;
    private final byte[] key;
    private boolean destroyed;

    RawKey(String algorithm, byte[] key) {
      this.algorithm = algorithm;
      this.key = key.clone();
    }

    @Override
    public String getAlgorithm() {
      return algorithm;
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      return key.clone();
    }

    @Override
    public void destroy() {
      java.util.Arrays.fill(key, (byte) 0);
      destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
      return destroyed;
    }
  }
}
