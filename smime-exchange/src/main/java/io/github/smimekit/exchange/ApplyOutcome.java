package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link ExchangeClient#apply}: one outcome per recipient, in the order given, and
 * the issuing-CA store's when it was part of the work.
 *
 * @param recipients the recipients' outcomes
 * @param issuingCa the store's outcome, if the store was part of the work
 */
public record ApplyOutcome(
    List<RecipientOutcome> recipients, Optional<RecipientOutcome> issuingCa) {
  public ApplyOutcome {
    recipients = List.copyOf(recipients);
    requireNonNull(issuingCa, "issuingCa");
  }

  /** Whether nothing failed. */
  public boolean succeeded() {
    return recipients.stream().noneMatch(o -> o.status() == RecipientOutcome.Status.FAILED)
        && issuingCa.map(o -> o.status() != RecipientOutcome.Status.FAILED).orElse(true);
  }

  /** The outcomes that failed. */
  public List<RecipientOutcome> failures() {
    List<RecipientOutcome> all = new java.util.ArrayList<>(recipients);
    issuingCa.ifPresent(all::add);
    return all.stream().filter(o -> o.status() == RecipientOutcome.Status.FAILED).toList();
  }
}
