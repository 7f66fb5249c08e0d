package io.github.smimekit.examples;

import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.RecipientPlan;
import io.github.smimekit.exchange.Verification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Checks that Exchange holds what a desired-state file says (what {@code Get-Mailbox | Select
 * UserCertificate} and {@code Get-SmimeConfig} would show, compared for you), changing nothing.
 *
 * <p>Usage: {@code VerifyTenant BASE_URI TENANT TOKEN_ENV desired.json} (exit 1 on a difference)
 */
public final class VerifyTenant {
  private VerifyTenant() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: VerifyTenant BASE_URI TENANT TOKEN_ENV desired.json");
      System.exit(2);
    }
    ExchangeClient exo = Tenant.fromEnvironment(args[0], args[1], args[2]);
    System.exit(verify(exo, Path.of(args[3]), Instant.now()).matches() ? 0 : 1);
  }

  /** Reads the live state, plans against it and prints each recipient that differs. */
  static Verification verify(ExchangeClient exo, Path desiredFile, Instant at) throws IOException {
    // relative certificate paths in the file resolve against the file's folder
    Verification v = exo.verify(DesiredState.read(desiredFile), PlanOptions.at(at));
    for (RecipientPlan r : v.differences()) {
      System.out.println(r.identity().value() + ": " + r.status().jsonName());
      r.findings().forEach(f -> System.out.println("  " + f));
    }
    System.out.println(v.matches() ? "Exchange holds the desired state" : "differences found");
    return v;
  }
}
