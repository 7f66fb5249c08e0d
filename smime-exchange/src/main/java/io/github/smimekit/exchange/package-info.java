/**
 * Typed Exchange Online S/MIME operations, the desired state and the plan between it and the
 * tenant, and the Admin API client that carries them out.
 *
 * <p>From Java: {@link io.github.smimekit.exchange.Planner#plan} a {@link
 * io.github.smimekit.exchange.DesiredState} against {@link
 * io.github.smimekit.exchange.ExchangeClient#readState(java.util.List)}, then {@link
 * io.github.smimekit.exchange.ExchangeClient#apply(io.github.smimekit.exchange.Plan)} it (per
 * recipient outcomes after a read-back), {@link io.github.smimekit.exchange.ExchangeClient#verify}
 * that the tenant matches (no changes), or {@link io.github.smimekit.exchange.ExchangeClient#audit}
 * what the whole tenant holds ({@link io.github.smimekit.exchange.Audit}, rendered by {@link
 * io.github.smimekit.exchange.AuditReports}). Progress goes to an {@link
 * io.github.smimekit.exchange.ApplyListener}.
 */
@NullMarked
package io.github.smimekit.exchange;

import org.jspecify.annotations.NullMarked;
