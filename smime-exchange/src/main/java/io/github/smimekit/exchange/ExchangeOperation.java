package io.github.smimekit.exchange;

import java.util.List;
import java.util.Optional;

/**
 * One typed, validated use of a cmdlet. An operation knows nothing of PowerShell or HTTP: {@link
 * #toCmdletCall()} gives the neutral {@link CmdletCall} that both renderers consume.
 */
public sealed interface ExchangeOperation
    permits NewMailContact,
        SetUserCertificates,
        SetUserSMimeCertificate,
        SetIssuingCa,
        SetSmimeConfig,
        GetRecipient,
        GetSmimeConfig {

  /** The cmdlet call this operation is. */
  CmdletCall toCmdletCall();

  /** The recipient the operation is about; empty for organisation-wide settings. */
  Optional<RecipientIdentity> recipient();

  /** Whether the operation only reads. */
  default boolean readOnly() {
    return false;
  }

  /** What is legal but unwise about this operation (for example more than three certificates). */
  default List<ExchangeFinding> warnings() {
    return List.of();
  }
}
