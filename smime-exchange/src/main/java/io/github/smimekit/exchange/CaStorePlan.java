package io.github.smimekit.exchange;

import java.util.List;
import java.util.Optional;

/**
 * What a plan does to the organisation's issuing-CA store.
 *
 * @param changes the CA certificates added, removed and kept
 * @param findings errors (for example a store over the size limit), warnings and infos
 * @param operation the upload, when the store changes and can be uploaded
 */
public record CaStorePlan(
    List<CertificateChange> changes,
    List<ExchangeFinding> findings,
    Optional<SetIssuingCa> operation) {
  /** Copies. */
  public CaStorePlan {
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
    java.util.Objects.requireNonNull(operation, "operation");
  }

  /** Whether the store changes. */
  public boolean changed() {
    return changes.stream().anyMatch(c -> c.kind() != CertificateChange.Kind.KEEP);
  }
}
