package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.exchange.internal.audit.AuditEngine;

/**
 * Audits what a tenant holds, without changing it: for every recipient that carries {@code
 * UserCertificate} or {@code UserSMimeCertificate} values and for the issuing-CA store.
 */
public final class Audit {
  private Audit() {}

  /**
   * Audits {@code state}. Pure: reads nothing, and never throws for what the tenant holds (an
   * undecodable value is a finding).
   *
   * @param state what the tenant holds
   * @param options the settings
   * @return the report
   */
  public static AuditReport run(TenantState state, AuditOptions options) {
    return AuditEngine.run(requireNonNull(state, "state"), requireNonNull(options, "options"));
  }
}
