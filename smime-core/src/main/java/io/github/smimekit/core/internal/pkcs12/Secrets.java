package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.Password;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte encodings of one password that PKCS#12 writers have used, made on demand and wiped by
 * {@link #close()}. Used for one call only.
 *
 * <p>For the PKCS#12 key derivation (MAC and PKCS#12 PBE), in order:
 *
 * <ol>
 *   <li>RFC 7292: big-endian UTF-16 (BMPString) followed by two zero bytes; the empty password is
 *       {@code 00 00} (OpenSSL {@code -passout pass:}).
 *   <li>for the empty password only: zero bytes (a "null" password, as Windows and Bouncy Castle
 *       write it).
 *   <li>for a password with non-ASCII characters only: the UTF-8 bytes, each widened to a 16-bit
 *       character, then as 1. (OpenSSL before 1.1.0).
 * </ol>
 *
 * <p>For PBKDF1/PBKDF2 and PBMAC1 the password is its UTF-8 bytes (OpenSSL, .NET, RFC 9579).
 *
 * <p>The index of the encoding that opened the file is remembered, so later derivations try it
 * first and the fallbacks cost nothing when the first encoding works.
 */
final class Secrets implements AutoCloseable {
  private final char[] chars;
  private final List<byte[]> bmp = new ArrayList<>(3);
  private byte @org.jspecify.annotations.Nullable [] utf8;
  private int bmpCandidates = -1;
  private int preferredBmp;

  Secrets(Password password) {
    this.chars = password.toCharArray();
  }

  /** The number of PKCS#12-KDF encodings of this password. */
  int bmpCount() {
    if (bmpCandidates < 0) {
      int n = 1;
      if (chars.length == 0) {
        n++;
      } else if (!isAscii()) {
        n++;
      }
      bmpCandidates = n;
    }
    return bmpCandidates;
  }

  /** The order in which to try the PKCS#12-KDF encodings: the preferred one first. */
  int[] bmpOrder() {
    int n = bmpCount();
    int[] order = new int[n];
    order[0] = preferredBmp;
    for (int i = 0, k = 1; i < n; i++) {
      if (i != preferredBmp) {
        order[k++] = i;
      }
    }
    return order;
  }

  void preferBmp(int index) {
    preferredBmp = index;
  }

  /** The PKCS#12-KDF encoding number {@code index} (0 = RFC 7292). Owned by this object. */
  byte[] bmp(int index) {
    while (bmp.size() <= index) {
      bmp.add(encodeBmp(bmp.size()));
    }
    return bmp.get(index);
  }

  /** The UTF-8 bytes of the password. Owned by this object. */
  byte[] utf8() {
    byte[] u = utf8;
    if (u == null) {
      u = utf8Bytes(chars);
      utf8 = u;
    }
    return u;
  }

  private boolean isAscii() {
    for (char c : chars) {
      if (c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private byte[] encodeBmp(int index) {
    if (index == 0) {
      return bmpOf(chars);
    }
    if (chars.length == 0) {
      return new byte[0];
    }
    byte[] u = utf8Bytes(chars);
    char[] widened = new char[u.length];
    for (int i = 0; i < u.length; i++) {
      widened[i] = (char) (u[i] & 0xff);
    }
    Arrays.fill(u, (byte) 0);
    try {
      return bmpOf(widened);
    } finally {
      Arrays.fill(widened, '\0');
    }
  }

  /** BMPString of {@code c} plus the two terminating zero bytes. */
  static byte[] bmpOf(char[] c) {
    byte[] out = new byte[c.length * 2 + 2];
    for (int i = 0; i < c.length; i++) {
      out[2 * i] = (byte) (c[i] >>> 8);
      out[2 * i + 1] = (byte) c[i];
    }
    return out;
  }

  static byte[] utf8Bytes(char[] c) {
    ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(c));
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    buf.clear();
    while (buf.hasRemaining()) { // wipe the encoder's buffer
      buf.put((byte) 0);
    }
    return out;
  }

  @Override
  public void close() {
    Arrays.fill(chars, '\0');
    for (byte[] b : bmp) {
      Arrays.fill(b, (byte) 0);
    }
    bmp.clear();
    byte[] u = utf8;
    if (u != null) {
      Arrays.fill(u, (byte) 0);
    }
    utf8 = null;
  }
}
