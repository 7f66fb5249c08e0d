package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code Set-SmimeConfig -SMIMECertificateIssuingCA}: replaces the organisation's store of CA
 * certificates that Outlook on the web and new Outlook trust for S/MIME (the only anchors they use,
 * spec {@code exchange-online.md} §1.11.4), as {@code .sst} bytes.
 *
 * <p>Refused at construction when {@link IssuingCaStoreCheck} finds an error at {@code at}: an
 * expired certificate or a store over the size limit makes Exchange reject the whole call.
 *
 * @param store the store to upload
 * @param at the time the upload is checked for
 * @param check the check (size limit) applied
 */
public record SetIssuingCa(SerializedStore store, Instant at, IssuingCaStoreCheck check)
    implements ExchangeOperation {
  /**
   * Runs the check.
   *
   * @throws ExchangeException when Exchange would reject the store
   */
  public SetIssuingCa {
    requireNonNull(store, "store");
    requireNonNull(at, "at");
    requireNonNull(check, "check");
    check.requireUploadable(store, at);
  }

  /**
   * Checks {@code store} with {@link IssuingCaStoreCheck#defaults()}.
   *
   * @throws ExchangeException when Exchange would reject the store
   */
  public static SetIssuingCa of(SerializedStore store, Instant at) {
    return new SetIssuingCa(store, at, IssuingCaStoreCheck.defaults());
  }

  /** The check's warnings (certificates that are not CAs). */
  @Override
  public List<ExchangeFinding> warnings() {
    return check.check(store, at);
  }

  /** The SHA-1 thumbprints of the store's certificates, in store order. */
  public List<Thumbprint> thumbprints() {
    return store.certificates().stream().map(Thumbprint::sha1).toList();
  }

  @Override
  public CmdletCall toCmdletCall() {
    return CmdletCall.builder("Set-SmimeConfig")
        .put("SMIMECertificateIssuingCA", ParameterValue.bytes(store.encode()))
        .build();
  }

  @Override
  public Optional<RecipientIdentity> recipient() {
    return Optional.empty();
  }
}
