package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.RecipientOutcome.Status;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.exchange.FakeRecipient;
import io.github.smimekit.testing.exchange.Fault;
import io.github.smimekit.testing.exchange.RecordedRequest;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ExchangeClient#apply(Plan)}, {@link ExchangeClient#verify} and the listener. */
@Timeout(600)
final class ApplyPlanTest {
  private FakeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new FakeFixture();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private X509Certificate leaf(String email) {
    return f.pki.leaf(f.root).email(email).keyType(KeyType.EC_P256).build().certificate();
  }

  private static String sha1(byte[] der) throws Exception {
    return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
  }

  private static List<String> sorted(List<X509Certificate> certs) {
    return certs.stream().map(c -> Thumbprint.sha1(c).hex()).sorted().toList();
  }

  private List<String> held(String identity) throws Exception {
    FakeRecipient r = f.server.tenant().recipient(identity).orElseThrow();
    List<String> out = new ArrayList<>();
    for (byte[] b : r.userCertificates()) {
      out.add(sha1(b));
    }
    out.sort(null);
    return out;
  }

  private static List<RecipientRef> refs(DesiredState d) {
    return d.recipients().stream()
        .map(r -> new RecipientRef(r.type(), r.identity().value()))
        .toList();
  }

  /**
   * End to end from a desired state: 1,000 recipients, faults at random (seeded) on every request;
   * apply(plan), plan again against what the fake then holds, apply again: the fake holds the
   * desired state and a third plan is empty.
   */
  @ParameterizedTest(name = "seed {0}, batch {1}")
  @CsvSource({"11, false", "12, true"})
  void planApplyReplanApply_withRandomFaults_converges(long seed, boolean batch) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<DesiredRecipient> desired = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      RecipientType type = RecipientType.values()[i % 3];
      String id =
          "r" + i + "@" + (type == RecipientType.MAIL_CONTACT ? "partner.example" : "contoso.com");
      boolean exists = type != RecipientType.MAIL_CONTACT || rnd.nextBoolean();
      List<X509Certificate> certs = new ArrayList<>();
      int n = rnd.nextInt(3);
      for (int k = 0; k < n; k++) {
        certs.add(leaf(id));
      }
      if (exists) {
        switch (type) {
          case MAILBOX -> f.server.tenant().addMailbox(id);
          case MAIL_USER -> f.server.tenant().addMailUser(id);
          case MAIL_CONTACT -> f.server.tenant().addMailContact("Contact " + i, id);
        }
        int current = rnd.nextInt(3);
        if (current == 1 && !certs.isEmpty()) {
          f.server.tenant().setUserCertificates(id, List.of(certs.get(0).getEncoded()));
        } else if (current == 2) {
          f.server.tenant().setUserCertificates(id, List.of(leaf(id).getEncoded()));
        }
      }
      desired.add(
          type == RecipientType.MAIL_CONTACT
              ? DesiredRecipient.contact(id, "Contact " + i, id, certs)
              : DesiredRecipient.of(type, id, certs));
    }
    DesiredState state =
        new DesiredState(desired, Optional.of(new IssuingCa.Listed(List.of(f.root.certificate()))));
    PlanOptions options = PlanOptions.at(FakeFixture.NOW);
    f.server.recording(false);
    ExchangeClient client =
        f.clientBuilder()
            .clock(Clock.systemUTC())
            .sleeper(d -> {})
            .batch(batch)
            .concurrency(4)
            .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
            .build();

    Plan first = Planner.plan(state, client.readState(refs(state)), options);
    assertThat(first.hasBlocked()).isFalse();
    f.server.randomFaults(seed, 0.2);
    ApplyOutcome out1 = client.apply(first);
    assertThat(out1.recipients()).hasSize(1000);
    assertThat(out1.issuingCa()).isPresent();
    assertThat(f.server.faultsInjected()).as("faults were injected").isGreaterThan(100);

    ExchangeClient patient =
        client.newBuilder().retryPolicy(RetryPolicy.builder().maxAttempts(12).build()).build();
    Plan second = Planner.plan(state, patient.readState(refs(state)), options);
    ApplyOutcome out2 = patient.apply(second);
    assertThat(out2.failures()).as("seed %d", seed).isEmpty();

    f.server.randomFaults(seed, 0.0);
    Plan third = Planner.plan(state, patient.readState(refs(state)), options);
    assertThat(third.isEmpty()).as("third plan: %s", Plans.text(third)).isTrue();
    for (DesiredRecipient d : desired) {
      assertThat(held(d.identity().value()))
          .as("%s", d.identity())
          .isEqualTo(sorted(d.certificates()));
    }
    assertThat(f.server.tenant().recipients()).hasSize(1000);
    assertThat(f.server.tenant().issuingCaStore()).isPresent();
  }

  @Test
  void apply_newContactThenSet_blockedRecipientSendsNothing_unchangedIsNotRead() throws Exception {
    f.server.tenant().addMailbox("alice@contoso.com");
    f.server.tenant().addMailbox("carol@contoso.com");
    X509Certificate alice = leaf("alice@contoso.com");
    X509Certificate bob = leaf("bob@fabrikam.example");
    f.server.tenant().setUserCertificates("carol@contoso.com", List.of());
    DesiredState state =
        new DesiredState(
            List.of(
                DesiredRecipient.of(RecipientType.MAILBOX, "alice@contoso.com", List.of(alice)),
                DesiredRecipient.contact(
                    "bob@fabrikam.example", "Bob Partner", "bob@fabrikam.example", List.of(bob)),
                DesiredRecipient.of(
                    RecipientType.MAILBOX, "ghost@contoso.com", List.of(leaf("ghost@contoso.com"))),
                DesiredRecipient.of(RecipientType.MAILBOX, "carol@contoso.com", List.of())),
            Optional.of(new IssuingCa.Listed(List.of(f.root.certificate()))));
    ExchangeClient client = f.client();
    Plan plan = Planner.plan(state, client.readState(refs(state)), PlanOptions.at(FakeFixture.NOW));
    f.server.clearRecordedRequests();

    ApplyOutcome out = client.apply(plan);

    assertThat(out.recipients())
        .extracting(RecipientOutcome::target, RecipientOutcome::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice@contoso.com", Status.APPLIED),
            org.assertj.core.groups.Tuple.tuple("bob@fabrikam.example", Status.APPLIED),
            org.assertj.core.groups.Tuple.tuple("ghost@contoso.com", Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("carol@contoso.com", Status.UNCHANGED));
    assertThat(out.recipients().get(2).reason().orElseThrow())
        .contains("blocked")
        .contains("not-found");
    assertThat(out.issuingCa().orElseThrow().status()).isEqualTo(Status.APPLIED);
    List<String> sent = f.server.recordedRequests().stream().map(ApplyPlanTest::describe).toList();
    assertThat(sent.get(0)).isEqualTo("Set-SmimeConfig");
    assertThat(sent).noneMatch(s -> s.contains("ghost")).noneMatch(s -> s.contains("carol"));
    assertThat(sent.indexOf("New-MailContact bob@fabrikam.example"))
        .isGreaterThan(0)
        .isLessThan(sent.indexOf("Set-MailContact bob@fabrikam.example"));
    assertThat(held("bob@fabrikam.example")).isEqualTo(sorted(List.of(bob)));
    assertThat(held("alice@contoso.com")).isEqualTo(sorted(List.of(alice)));
  }

  @Test
  void apply_newMailContactAmbiguousFailure_isNotSentTwice() throws Exception {
    X509Certificate bob = leaf("bob@fabrikam.example");
    DesiredState state =
        new DesiredState(
            List.of(
                DesiredRecipient.contact(
                    "bob@fabrikam.example", "Bob Partner", "bob@fabrikam.example", List.of(bob))),
            Optional.of(new IssuingCa.Listed(List.of(f.root.certificate()))));
    f.server
        .tenant()
        .setIssuingCaStore(
            io.github.smimekit.sst.SerializedStore.builder()
                .add(f.root.certificate())
                .build()
                .encode()
                .toByteArray());
    ExchangeClient client = f.client();
    Plan plan = Planner.plan(state, client.readState(refs(state)), PlanOptions.at(FakeFixture.NOW));
    f.server.enqueue("New-MailContact", Fault.runThenStatus(503));
    f.server.clearRecordedRequests();

    ApplyOutcome out = client.apply(plan);

    assertThat(out.failures()).isEmpty();
    long creates =
        f.server.recordedRequests().stream()
            .filter(r -> describe(r).startsWith("New-MailContact"))
            .count();
    assertThat(creates).isEqualTo(1);
    assertThat(held("bob@fabrikam.example")).isEqualTo(sorted(List.of(bob)));
  }

  @Test
  void verify_sendsOnlyGets_andReportsDifferencesThenMatches() throws Exception {
    f.server.tenant().addMailbox("alice@contoso.com");
    X509Certificate alice = leaf("alice@contoso.com");
    DesiredState state =
        new DesiredState(
            List.of(
                DesiredRecipient.of(RecipientType.MAILBOX, "alice@contoso.com", List.of(alice))),
            Optional.of(new IssuingCa.Listed(List.of(f.root.certificate()))));
    ExchangeClient client = f.client();
    f.server.clearRecordedRequests();

    Verification v = client.verify(state, PlanOptions.at(FakeFixture.NOW));

    assertThat(v.matches()).isFalse();
    assertThat(v.differences())
        .extracting(r -> r.identity().value())
        .containsExactly("alice@contoso.com");
    assertThat(f.server.recordedRequests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(describe(r)).startsWith("Get-"));
    assertThat(f.server.tenant().recipient("alice@contoso.com").orElseThrow().userCertificates())
        .isEmpty();

    assertThat(client.apply(v.plan()).failures()).isEmpty();
    Verification after = client.verify(state, PlanOptions.at(FakeFixture.NOW));
    assertThat(after.matches()).as(Plans.text(after.plan())).isTrue();
    assertThat(after.differences()).isEmpty();
  }

  /**
   * {@code verify} with bulk certificates (the CLI's {@code --certificates DIR}): the certificate
   * matched by e-mail address counts as desired, so the tenant matches after applying that plan,
   * and a verify without the bulk certificates sees the difference.
   */
  @Test
  void verify_withBulkCertificates_matchesThemByAddress() throws Exception {
    f.server.tenant().addMailbox("alice@contoso.com");
    X509Certificate alice = leaf("alice@contoso.com");
    DesiredState state =
        new DesiredState(
            List.of(DesiredRecipient.of(RecipientType.MAILBOX, "alice@contoso.com", List.of())),
            Optional.of(new IssuingCa.Listed(List.of(f.root.certificate()))));
    ExchangeClient client = f.client();
    PlanOptions options = PlanOptions.at(FakeFixture.NOW);
    f.server.clearRecordedRequests();

    Verification before = client.verify(state, List.of(alice), options);

    assertThat(before.matches()).isFalse();
    assertThat(before.differences())
        .extracting(r -> r.identity().value())
        .containsExactly("alice@contoso.com");
    assertThat(before.plan().recipients().get(0).changes())
        .extracting(CertificateChange::kind, CertificateChange::sha1)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                CertificateChange.Kind.ADD, Thumbprint.sha1(alice)));
    assertThat(f.server.recordedRequests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(describe(r)).startsWith("Get-"));

    assertThat(client.apply(before.plan()).failures()).isEmpty();
    assertThat(held("alice@contoso.com")).isEqualTo(sorted(List.of(alice)));
    Verification after = client.verify(state, List.of(alice), options);
    assertThat(after.matches()).as(Plans.text(after.plan())).isTrue();
    assertThat(client.verify(state, options).matches()).isFalse();
  }

  /** Events arrive with faults injected; a listener that throws does not break apply. */
  @Test
  void listener_receivesEvents_andOneThatThrowsIsIgnored() throws Exception {
    List<DesiredRecipient> desired = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = "u" + i + "@contoso.com";
      f.server.tenant().addMailbox(id);
      desired.add(DesiredRecipient.of(RecipientType.MAILBOX, id, List.of(leaf(id))));
    }
    DesiredState state =
        new DesiredState(desired, Optional.of(new IssuingCa.Listed(List.of(f.root.certificate()))));
    AtomicInteger started = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    AtomicInteger throttles = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    List<Integer> totals = new CopyOnWriteArrayList<>();
    ApplyListener counting =
        new ApplyListener() {
          @Override
          public void started(int recipients) {
            started.addAndGet(recipients);
          }

          @Override
          public void recipientDone(RecipientOutcome outcome, int d, int total) {
            done.incrementAndGet();
            totals.add(total);
          }

          @Override
          public void retrying(
              String cmdlet, String target, int attempt, Duration wait, String why) {
            retries.incrementAndGet();
          }

          @Override
          public void throttled(String cmdlet, Duration wait) {
            throttles.incrementAndGet();
          }

          @Override
          public void reading(int d, int total) {
            reads.incrementAndGet();
          }
        };
    ExchangeClient client = f.clientBuilder().listener(counting).build();
    Plan plan =
        Planner.plan(state, f.client().readState(refs(state)), PlanOptions.at(FakeFixture.NOW));
    f.server.enqueue("Set-Mailbox", Fault.throttle("2"));
    f.server.enqueue("Set-Mailbox", Fault.status(503));
    f.server.enqueue("Get-Mailbox", Fault.status(503));

    ApplyOutcome out = client.apply(plan);

    assertThat(out.failures()).isEmpty();
    assertThat(started.get()).isEqualTo(21);
    assertThat(done.get()).isEqualTo(21);
    assertThat(totals).containsOnly(21);
    assertThat(throttles.get()).isEqualTo(1);
    assertThat(retries.get()).isEqualTo(2);
    assertThat(reads.get()).isEqualTo(21);
    reads.set(0);
    client.readState(refs(state));
    assertThat(reads.get()).as("20 recipients and the store").isEqualTo(21);

    ApplyListener throwing =
        new ApplyListener() {
          @Override
          public void started(int recipients) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void recipientDone(RecipientOutcome outcome, int d, int total) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void retrying(
              String cmdlet, String target, int attempt, Duration wait, String why) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void reading(int d, int total) {
            throw new IllegalStateException("listener bug");
          }
        };
    f.server.tenant().setUserCertificates("u0@contoso.com", List.of());
    ExchangeClient fragile = f.clientBuilder().listener(throwing).build();
    Plan again =
        Planner.plan(state, fragile.readState(refs(state)), PlanOptions.at(FakeFixture.NOW));
    f.server.enqueue("Set-Mailbox", Fault.status(503));
    ApplyOutcome out2 = fragile.apply(again);
    assertThat(out2.failures()).isEmpty();
    assertThat(out2.recipients().get(0).status()).isEqualTo(Status.APPLIED);
  }

  static String describe(RecordedRequest r) {
    String cmdlet = r.header("X-CmdletName").orElse("?");
    String body = r.body();
    for (String key : List.of("\"Identity\":\"", "\"ExternalEmailAddress\":\"")) {
      int i = body.indexOf(key);
      if (i >= 0) {
        int s = i + key.length();
        return cmdlet + " " + body.substring(s, body.indexOf('"', s));
      }
    }
    return cmdlet;
  }
}
