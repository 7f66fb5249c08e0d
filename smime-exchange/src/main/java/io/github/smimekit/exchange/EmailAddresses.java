package io.github.smimekit.exchange;

import java.util.Locale;

/** Small checks on e-mail addresses (no full RFC 5321 grammar: Exchange has the last word). */
final class EmailAddresses {
  private EmailAddresses() {}

  /** One {@code @} with text on both sides and no white space or control character. */
  static boolean isPlausible(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return false;
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (Character.isWhitespace(c) || RecipientIdentity.isControl(c)) {
        return false;
      }
    }
    return true;
  }

  /** The address as compared: lower case (ROOT locale). */
  static String normalize(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
