package io.github.smimekit.examples;

import io.github.smimekit.exchange.ApplyOutcome;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.IssuingCa;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.Planner;
import io.github.smimekit.exchange.Plans;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SstReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Task 4 for the organisation: {@code Set-SmimeConfig -SMIMECertificateIssuingCA} with a {@code
 * .sst} (from {@code BuildIssuingCaStore} or {@code smime sst create}). The plan checks the store
 * first: an expired CA makes Exchange refuse the whole upload, and the size limit is enforced.
 *
 * <p>Usage: {@code UploadIssuingCaStore BASE_URI TENANT TOKEN_ENV chainOfTrust.sst}
 */
public final class UploadIssuingCaStore {
  private UploadIssuingCaStore() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: UploadIssuingCaStore BASE_URI TENANT TOKEN_ENV chainOfTrust.sst");
      System.exit(2);
    }
    ExchangeClient exo = Tenant.fromEnvironment(args[0], args[1], args[2]);
    ApplyOutcome outcome = upload(exo, Path.of(args[3]), Instant.now());
    System.exit(outcome.succeeded() ? 0 : 1);
  }

  /** Plans the store against the tenant's current one and applies it. */
  static ApplyOutcome upload(ExchangeClient exo, Path sst, Instant at) throws IOException {
    SerializedStore store = SerializedStore.read(sst, SstReadOptions.strict());
    Plan plan =
        Planner.plan(
            new DesiredState(List.of(), Optional.of(new IssuingCa.FromStore(store))),
            exo.readState(List.of()), // no recipient: only the store is read
            PlanOptions.at(at));
    System.out.print(Plans.text(plan));
    ApplyOutcome outcome = exo.apply(plan);
    outcome.issuingCa().ifPresent(o -> System.out.println("store: " + o.status()));
    return outcome;
  }
}
