package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;

/**
 * UTF-16 text, as Windows tools write it (PowerShell 5 {@code Out-File}, Notepad "Unicode"):
 * recognised by its byte-order mark or by the zero bytes of ASCII characters, and narrowed to ASCII
 * so the text scanners can work on it.
 */
final class Utf16Text {
  /** Which UTF-16 form the input is in, and where its characters start. */
  record Form(int start, boolean littleEndian) {}

  private Utf16Text() {}

  /** The UTF-16 form of {@code data}, or null if it does not look like UTF-16 text. */
  static @org.jspecify.annotations.Nullable Form detect(byte[] data) {
    int n = data.length;
    int u = n >= 2 ? (data[0] & 0xff) << 8 | (data[1] & 0xff) : -1;
    if (u == 0xfffe) {
      return new Form(2, true);
    }
    if (u == 0xfeff) {
      return new Form(2, false);
    }
    if (n >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0) {
      return new Form(0, true);
    }
    if (n >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0) {
      return new Form(0, false);
    }
    return null;
  }

  /**
   * The characters as ASCII bytes, one per character, without trailing NUL characters; a character
   * outside ASCII becomes {@code '?'} (it can only be in surrounding text, and breaks any base64 it
   * is in).
   *
   * @throws SmimeFormatException for an odd number of bytes or text without characters
   */
  static byte[] toAscii(byte[] data, Form form) {
    int bom = form.start();
    int bytes = data.length - bom;
    if (bytes % 2 != 0) {
      if (data[data.length - 1] != 0) {
        throw new SmimeFormatException(
            "utf-16 text has an odd number of bytes (" + bytes + ")", data.length - 1L);
      }
      bytes--;
    }
    byte[] ascii = new byte[bytes / 2];
    for (int i = 0, p = bom; i < ascii.length; i++, p += 2) {
      int lo = form.littleEndian() ? data[p] & 0xff : data[p + 1] & 0xff;
      int hi = form.littleEndian() ? data[p + 1] & 0xff : data[p] & 0xff;
      ascii[i] = hi == 0 && lo < 0x80 ? (byte) lo : (byte) '?';
    }
    int end = ascii.length;
    while (end > 0 && ascii[end - 1] == 0) {
      end--; // trailing NUL characters (C strings written whole)
    }
    if (end == 0) {
      throw new SmimeFormatException("empty input: utf-16 text without characters", 0);
    }
    return end == ascii.length ? ascii : java.util.Arrays.copyOf(ascii, end);
  }
}
