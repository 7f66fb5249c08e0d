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
 * Task 4 for a partner outside the organisation: {@code New-MailContact} when the contact does not
 * exist yet, then {@code Set-MailContact -UserCertificate}. The partner's CA chain must be in the
 * tenant's issuing-CA store, or Outlook on the web will not encrypt to the contact: the plan blocks
 * the contact and names the missing CA.
 *
 * <p>Usage: {@code PublishExternalContact BASE_URI TENANT TOKEN_ENV NAME ADDRESS CERT.cer}
 */
public final class PublishExternalContact {
  private PublishExternalContact() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println(
          "usage: PublishExternalContact BASE_URI TENANT TOKEN_ENV NAME ADDRESS CERT.cer");
      System.exit(2);
    }
    ExchangeClient exo = Tenant.fromEnvironment(args[0], args[1], args[2]);
    ApplyOutcome outcome = publish(exo, args[3], args[4], Path.of(args[5]), Instant.now());
    System.exit(outcome.succeeded() ? 0 : 1);
  }

  /** Creates the contact if absent and publishes its certificate. */
  static ApplyOutcome publish(
      ExchangeClient exo, String name, String address, Path certificate, Instant at)
      throws IOException {
    DesiredRecipient contact =
        DesiredRecipient.contact(address, name, address, Certificates.read(certificate));
    Plan plan =
        Planner.plan(
            new DesiredState(List.of(contact), Optional.empty()),
            // a contact not found is simply absent from the state read: the plan creates it
            exo.readState(List.of(new RecipientRef(RecipientType.MAIL_CONTACT, address))),
            PlanOptions.at(at));
    System.out.print(Plans.text(plan));
    ApplyOutcome outcome = exo.apply(plan);
    outcome.failures().forEach(f -> System.out.println(f.target() + ": " + f.reason().orElse("")));
    return outcome;
  }
}
