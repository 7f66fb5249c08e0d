package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link ExchangeClient#verify} found: the plan from the live state to the desired one, and
 * the live state it was made against. Nothing was changed.
 *
 * @param plan the plan (empty when the tenant matches)
 * @param state the live state read (the desired recipients that exist, and the issuing-CA store)
 */
public record Verification(Plan plan, TenantState state) {
  /** Validates. */
  public Verification {
    requireNonNull(plan, "plan");
    requireNonNull(state, "state");
  }

  /** Whether the tenant holds the desired state: nothing to change and nothing blocked. */
  public boolean matches() {
    return plan.isEmpty() && !plan.hasBlocked() && differences().isEmpty();
  }

  /** The recipients whose status is not {@link RecipientStatus#UNCHANGED}, in plan order. */
  public List<RecipientPlan> differences() {
    return plan.recipients().stream().filter(r -> r.status() != RecipientStatus.UNCHANGED).toList();
  }
}
