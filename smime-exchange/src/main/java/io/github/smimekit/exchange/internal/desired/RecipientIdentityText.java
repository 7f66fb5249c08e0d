package io.github.smimekit.exchange.internal.desired;

/** Control characters shown as escapes, for messages about field names. */
final class RecipientIdentityText {
  private RecipientIdentityText() {}

  static String printable(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length() && i < 200; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
