package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.exchange.internal.plan.PlanEngine;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Compares a desired state with the tenant's current state and plans the operations between them.
 *
 * <p>Rules: certificates are deduplicated by SHA-1; certificates expired at the plan time are
 * dropped (configurable); at most N newest valid ones are kept (default 3); each is checked with
 * core's S/MIME fitness check against the recipient's address (errors block the recipient, warnings
 * are shown); each certificate's chain must build to a certificate in the planned issuing-CA store
 * (Outlook on the web trusts nothing else) and the missing CA is named; a stale {@code
 * UserSMimeCertificate} is flagged; CA certificates the tenant holds that no chain needs are
 * removed (an option keeps them); an expired CA in the current store is always removed. An
 * unchanged recipient gives no operation, so desired == current gives an empty plan.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans with the current state known.
   *
   * @param desired what the tenant should hold
   * @param current what it holds
   * @param options the settings
   * @return the plan
   */
  public static Plan plan(DesiredState desired, TenantState current, PlanOptions options) {
    return plan(desired, Optional.of(current), List.of(), options);
  }

  /**
   * Plans, optionally with bulk certificates matched to recipients by e-mail address: each
   * certificate's addresses (subjectAltName first, then {@code E=}) are compared, ignoring case,
   * with every recipient's primary SMTP address (and proxy addresses with {@link
   * PlanOptions#matchProxyAddresses()}) of the current state (or the desired state's identities
   * when there is none). A certificate that matches no recipient or several is reported, never
   * guessed.
   *
   * @param desired what the tenant should hold
   * @param current what it holds; empty when unknown (every recipient is then assumed to exist
   *     without certificates, and contacts are created only if absent by the script)
   * @param bulk certificates to match to recipients
   * @param options the settings
   * @return the plan
   */
  public static Plan plan(
      DesiredState desired,
      Optional<TenantState> current,
      List<X509Certificate> bulk,
      PlanOptions options) {
    return PlanEngine.plan(
        requireNonNull(desired, "desired"),
        requireNonNull(current, "current"),
        List.copyOf(bulk),
        requireNonNull(options, "options"));
  }
}
