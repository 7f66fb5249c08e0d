package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

/**
 * How a cmdlet's {@code -Identity} names a recipient: a primary SMTP address or GUID preferably,
 * else any form the cmdlet accepts (name, alias, distinguished name, UPN; spec {@code
 * exchange-online.md} §1.5).
 *
 * <p>Blank values and values with a control character (C0 {@code U+0000–U+001F}, {@code U+007F}, C1
 * {@code U+0080–U+009F}, and the line and paragraph separators {@code U+2028}/{@code U+2029}) are
 * refused: they can end a script line. Quotes, backticks, {@code $}, {@code ;}, {@code |} and
 * non-ASCII letters are legal (O'Brien, Zoë); renderers carry them safely.
 *
 * @param value the identity as the cmdlet receives it
 */
public record RecipientIdentity(String value) implements Comparable<RecipientIdentity> {
  /** Longest identity accepted (a distinguished name can be long; nothing sane is longer). */
  public static final int MAX_LENGTH = 1024;

  /**
   * Validates the identity.
   *
   * @throws ExchangeException if it is blank, too long or holds a control character
   */
  public RecipientIdentity {
    requireNonNull(value, "value");
    checkText(value, "recipient identity", value);
  }

  /** An identity; see the class description for what is refused. */
  public static RecipientIdentity of(String value) {
    return new RecipientIdentity(value);
  }

  /**
   * Checks a text value (an identity, a name, an address) for what may not reach a cmdlet.
   *
   * @param value the value
   * @param what what it is, for the message ({@code "recipient identity"}, {@code "contact name"})
   * @param recipient the recipient it belongs to, for the message and {@link
   *     ExchangeException#recipient()}
   * @throws ExchangeException if it is blank, too long or holds a control character
   */
  static void checkText(String value, String what, String recipient) {
    if (value.isBlank()) {
      throw new ExchangeException(what + " is blank: '" + printable(recipient) + "'", recipient);
    }
    if (value.length() > MAX_LENGTH) {
      throw new ExchangeException(
          what
              + " of "
              + value.length()
              + " characters is over the limit of "
              + MAX_LENGTH
              + ": '"
              + printable(recipient.substring(0, 64))
              + "…'",
          recipient);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isControl(c)) {
        throw new ExchangeException(
            what
                + " '"
                + printable(recipient)
                + "' holds the control character "
                + String.format("U+%04X", (int) c)
                + " at index "
                + i,
            recipient);
      }
    }
  }

  /** Whether {@code c} is a character no identity, name or address may hold. */
  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
  }

  /** The value with control characters written as {@code \}{@code uXXXX}, for messages. */
  static String printable(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isControl(c)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public int compareTo(RecipientIdentity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
