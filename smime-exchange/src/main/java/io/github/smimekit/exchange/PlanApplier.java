package io.github.smimekit.exchange;

import io.github.smimekit.core.Severity;
import io.github.smimekit.core.Thumbprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Maps a {@link Plan} to the client's apply work: calls and expected read-back states. */
final class PlanApplier {
  private static final String USER_CERTIFICATE = "UserCertificate";

  private PlanApplier() {}

  static ApplyOutcome apply(ExchangeClient client, Plan plan) {
    List<ExchangeClient.Item> items = new ArrayList<>();
    for (RecipientPlan p : plan.recipients()) {
      items.add(item(p));
    }
    return client.run(items, storeItem(plan.caStore()));
  }

  private static ExchangeClient.Item item(RecipientPlan p) {
    List<Thumbprint> expected =
        p.changes().stream()
            .filter(c -> c.attribute().equals(USER_CERTIFICATE))
            .filter(c -> c.kind() != CertificateChange.Kind.REMOVE)
            .map(CertificateChange::sha1)
            .distinct()
            .sorted()
            .toList();
    String target = p.identity().value();
    if (p.status() == RecipientStatus.BLOCKED) {
      String why =
          p.findings().stream()
              .filter(f -> f.severity() == Severity.ERROR)
              .map(f -> f.code() + ": " + f.message())
              .collect(Collectors.joining("; "));
      return new ExchangeClient.Item(
          target,
          Optional.of(p.type()),
          expected,
          "blocked by the plan, nothing sent: " + (why.isEmpty() ? "unknown reason" : why));
    }
    if (p.operations().isEmpty()) {
      return new ExchangeClient.Item(target, Optional.of(p.type()), expected);
    }
    List<CmdletCall> calls = new ArrayList<>();
    @Nullable List<Thumbprint> smime = null;
    for (ExchangeOperation op : p.operations()) {
      calls.add(op.toCmdletCall());
      if (op instanceof SetUserSMimeCertificate s) {
        smime = ExchangeClient.thumbprints(s.blob().map(List::of).orElse(List.of()));
      }
    }
    return new ExchangeClient.Item(target, p.type(), calls, expected, smime);
  }

  private static ExchangeClient.@Nullable Item storeItem(CaStorePlan store) {
    if (store.operation().isPresent()) {
      SetIssuingCa op = store.operation().get();
      return new ExchangeClient.Item(List.of(op.toCmdletCall()), Optional.of(op.store().encode()));
    }
    if (!store.changed()) {
      return null;
    }
    String why =
        store.findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .map(f -> f.code() + ": " + f.message())
            .collect(Collectors.joining("; "));
    List<Thumbprint> expected =
        store.changes().stream()
            .filter(c -> c.kind() != CertificateChange.Kind.REMOVE)
            .map(CertificateChange::sha1)
            .sorted()
            .toList();
    return new ExchangeClient.Item(
        RecipientOutcome.ISSUING_CA_TARGET,
        Optional.empty(),
        expected,
        "the issuing-CA store cannot be uploaded, nothing sent: "
            + (why.isEmpty() ? "unknown reason" : why));
  }
}
