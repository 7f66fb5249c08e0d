package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base64;

/**
 * Base64 text as certificate files hold it: the alphabet-and-whitespace test the scanners use, and
 * the decoding of a checked body (PEM block or bare base64) with messages that say what is wrong
 * with it (padding, length), never the text itself.
 */
final class Base64Text {
  /** Immutable (no line length); decodes whole arrays that were validated beforehand. */
  // lenient only about the unused bits of the last character (the alphabet, padding and length
  // are checked before): the JDK's decoder, which read() uses for PEM runs, ignores them too, so
  // detect() and read() accept the same text
  private static final Base64 BASE64 =
      Base64.builder().setDecodingPolicy(CodecPolicy.LENIENT).get();

  /** Base64 alphabet, '=' and whitespace; written once here, never changed. */
  private static final boolean[] BASE64_OR_SPACE = base64OrSpaceTable();

  private Base64Text() {}

  /** Decodes base64 in t[from, to) (only alphabet, '=' and whitespace, checked by the caller). */
  static byte[] decode(byte[] t, int from, int to, String where, long at) {
    byte[] clean = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = t[i];
      if (!isSpace(c)) {
        clean[n++] = c;
      }
    }
    int pad = 0;
    while (pad < n && pad < 3 && clean[n - 1 - pad] == '=') {
      pad++;
    }
    for (int i = 0; i < n - pad; i++) {
      if (clean[i] == '=') {
        throw new SmimeFormatException(where + ": '=' inside the base64 content", at);
      }
    }
    if (n == 0) {
      throw new SmimeFormatException(where + ": empty base64 content", at);
    }
    if (n % 4 != 0 || pad > 2) {
      throw new SmimeFormatException(
          where + ": base64 content of " + n + " characters is not a multiple of 4 (truncated?)",
          at);
    }
    byte[] exact = n == clean.length ? clean : Arrays.copyOf(clean, n);
    try {
      return BASE64.decode(exact);
    } catch (IllegalArgumentException e) {
      throw new SmimeFormatException(where + ": malformed base64: " + e.getMessage(), at, e);
    }
  }

  /** The first bytes of a base64 prefix (a multiple of 4 characters), or null if it is not one. */
  static byte @org.jspecify.annotations.Nullable [] decodePrefix(byte[] chars) {
    try {
      return BASE64.decode(chars);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0b;
  }

  static boolean isBase64OrSpace(byte c) {
    return BASE64_OR_SPACE[c & 0xff];
  }

  static boolean onlySpace(byte[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isSpace(t[i])) {
        return false;
      }
    }
    return true;
  }

  /** A character for a message: itself when printable ASCII, else its hex code. */
  static String printable(byte c) {
    int v = c & 0xff;
    return v >= 0x21 && v <= 0x7e ? "'" + (char) v + "'" : String.format(Locale.ROOT, "0x%02x", v);
  }

  private static boolean[] base64OrSpaceTable() {
    boolean[] t = new boolean[256];
    for (int c = 0; c < 256; c++) {
      t[c] =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '='
              || isSpace((byte) c);
    }
    return t;
  }
}
