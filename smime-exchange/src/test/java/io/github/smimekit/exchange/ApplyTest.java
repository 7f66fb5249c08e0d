package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.RecipientOutcome.Status;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.exchange.FakeRecipient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ExchangeClient#apply}: calls per recipient, read back, compared by thumbprint. */
@Timeout(300)
final class ApplyTest {
  private FakeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new FakeFixture();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static TenantRecipient expected(RecipientType type, String id, List<Bytes> certs) {
    return new TenantRecipient(type, id, id, List.of(), certs, List.of());
  }

  private static CmdletCall set(RecipientType type, String id, List<Bytes> certs) {
    return CmdletCall.builder(type.setCmdlet())
        .put("Identity", ParameterValue.text(id))
        .put(
            "UserCertificate",
            certs.isEmpty() ? ParameterValue.nullValue() : ParameterValue.byteList(certs))
        .build();
  }

  private static CmdletCall newContact(String name, String address) {
    return CmdletCall.builder("New-MailContact")
        .put("Name", ParameterValue.text(name))
        .put("ExternalEmailAddress", ParameterValue.text(address))
        .build();
  }

  @Test
  void apply_reportsAppliedUnchangedAndFailedPerRecipient() {
    f.server.tenant().addMailbox("alice@contoso.com");
    f.server.tenant().addMailContact("Bob", "bob@fabrikam.com");
    f.server.tenant().addMailUser("guest@contoso.com");
    Bytes a = f.leaf("alice@contoso.com");
    Bytes g1 = f.leaf("guest@contoso.com");
    Bytes g2 = f.leaf("guest@contoso.com");
    Bytes sst = SerializedStore.builder().add(f.root.certificate()).build().encode();
    List<RecipientWork> work =
        List.of(
            new RecipientWork(
                expected(RecipientType.MAILBOX, "alice@contoso.com", List.of(a)),
                List.of(set(RecipientType.MAILBOX, "alice@contoso.com", List.of(a)))),
            new RecipientWork(
                expected(RecipientType.MAILBOX, "ghost@contoso.com", List.of(a)),
                List.of(set(RecipientType.MAILBOX, "ghost@contoso.com", List.of(a)))),
            new RecipientWork(
                expected(RecipientType.MAIL_CONTACT, "bob@fabrikam.com", List.of()), List.of()),
            new RecipientWork(
                expected(RecipientType.MAIL_USER, "guest@contoso.com", List.of(g2)),
                List.of(set(RecipientType.MAIL_USER, "guest@contoso.com", List.of(g1)))),
            new RecipientWork(
                expected(RecipientType.MAIL_CONTACT, "carol@partner.example", List.of(a)),
                List.of(
                    newContact("Carol", "carol@partner.example"),
                    set(RecipientType.MAIL_CONTACT, "carol@partner.example", List.of(a)))));
    IssuingCaWork ca =
        new IssuingCaWork(
            Optional.of(sst),
            List.of(
                CmdletCall.builder("Set-SmimeConfig")
                    .put("SMIMECertificateIssuingCA", ParameterValue.bytes(sst))
                    .build()));

    ApplyOutcome out = f.client().apply(work, Optional.of(ca));

    assertThat(out.recipients())
        .extracting(RecipientOutcome::status)
        .containsExactly(
            Status.APPLIED, Status.FAILED, Status.UNCHANGED, Status.FAILED, Status.APPLIED);
    assertThat(out.recipients().get(0).actualThumbprints())
        .containsExactly(ExchangeClient.thumbprints(List.of(a)).get(0));
    assertThat(out.recipients().get(1).reason().orElseThrow())
        .contains("Set-Mailbox for 'ghost@contoso.com' found no such object");
    assertThat(out.recipients().get(3).reason().orElseThrow())
        .startsWith(
            "read back differs: UserCertificate expected "
                + ExchangeClient.thumbprints(List.of(g2)));
    assertThat(out.issuingCa().orElseThrow().status()).isEqualTo(Status.APPLIED);
    assertThat(out.issuingCa().orElseThrow().actualThumbprints())
        .containsExactly(Thumbprint.sha1(f.root.certificate()));
    assertThat(out.succeeded()).isFalse();
    assertThat(out.failures()).hasSize(2);

    // the same again: the service reports no change, so everything that worked is unchanged
    ApplyOutcome again = f.client().apply(List.of(work.get(0), work.get(4)), Optional.of(ca));
    assertThat(again.recipients())
        .extracting(RecipientOutcome::status)
        .containsExactly(Status.UNCHANGED, Status.FAILED);
    // carol exists now: a plan would not create her again, a blind re-run is told so
    assertThat(again.recipients().get(1).reason().orElseThrow()).contains("already exists");
    assertThat(again.issuingCa().orElseThrow().status()).isEqualTo(Status.UNCHANGED);
  }

  @Test
  void apply_readBackFailure_isReportedNotThrown() {
    f.server.tenant().addMailbox("alice@contoso.com");
    f.server.enqueue("Get-Mailbox", io.github.smimekit.testing.exchange.Fault.forbidden());
    ApplyOutcome out =
        f.client()
            .apply(
                List.of(
                    new RecipientWork(
                        expected(RecipientType.MAILBOX, "alice@contoso.com", List.of()),
                        List.of())),
                Optional.empty());
    assertThat(out.recipients().get(0).status()).isEqualTo(Status.FAILED);
    assertThat(out.recipients().get(0).reason().orElseThrow())
        .startsWith(
            "read back failed: Get-Mailbox for 'alice@contoso.com' was refused: missing role");
  }

  /**
   * End to end: 1,000 recipients applied to the fake with seeded random faults (429, 503, 500
   * naming a transient exception, the cmdlet run then 503, transient {@code @adminapi.errors}); the
   * fake's final state equals what was applied, and applying nothing reads back unchanged.
   */
  @ParameterizedTest(name = "seed {0}, batch {1}")
  @CsvSource({"1, false", "2, true"})
  void apply_thousandRecipientsWithRandomFaults_converges(long seed, boolean batch) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Bytes> pool = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      pool.add(f.leaf("pool" + i + "@contoso.com"));
    }
    List<RecipientWork> work = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      RecipientType type = RecipientType.values()[i % 3];
      String id =
          "r" + i + "@" + (type == RecipientType.MAIL_CONTACT ? "partner.example" : "contoso.com");
      boolean create = type == RecipientType.MAIL_CONTACT && rnd.nextBoolean();
      if (!create) {
        switch (type) {
          case MAILBOX -> f.server.tenant().addMailbox(id);
          case MAIL_USER -> f.server.tenant().addMailUser(id);
          case MAIL_CONTACT -> f.server.tenant().addMailContact("Contact " + i, id);
        }
        if (rnd.nextInt(4) == 0) {
          f.server
              .tenant()
              .setUserCertificates(id, List.of(pool.get(rnd.nextInt(pool.size())).toByteArray()));
        }
      }
      int n = rnd.nextInt(4); // 0 clears
      List<Bytes> certs = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        Bytes c = pool.get(rnd.nextInt(pool.size()));
        if (!certs.contains(c)) {
          certs.add(c);
        }
      }
      List<CmdletCall> calls = new ArrayList<>();
      if (create) {
        calls.add(newContact("Contact " + i, id));
      }
      calls.add(set(type, id, certs));
      work.add(new RecipientWork(expected(type, id, certs), calls));
    }
    f.server.recording(false);
    f.server.randomFaults(seed, 0.15);
    List<java.time.Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExchangeClient client =
        f.clientBuilder()
            .clock(Clock.systemUTC())
            .sleeper(waits::add)
            .batch(batch)
            .concurrency(4)
            .retryPolicy(RetryPolicy.builder().maxAttempts(12).build())
            .build();

    ApplyOutcome out = client.apply(work, Optional.empty());

    assertThat(out.failures()).as("seed %d", seed).isEmpty();
    assertThat(f.server.faultsInjected())
        .as("seed %d: faults were injected", seed)
        .isGreaterThan(100);
    assertThat(waits).as("seed %d: retries waited", seed).isNotEmpty();
    for (RecipientWork w : work) {
      FakeRecipient r = f.server.tenant().recipient(w.expected().identity()).orElseThrow();
      List<byte[]> want = w.expected().userCertificates().stream().map(Bytes::toByteArray).toList();
      assertThat(r.userCertificates().size()).as("seed %d %s", seed, r).isEqualTo(want.size());
      for (int i = 0; i < want.size(); i++) {
        assertThat(Arrays.equals(r.userCertificates().get(i), want.get(i)))
            .as("seed %d %s #%d", seed, r, i)
            .isTrue();
      }
    }
    assertThat(f.server.tenant().recipients()).hasSize(1000);

    f.server.randomFaults(seed + 100, 0.15);
    List<RecipientWork> verifyOnly =
        work.stream().map(w -> new RecipientWork(w.expected(), List.of())).toList();
    ApplyOutcome second = client.apply(verifyOnly, Optional.empty());
    assertThat(second.recipients())
        .extracting(RecipientOutcome::status)
        .as("seed %d", seed)
        .containsOnly(Status.UNCHANGED);
  }
}
