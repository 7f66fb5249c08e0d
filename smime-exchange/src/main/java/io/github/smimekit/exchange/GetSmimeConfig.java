package io.github.smimekit.exchange;

import java.util.Optional;

/**
 * {@code Get-SmimeConfig}: reads the organisation's S/MIME settings, among them the stored
 * issuing-CA store ({@code SMIMECertificateIssuingCA}). The cmdlet's {@code -Identity} is reserved
 * for internal use and never sent.
 */
public record GetSmimeConfig() implements ExchangeOperation {
  @Override
  public CmdletCall toCmdletCall() {
    return CmdletCall.builder("Get-SmimeConfig").build();
  }

  @Override
  public Optional<RecipientIdentity> recipient() {
    return Optional.empty();
  }

  @Override
  public boolean readOnly() {
    return true;
  }
}
