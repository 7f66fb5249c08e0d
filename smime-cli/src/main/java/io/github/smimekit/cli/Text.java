package io.github.smimekit.cli;

import java.util.Locale;

/**
 * Text that is safe to print on a terminal, and the small grammar helpers every message uses.
 *
 * <p>Everything that comes from outside the program (a certificate's names and e-mail addresses, a
 * file name, a store's friendly name, a library's message) goes through {@link #safe} before it is
 * printed as text: control characters (C0, DEL, C1), line and paragraph separators and the Unicode
 * bidirectional overrides are shown as {@code \xNN} or {@code \}{@code uNNNN} escapes, so a CN
 * holding {@code "\r\nsha1 0000FAKE"} or an ANSI colour sequence can neither forge an output line
 * nor change the terminal. A backslash is doubled so the escaped form is unambiguous. JSON output
 * needs none of this (Jackson escapes control characters); {@link BaseCommand#printf} and {@link
 * BaseCommand#warn} apply it to every argument.
 */
final class Text {
  private Text() {}

  /**
   * {@code value} with every character that could control a terminal escaped; {@code "null"} for
   * null.
   */
  static String safe(@org.jspecify.annotations.Nullable Object value) {
    String s = String.valueOf(value);
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape = escape(c);
      if (escape != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(escape);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  private static @org.jspecify.annotations.Nullable String escape(char c) {
    if (c == '\\') {
      return "\\\\";
    }
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
      return String.format(Locale.ROOT, "\\x%02X", (int) c);
    }
    if (c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c') {
      return String.format(Locale.ROOT, "\\u%04X", (int) c);
    }
    return null;
  }

  /** {@code "1 entry"}, {@code "2 entries"}: the count and the noun in agreement. */
  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /** {@code "1 file"}, {@code "2 files"}: the count and a noun whose plural adds an {@code s}. */
  static String count(long n, String singular) {
    return count(n, singular, singular + "s");
  }
}
