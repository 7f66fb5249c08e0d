package io.github.smimekit.exchange;

/**
 * The kinds of recipient that carry S/MIME certificates in Exchange Online, with the cmdlets that
 * read and write them (spec {@code exchange-online.md} §1.1).
 */
public enum RecipientType {
  /** A user, shared, room or equipment mailbox. */
  MAILBOX("Mailbox", "Get-Mailbox", "Set-Mailbox"),
  /** A mail-enabled user (for example a guest). */
  MAIL_USER("MailUser", "Get-MailUser", "Set-MailUser"),
  /** A mail contact (an external partner in the address list). */
  MAIL_CONTACT("MailContact", "Get-MailContact", "Set-MailContact");

  private final String jsonName;
  private final String getCmdlet;
  private final String setCmdlet;

  RecipientType(String jsonName, String getCmdlet, String setCmdlet) {
    this.jsonName = jsonName;
    this.getCmdlet = getCmdlet;
    this.setCmdlet = setCmdlet;
  }

  /**
   * The name in the desired-state file and in JSON output: {@code Mailbox}, {@code MailUser},
   * {@code MailContact}.
   */
  public String jsonName() {
    return jsonName;
  }

  /** The cmdlet that reads this kind of recipient. */
  public String getCmdlet() {
    return getCmdlet;
  }

  /** The cmdlet that sets this kind of recipient's certificates. */
  public String setCmdlet() {
    return setCmdlet;
  }

  /** The type named {@code name} in a desired-state file (exact, case-sensitive). */
  public static java.util.Optional<RecipientType> fromJsonName(String name) {
    for (RecipientType t : values()) {
      if (t.jsonName.equals(name)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
