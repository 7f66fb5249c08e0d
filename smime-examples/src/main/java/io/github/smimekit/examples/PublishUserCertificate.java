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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Task 4 of the set-up for one mailbox, {@code Set-Mailbox -UserCertificate} over the Admin API:
 * plan against what the mailbox holds now (the certificate is checked against its primary SMTP
 * address and against the tenant's issuing-CA store), apply, read back and compare.
 *
 * <p>Usage: {@code PublishUserCertificate BASE_URI TENANT TOKEN_ENV MAILBOX CERT.cer}
 */
public final class PublishUserCertificate {
  private PublishUserCertificate() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println(
          "usage: PublishUserCertificate BASE_URI TENANT TOKEN_ENV MAILBOX CERT.cer");
      System.exit(2);
    }
    ExchangeClient exo = Tenant.fromEnvironment(args[0], args[1], args[2]);
    ApplyOutcome outcome = publish(exo, args[3], Path.of(args[4]), Instant.now());
    System.exit(outcome.succeeded() ? 0 : 1);
  }

  /** Plans and applies {@code certificate} as the only certificate of {@code mailbox}. */
  static ApplyOutcome publish(ExchangeClient exo, String mailbox, Path certificate, Instant at)
      throws IOException {
    DesiredState desired =
        new DesiredState(
            List.of(
                DesiredRecipient.of(
                    RecipientType.MAILBOX, mailbox, Certificates.read(certificate))),
            Optional.empty()); // no issuingCa: the store is left as it is
    Plan plan =
        Planner.plan(
            desired,
            exo.readState(List.of(new RecipientRef(RecipientType.MAILBOX, mailbox))),
            PlanOptions.at(at));
    System.out.print(Plans.text(plan)); // blocked recipients (wrong address, missing CA) say why
    ApplyOutcome outcome = exo.apply(plan);
    outcome.failures().forEach(f -> System.out.println(f.target() + ": " + f.reason().orElse("")));
    return outcome;
  }
}
