package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code New-MailContact -Name -ExternalEmailAddress [-DisplayName]}: creates an external contact
 * (New-MailContact takes no certificate; {@link SetUserCertificates} follows it). Renderers make it
 * idempotent: the contact is created only when it does not exist.
 *
 * @param name the unique name (at most 64 characters)
 * @param externalEmailAddress the contact's address, which becomes its primary SMTP address and the
 *     identity later cmdlets use
 * @param displayName the name shown in the address list; empty to let Exchange use {@code name}
 */
public record NewMailContact(String name, String externalEmailAddress, Optional<String> displayName)
    implements ExchangeOperation {
  /** Longest {@code -Name} Exchange accepts. */
  public static final int MAX_NAME_LENGTH = 64;

  /**
   * Validates the contact.
   *
   * @throws ExchangeException if a value is blank, too long, holds a control character, or the
   *     address is not an e-mail address
   */
  public NewMailContact {
    requireNonNull(name, "name");
    requireNonNull(externalEmailAddress, "externalEmailAddress");
    requireNonNull(displayName, "displayName");
    RecipientIdentity.checkText(externalEmailAddress, "contact address", externalEmailAddress);
    if (!EmailAddresses.isPlausible(externalEmailAddress)) {
      throw new ExchangeException(
          "contact address is not an e-mail address: '" + externalEmailAddress + "'",
          externalEmailAddress);
    }
    RecipientIdentity.checkText(name, "contact name", externalEmailAddress);
    if (name.length() > MAX_NAME_LENGTH) {
      throw new ExchangeException(
          "contact name of "
              + name.length()
              + " characters for '"
              + externalEmailAddress
              + "' is over the limit of "
              + MAX_NAME_LENGTH,
          externalEmailAddress);
    }
    displayName.ifPresent(
        d -> RecipientIdentity.checkText(d, "contact display name", externalEmailAddress));
  }

  /** A contact without a display name of its own. */
  public static NewMailContact of(String name, String externalEmailAddress) {
    return new NewMailContact(name, externalEmailAddress, Optional.empty());
  }

  /** The identity later cmdlets address the contact by: its external address. */
  public RecipientIdentity identity() {
    return RecipientIdentity.of(externalEmailAddress);
  }

  @Override
  public CmdletCall toCmdletCall() {
    CmdletCall.Builder b =
        CmdletCall.builder("New-MailContact")
            .put("Name", ParameterValue.text(name))
            .put("ExternalEmailAddress", ParameterValue.text(externalEmailAddress));
    displayName.ifPresent(d -> b.put("DisplayName", ParameterValue.text(d)));
    return b.build();
  }

  @Override
  public Optional<RecipientIdentity> recipient() {
    return Optional.of(identity());
  }
}
