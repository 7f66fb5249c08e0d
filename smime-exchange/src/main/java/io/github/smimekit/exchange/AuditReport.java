package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an {@link Audit} found: every recipient that carries certificate values, the issuing-CA
 * store, and findings about the tenant as a whole. Render it with {@link AuditReports}.
 *
 * @param at the time the audit was made for
 * @param recipients the audited recipients, in tenant order
 * @param store the audited issuing-CA store
 * @param findings findings about no single recipient or the store
 */
public record AuditReport(
    Instant at,
    List<AuditedRecipient> recipients,
    AuditedStore store,
    List<ExchangeFinding> findings) {
  /** Validates and copies. */
  public AuditReport {
    requireNonNull(at, "at");
    recipients = List.copyOf(recipients);
    requireNonNull(store, "store");
    findings = List.copyOf(findings);
  }

  /** Whether there is no {@code ERROR} and no {@code WARNING} finding anywhere. */
  public boolean clean() {
    return count(Severity.ERROR) == 0 && count(Severity.WARNING) == 0;
  }

  /** The number of findings of {@code severity} anywhere in the report. */
  public int count(Severity severity) {
    requireNonNull(severity, "severity");
    return (int) allFindings().filter(f -> f.severity() == severity).count();
  }

  /** Every finding of the report: the tenant's, each recipient's and certificate's, the store's. */
  public Stream<ExchangeFinding> allFindings() {
    Stream<ExchangeFinding> rs =
        recipients.stream()
            .flatMap(
                r ->
                    Stream.concat(
                        r.findings().stream(),
                        r.certificates().stream().flatMap(c -> c.findings().stream())));
    Stream<ExchangeFinding> ss =
        Stream.concat(
            store.findings().stream(),
            store.certificates().stream().flatMap(c -> c.findings().stream()));
    return Stream.concat(findings.stream(), Stream.concat(rs, ss));
  }
}
