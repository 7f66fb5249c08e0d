package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The publication plan: the ordered operations that bring the tenant from its current state to the
 * desired one, with findings per recipient and for the issuing-CA store. Data first: render it with
 * {@link Plans#text}, {@link Plans#json} or {@link PowerShell7#script}.
 *
 * @param at the time the plan was made for (validity checks)
 * @param operations every operation, in the order to run: the issuing-CA store first, then each
 *     recipient in desired-state order
 * @param caStore what happens to the issuing-CA store
 * @param recipients what happens to each recipient, in desired-state order
 * @param findings findings about no single recipient (bulk certificates that match no recipient)
 */
public record Plan(
    Instant at,
    List<ExchangeOperation> operations,
    CaStorePlan caStore,
    List<RecipientPlan> recipients,
    List<ExchangeFinding> findings) {
  /** Copies. */
  public Plan {
    requireNonNull(at, "at");
    operations = List.copyOf(operations);
    requireNonNull(caStore, "caStore");
    recipients = List.copyOf(recipients);
    findings = List.copyOf(findings);
  }

  /** Whether there is nothing to do. */
  public boolean isEmpty() {
    return operations.isEmpty();
  }

  /** Whether any recipient is blocked or the store cannot be uploaded. */
  public boolean hasBlocked() {
    return recipients.stream().anyMatch(r -> r.status() == RecipientStatus.BLOCKED)
        || caStore.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /** The recipients with {@code status}. */
  public List<RecipientPlan> recipients(RecipientStatus status) {
    return recipients.stream().filter(r -> r.status() == status).toList();
  }
}
