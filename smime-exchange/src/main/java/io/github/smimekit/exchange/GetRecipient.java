package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code Get-Mailbox|Get-MailUser|Get-MailContact -Identity}: reads a recipient, whose {@code
 * UserCertificate}, {@code UserSMimeCertificate}, {@code PrimarySmtpAddress} and {@code
 * EmailAddresses} the plan compares.
 *
 * @param type the kind of recipient, which decides the cmdlet
 * @param identity the recipient
 */
public record GetRecipient(RecipientType type, RecipientIdentity identity)
    implements ExchangeOperation {
  /** Validates. */
  public GetRecipient {
    requireNonNull(type, "type");
    requireNonNull(identity, "identity");
  }

  @Override
  public CmdletCall toCmdletCall() {
    return CmdletCall.builder(type.getCmdlet())
        .put("Identity", ParameterValue.text(identity.value()))
        .build();
  }

  @Override
  public Optional<RecipientIdentity> recipient() {
    return Optional.of(identity);
  }

  @Override
  public boolean readOnly() {
    return true;
  }
}
