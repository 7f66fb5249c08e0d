package io.github.smimekit.sst.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Checks the nesting depth of BER/DER before the bytes go to a decoder that recurses (the JDK's
 * X.509 factory, Bouncy Castle, smime-core). The walk itself does not recurse into constructed
 * values: it keeps the open containers in an array of at most {@link #MAX_DEPTH} entries. Octet and
 * bit strings whose content is itself DER (certificate extensions) are walked too, with the depth
 * they are found at, so nesting hidden in an extension value counts.
 *
 * <p>Real certificates, CRLs and PKCS#7 bundles nest about 12 levels deep; {@value #MAX_DEPTH} is
 * far above that and far below what exhausts a thread's stack.
 */
public final class DerDepth {
  /** The deepest nesting accepted. */
  public static final int MAX_DEPTH = 64;

  private static final long INDEFINITE = -1;

  private DerDepth() {}

  /**
   * Why {@code b[from, to)} (one or more concatenated TLVs) may not be handed to a decoder, or null
   * when its nesting is within {@link #MAX_DEPTH}. Malformed framing (a length that overruns, a
   * missing end-of-contents) is reported as well: no decoder accepts it.
   */
  public static @Nullable String problem(byte[] b, int from, int to) {
    return walk(b, from, to, 0, true);
  }

  /** {@link #problem(byte[], int, int)} over the whole array. */
  public static @Nullable String problem(byte[] b) {
    return problem(b, 0, b.length);
  }

  /**
   * Like {@link #problem(byte[])} for content in any encoding core reads: DER as it is, and the
   * base64 of PEM or bare base64 text (also UTF-16) decoded first. Text that is not base64 gives
   * null (the decoder refuses it without recursing).
   */
  public static @Nullable String problemInAnyEncoding(byte[] data) {
    if (data.length == 0) {
      return null;
    }
    int first = data[0] & 0xFF;
    if (first == 0x30) {
      return problem(data);
    }
    byte[] ascii = asciiText(data);
    int start = 0;
    while (start < ascii.length) {
      int begin = indexOf(ascii, "-----BEGIN ", start);
      if (begin < 0) {
        if (start == 0) {
          return checkBase64(ascii, 0, ascii.length);
        }
        return null;
      }
      int bodyStart = lineEnd(ascii, begin);
      int end = indexOf(ascii, "-----END ", bodyStart);
      if (end < 0) {
        end = ascii.length;
      }
      String p = checkBase64(ascii, bodyStart, end);
      if (p != null) {
        return p;
      }
      start = end + 1;
    }
    return null;
  }

  private static @Nullable String checkBase64(byte[] t, int from, int to) {
    byte[] der = base64(t, from, to);
    return der == null ? null : walk(der, 0, der.length, 0, false);
  }

  /**
   * The DER of the first PEM block, or of bare base64 text (also UTF-16), when it starts like a DER
   * sequence; null otherwise.
   */
  public static byte @Nullable [] firstTextBlock(byte[] data) {
    byte[] ascii = asciiText(data);
    int begin = indexOf(ascii, "-----BEGIN ", 0);
    if (begin < 0) {
      return base64(ascii, 0, ascii.length);
    }
    int bodyStart = lineEnd(ascii, begin);
    int end = indexOf(ascii, "-----END ", bodyStart);
    return base64(ascii, bodyStart, end < 0 ? ascii.length : end);
  }

  private static byte @Nullable [] base64(byte[] t, int from, int to) {
    byte[] clean = new byte[Math.max(0, to - from)];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = t[i];
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '+'
          || c == '/'
          || c == '=') {
        clean[n++] = c;
      }
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(java.util.Arrays.copyOf(clean, n));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return der.length == 0 || (der[0] & 0xFF) != 0x30 ? null : der;
  }

  /** The text as single bytes: UTF-16 (either order, with or without BOM) loses its zero bytes. */
  private static byte[] asciiText(byte[] d) {
    boolean utf16 =
        d.length >= 2
            && ((d[0] == (byte) 0xFF && d[1] == (byte) 0xFE)
                || (d[0] == (byte) 0xFE && d[1] == (byte) 0xFF)
                || d[0] == 0
                || d[1] == 0);
    if (!utf16) {
      return d;
    }
    byte[] out = new byte[d.length];
    int n = 0;
    for (byte c : d) {
      if (c != 0 && c != (byte) 0xFF && c != (byte) 0xFE) {
        out[n++] = c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static int indexOf(byte[] h, String needle, int from) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = from; i <= h.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (h[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int lineEnd(byte[] t, int from) {
    int i = from;
    while (i < t.length && t[i] != '\n') {
      i++;
    }
    return i;
  }

  /**
   * Walks {@code b[from, to)} as a sequence of TLVs starting at nesting {@code base}.
   *
   * @param strict malformed framing is a problem (true) or ends the walk quietly (false, for the
   *     content of an octet string that merely might be DER)
   */
  private static @Nullable String walk(byte[] b, int from, int to, int base, boolean strict) {
    long[] ends = new long[MAX_DEPTH + 1];
    int depth = 0; // open containers in this walk
    int p = from;
    while (true) {
      long limit = depth == 0 ? to : ends[depth - 1];
      if (depth > 0 && limit != INDEFINITE && p == limit) {
        depth--;
        continue;
      }
      if (depth == 0 && p == to) {
        return null;
      }
      long hardEnd = to;
      for (int i = depth - 1; i >= 0; i--) {
        if (ends[i] != INDEFINITE) {
          hardEnd = ends[i];
          break;
        }
      }
      if (depth > 0 && limit == INDEFINITE && p + 2 <= hardEnd && b[p] == 0 && b[p + 1] == 0) {
        p += 2;
        depth--;
        continue;
      }
      if (p + 2 > hardEnd) {
        return strict ? "DER truncated at offset " + p : null;
      }
      int tag = b[p] & 0xFF;
      int q = p + 1;
      if ((tag & 0x1F) == 0x1F) {
        int n = 0;
        while (q < hardEnd && (b[q] & 0x80) != 0) {
          q++;
          if (++n > 4) {
            return strict ? "DER tag too long at offset " + p : null;
          }
        }
        q++;
      }
      if (q >= hardEnd) {
        return strict ? "DER truncated at offset " + p : null;
      }
      int lenByte = b[q++] & 0xFF;
      long len;
      if (lenByte == 0x80) {
        if ((tag & 0x20) == 0) {
          return strict ? "indefinite length of a primitive value at offset " + p : null;
        }
        len = INDEFINITE;
      } else if (lenByte < 0x80) {
        len = lenByte;
      } else {
        int n = lenByte & 0x7F;
        if (n > 4 || q + n > hardEnd) {
          return strict ? "DER length not readable at offset " + p : null;
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[q + i] & 0xFF);
        }
        q += n;
      }
      if (len != INDEFINITE && len > hardEnd - q) {
        return strict ? "DER length " + len + " at offset " + p + " overruns its container" : null;
      }
      if ((tag & 0x20) != 0) {
        if (base + depth + 1 > MAX_DEPTH) {
          return "DER nested deeper than " + MAX_DEPTH + " levels at offset " + p;
        }
        ends[depth++] = len == INDEFINITE ? INDEFINITE : q + len;
        p = q;
        continue;
      }
      int end = (int) (q + len);
      if ((tag == 0x04 || tag == 0x03) && len > 2) {
        int c = tag == 0x03 ? q + 1 : q; // a bit string's first byte counts unused bits
        if ((b[c] & 0xFF) == 0x30 || (b[c] & 0xFF) == 0x31) {
          String inner = walk(b, c, end, base + depth, false);
          if (inner != null) {
            return inner;
          }
        }
      }
      p = end;
    }
  }
}
