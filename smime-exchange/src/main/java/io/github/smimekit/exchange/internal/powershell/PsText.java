package io.github.smimekit.exchange.internal.powershell;

import io.github.smimekit.core.Bytes;
import java.util.Base64;
import java.util.List;

/**
 * PowerShell literals. A string becomes a verbatim (single-quoted) literal in which every
 * single-quote-character of the PowerShell language specification §2.3.5.2 — U+0027, U+2018,
 * U+2019, U+201A and U+201B — is doubled, so no value can end the literal.
 */
public final class PsText {
  private PsText() {}

  /** Whether {@code c} is a PowerShell single-quote-character (spec §2.3.5.2). */
  public static boolean isSingleQuote(char c) {
    return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
  }

  /** {@code value} as a single-quoted literal with every quote character doubled. */
  public static String quote(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2);
    b.append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        // Never reached for validated values; refuse rather than carry a line break.
        throw new IllegalArgumentException("line break or NUL in a PowerShell literal");
      }
      b.append(c);
      if (isSingleQuote(c)) {
        b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  /** {@code @('a', 'b')}. */
  public static String quoteList(List<String> values) {
    StringBuilder b = new StringBuilder("@(");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(quote(values.get(i)));
    }
    return b.append(')').toString();
  }

  /** {@code [Convert]::FromBase64String('...')}. */
  public static String bytes(Bytes value) {
    return "[Convert]::FromBase64String('"
        + Base64.getEncoder().encodeToString(value.toByteArray())
        + "')";
  }

  /** Text for a {@code #} comment: what cannot end the line is kept, the rest escaped. */
  public static String comment(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
