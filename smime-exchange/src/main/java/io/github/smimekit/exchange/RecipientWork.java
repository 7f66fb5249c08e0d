package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The calls that bring one recipient to its desired state, and that state, against which the
 * recipient is read back and compared after the calls ran.
 *
 * @param expected what the recipient should hold afterwards (its type and identity address it; its
 *     {@code userCertificates} and {@code userSMimeCertificates} are compared by thumbprint)
 * @param calls the calls, run in order (for example {@code New-MailContact} then {@code
 *     Set-MailContact}); empty to only verify
 */
public record RecipientWork(TenantRecipient expected, List<CmdletCall> calls) {
  public RecipientWork {
    requireNonNull(expected, "expected");
    calls = List.copyOf(calls);
  }
}
