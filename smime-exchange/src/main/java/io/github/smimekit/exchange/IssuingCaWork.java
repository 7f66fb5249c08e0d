package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * The calls that set the organisation's issuing-CA store ({@code Set-SmimeConfig
 * -SMIMECertificateIssuingCA}), and the store expected afterwards.
 *
 * @param expectedStore the {@code .sst} bytes expected in {@code Get-SmimeConfig}, empty for none;
 *     compared by the set of certificate thumbprints (the service may serialize differently)
 * @param calls the calls, run in order; empty to only verify
 */
public record IssuingCaWork(Optional<Bytes> expectedStore, List<CmdletCall> calls) {
  public IssuingCaWork {
    requireNonNull(expectedStore, "expectedStore");
    calls = List.copyOf(calls);
  }
}
