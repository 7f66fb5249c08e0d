package io.github.smimekit.examples;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.exchange.ApplyOutcome;
import io.github.smimekit.exchange.DesiredRecipient;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.Planner;
import io.github.smimekit.exchange.Plans;
import io.github.smimekit.exchange.RecipientRef;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.exchange.TenantState;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rotates a mailbox's certificate: adds the new one and keeps the current ones that are still valid
 * (senders may hold mail encrypted to them), dropping the expired ones. {@code Set-Mailbox
 * -UserCertificate} replaces the whole list, so the list is read, changed and written back whole.
 *
 * <p>Usage: {@code RotateCertificate BASE_URI TENANT TOKEN_ENV MAILBOX NEW.cer}
 */
public final class RotateCertificate {
  private RotateCertificate() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println("usage: RotateCertificate BASE_URI TENANT TOKEN_ENV MAILBOX NEW.cer");
      System.exit(2);
    }
    ExchangeClient exo = Tenant.fromEnvironment(args[0], args[1], args[2]);
    System.exit(rotate(exo, args[3], Path.of(args[4]), Instant.now()).succeeded() ? 0 : 1);
  }

  /** Adds {@code newCertificate} to the mailbox's list and drops the expired ones. */
  static ApplyOutcome rotate(ExchangeClient exo, String mailbox, Path newCertificate, Instant at)
      throws IOException {
    TenantState current = exo.readState(List.of(new RecipientRef(RecipientType.MAILBOX, mailbox)));
    List<X509Certificate> certificates = new ArrayList<>(Certificates.read(newCertificate));
    for (TenantRecipient r : current.recipients()) {
      r.userCertificates().forEach(der -> certificates.add(Certificates.readOne(der)));
    }
    DesiredState desired =
        new DesiredState(
            List.of(DesiredRecipient.of(RecipientType.MAILBOX, mailbox, certificates)),
            Optional.empty());
    // dropExpired is the default: expired certificates are left out, the newest three kept
    Plan plan = Planner.plan(desired, current, PlanOptions.at(at));
    System.out.print(Plans.text(plan));
    return exo.apply(plan);
  }
}
