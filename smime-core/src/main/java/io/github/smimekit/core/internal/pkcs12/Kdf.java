package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.internal.pkcs12.Jca.RawKey;
import java.security.DigestException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.ProviderException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/** Password-based key derivation: RFC 7292 appendix B.2, PBKDF1 and PBKDF2 (RFC 8018). */
final class Kdf {
  static final int ID_KEY = 1;
  static final int ID_IV = 2;
  static final int ID_MAC = 3;

  private Kdf() {}

  /**
   * The PKCS#12 key derivation of RFC 7292 appendix B.2.
   *
   * @param digest digest name (JCA)
   * @param v the digest's block size in bytes
   * @param password the password as bytes (BMPString with its two zero bytes, or empty)
   */
  static byte[] pkcs12(
      String digest, int v, int id, byte[] password, byte[] salt, int iterations, int n) {
    MessageDigest md = Jca.digest(digest);
    int u = md.getDigestLength();
    byte[] d = new byte[v];
    Arrays.fill(d, (byte) id);
    byte[] s = fill(salt, v);
    byte[] p = fill(password, v);
    byte[] i = new byte[s.length + p.length];
    System.arraycopy(s, 0, i, 0, s.length);
    System.arraycopy(p, 0, i, s.length, p.length);
    Arrays.fill(p, (byte) 0);
    byte[] out = new byte[n];
    byte[] a = new byte[u];
    byte[] b = new byte[v];
    try {
      int c = (n + u - 1) / u;
      for (int block = 0; block < c; block++) {
        md.update(d);
        md.update(i);
        md.digest(a, 0, u);
        for (int r = 1; r < iterations; r++) {
          md.update(a);
          md.digest(a, 0, u);
        }
        int len = Math.min(u, n - block * u);
        System.arraycopy(a, 0, out, block * u, len);
        if (block + 1 < c) {
          for (int k = 0; k < v; k++) {
            b[k] = a[k % u];
          }
          for (int j = 0; j < i.length; j += v) {
            int carry = 1;
            for (int k = v - 1; k >= 0; k--) {
              int sum = (i[j + k] & 0xff) + (b[k] & 0xff) + carry;
              i[j + k] = (byte) sum;
              carry = sum >>> 8;
            }
          }
        }
      }
      return out;
    } catch (DigestException e) {
      throw new ProviderException("digest failed", e);
    } finally {
      Arrays.fill(i, (byte) 0);
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** {@code in} repeated to a multiple of {@code v} bytes ({@code ceil(len/v) * v}). */
  private static byte[] fill(byte[] in, int v) {
    if (in.length == 0) {
      return new byte[0];
    }
    byte[] out = new byte[v * ((in.length + v - 1) / v)];
    for (int k = 0; k < out.length; k++) {
      out[k] = in[k % in.length];
    }
    return out;
  }

  /** PBKDF2 (RFC 8018 section 5.2) with the HMAC named {@code hmac}. */
  static byte[] pbkdf2(String hmac, byte[] password, byte[] salt, int iterations, int length) {
    Mac mac = Jca.mac(hmac);
    RawKey key = new RawKey(hmac, password);
    try {
      mac.init(key);
    } catch (InvalidKeyException e) {
      throw new ProviderException("hmac rejected the password key", e);
    } finally {
      key.destroy();
    }
    int h = mac.getMacLength();
    byte[] out = new byte[length];
    byte[] u = new byte[h];
    byte[] t = new byte[h];
    byte[] counter = new byte[4];
    try {
      for (int block = 1, pos = 0; pos < length; block++, pos += h) {
        counter[0] = (byte) (block >>> 24);
        counter[1] = (byte) (block >>> 16);
        counter[2] = (byte) (block >>> 8);
        counter[3] = (byte) block;
        mac.update(salt);
        mac.update(counter);
        mac.doFinal(u, 0);
        System.arraycopy(u, 0, t, 0, h);
        for (int r = 1; r < iterations; r++) {
          mac.update(u);
          mac.doFinal(u, 0);
          for (int k = 0; k < h; k++) {
            t[k] ^= u[k];
          }
        }
        System.arraycopy(t, 0, out, pos, Math.min(h, length - pos));
      }
      return out;
    } catch (ShortBufferException e) {
      throw new ProviderException("hmac failed", e);
    } finally {
      Arrays.fill(u, (byte) 0);
      Arrays.fill(t, (byte) 0);
      mac.reset();
    }
  }

  /** PBKDF1 (RFC 8018 section 5.1): the first 16 bytes are DES key and IV. */
  static byte[] pbkdf1(String digest, byte[] password, byte[] salt, int iterations) {
    MessageDigest md = Jca.digest(digest);
    md.update(password);
    md.update(salt);
    byte[] t = md.digest();
    for (int r = 1; r < iterations; r++) {
      t = md.digest(t);
    }
    return t;
  }
}
