package io.github.smimekit.exchange;

import static io.github.smimekit.exchange.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.exchange.internal.plan.PlanEngine;
import io.github.smimekit.testing.TestCertificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner checks large plans on several threads and remembers each distinct certificate's
 * fitness and chain within a plan: the plan must be exactly the one computed on one thread, and a
 * certificate shared by recipients must still be judged against each recipient's own address.
 */
final class PlanParallelTest {
  private static final Fixtures F = Fixtures.get();
  private static final int RECIPIENTS = 240;

  /** Three certificates for each of 12 people: valid, expired, of a CA the store lacks. */
  private static final List<TestCertificate> POOL = new ArrayList<>();

  static {
    for (int p = 0; p < 12; p++) {
      String email = "person" + p + "@contoso.example";
      POOL.add(F.leaf(F.issuing, email, NOW.minus(Duration.ofDays(200)), 365));
      POOL.add(F.leaf(F.issuing, email, NOW.minus(Duration.ofDays(400)), 300)); // expired
      POOL.add(F.leaf(F.partnerRoot, email, NOW.minus(Duration.ofDays(5)), 365));
    }
  }

  /**
   * Mixed recipients: renewals, expired, duplicates, wrong address, missing CA, stale, contacts.
   */
  private static Plan plan(long seed, boolean parallel) {
    return planWith(new Random(seed), POOL, parallel);
  }

  private static Plan planWith(Random random, List<TestCertificate> pool, boolean parallel) {
    List<DesiredRecipient> desired = new ArrayList<>();
    List<TenantRecipient> held = new ArrayList<>();
    for (int i = 0; i < RECIPIENTS; i++) {
      // Mostly the owner of the certificates, sometimes another address (an e-mail mismatch).
      int owner = random.nextInt(12);
      String email =
          random.nextInt(6) == 0
              ? "other" + i + "@contoso.example"
              : "person" + owner + "@contoso.example";
      String identity = random.nextInt(8) == 0 ? "missing" + i : "mailbox" + i;
      List<X509Certificate> want = new ArrayList<>();
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        want.add(pool.get(3 * owner + random.nextInt(3)).certificate());
      }
      boolean contact = random.nextInt(5) == 0;
      if (contact) {
        String address = "contact" + i + "@fabrikam.example";
        desired.add(DesiredRecipient.contact(address, "Contact " + i, address, want));
        continue;
      }
      desired.add(DesiredRecipient.of(RecipientType.MAILBOX, identity, want));
      if (!identity.startsWith("missing")) {
        List<Bytes> values = new ArrayList<>();
        if (random.nextBoolean()) {
          values.add(Fixtures.der(pool.get(3 * owner + random.nextInt(3))));
        }
        List<Bytes> smime =
            random.nextInt(5) == 0
                ? List.of(
                    Certificates.encodePkcs7(
                        List.of(pool.get(random.nextInt(pool.size())).certificate())))
                : List.of();
        held.add(
            new TenantRecipient(RecipientType.MAILBOX, identity, email, List.of(), values, smime));
      }
    }
    DesiredState state =
        new DesiredState(
            desired,
            Optional.of(
                new IssuingCa.Listed(List.of(F.root.certificate(), F.issuing.certificate()))));
    TenantState current = new TenantState(held, Optional.of(Fixtures.store(F.root.certificate())));
    return PlanEngine.plan(
        state,
        Optional.of(current),
        List.of(),
        PlanOptions.at(NOW).withMaxCertificates(2),
        parallel);
  }

  @Test
  void aParallelPlan_isTheSequentialPlan() {
    for (long seed = 1; seed <= 3; seed++) {
      Plan sequential = plan(seed, false);
      Plan parallel = plan(seed, true);

      assertThat(Plans.text(parallel)).as("seed %d", seed).isEqualTo(Plans.text(sequential));
      assertThat(Plans.json(parallel)).as("seed %d", seed).isEqualTo(Plans.json(sequential));
      assertThat(parallel.recipients()).as("seed %d", seed).isEqualTo(sequential.recipients());
      assertThat(parallel.operations().size()).isEqualTo(sequential.operations().size());

      // The states really are mixed, so the comparison covers every kind of finding.
      Set<String> codes = new HashSet<>();
      Set<RecipientStatus> statuses = new HashSet<>();
      for (RecipientPlan r : sequential.recipients()) {
        statuses.add(r.status());
        r.findings().forEach(f -> codes.add(f.code()));
      }
      assertThat(sequential.recipients()).hasSize(RECIPIENTS);
      assertThat(statuses)
          .contains(RecipientStatus.BLOCKED, RecipientStatus.CHANGE, RecipientStatus.CREATE);
      assertThat(codes)
          .contains(
              "duplicate",
              "expired-dropped",
              "missing-ca",
              "email-mismatch",
              "not-found",
              "stale-user-smime-certificate");
    }
  }

  @Test
  void aCertificateSharedByRecipients_isJudgedForEachAddress() {
    TestCertificate shared = F.leaf(F.issuing, "shared@contoso.example");
    TestCertificate partner = F.leaf(F.partnerRoot, "shared@contoso.example");
    List<DesiredRecipient> desired = new ArrayList<>();
    List<TenantRecipient> held = new ArrayList<>();
    for (int i = 0; i < 2 * PlanEngine.PARALLEL_THRESHOLD; i++) {
      String address = i % 2 == 0 ? "shared@contoso.example" : "user" + i + "@contoso.example";
      String identity = "mailbox" + i;
      desired.add(
          DesiredRecipient.of(
              RecipientType.MAILBOX,
              identity,
              List.of(shared.certificate(), partner.certificate())));
      held.add(
          new TenantRecipient(
              RecipientType.MAILBOX, identity, address, List.of(), List.of(), List.of()));
    }
    DesiredState state =
        new DesiredState(
            desired,
            Optional.of(
                new IssuingCa.Listed(List.of(F.root.certificate(), F.issuing.certificate()))));
    Plan plan = Planner.plan(state, new TenantState(held, Optional.empty()), PlanOptions.at(NOW));

    for (int i = 0; i < desired.size(); i++) {
      RecipientPlan r = plan.recipients().get(i);
      List<String> codes = r.findings().stream().map(ExchangeFinding::code).toList();
      assertThat(r.identity().value()).isEqualTo("mailbox" + i);
      assertThat(r.status()).as("mailbox%d", i).isEqualTo(RecipientStatus.BLOCKED);
      if (i % 2 == 0) {
        // Its own address: only the partner certificate's missing CA blocks it.
        assertThat(codes).as("mailbox%d", i).containsExactly("missing-ca");
      } else {
        // Another address: both certificates mismatch, so no chain is checked.
        assertThat(codes).as("mailbox%d", i).containsExactly("email-mismatch", "email-mismatch");
      }
    }
  }
}
