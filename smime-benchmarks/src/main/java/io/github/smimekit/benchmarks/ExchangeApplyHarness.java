package io.github.smimekit.benchmarks;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.ApplyOutcome;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.ParameterValue;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.RecipientWork;
import io.github.smimekit.exchange.TenantId;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Throughput of {@link ExchangeClient#apply} against the loopback fake with injected latency, at
 * concurrency 1 and 4, with and without {@code $batch}, beside the ideal latency-bound rate.
 *
 * <p>Each recipient costs one {@code Set-Mailbox} and one read-back {@code Get-Mailbox}: two
 * rounds. With latency {@code L} per HTTP request, concurrency {@code c} and {@code b} calls per
 * request (1, or 10 with {@code $batch}) the ideal time is {@code 2 × ceil(N / (c × b)) × L}. The
 * fake charges its latency once per HTTP request, also for a {@code $batch}; how Exchange Online
 * schedules the sub-requests of a batch is not known, so the batch figures measure the client, not
 * the service.
 *
 * <p>What it showed (2026-12-01, 2 cores shared with other builds): at 20 ms latency every
 * configuration ran at about 0.29x of ideal because the JDK {@code HttpServer} of the fake left
 * Nagle's algorithm on, so each response waited for the client's delayed ACK; the fake now sets
 * {@code sun.net.httpserver.nodelay} and the same runs give about 0.65x. What remains is a fixed
 * cost of a few milliseconds per request on that machine: at 100 ms latency the ratio is 0.84 to
 * 0.93.
 *
 * <p>Run: {@code java -cp smime-benchmarks/target/benchmarks.jar
 * io.github.smimekit.benchmarks.ExchangeApplyHarness [latencyMillis]}.
 */
public final class ExchangeApplyHarness {
  private static final TenantId TENANT = TenantId.parse("contoso.onmicrosoft.com");

  private ExchangeApplyHarness() {}

  /** Runs the four configurations and prints one line each. */
  public static void main(String[] args) throws IOException {
    Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 20);
    TestPki pki = TestPki.create(3);
    TestCertificate root = pki.rootCa("Bench Root").keyType(KeyType.EC_P256).build();
    List<Bytes> pool = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pool.add(Bytes.copyOf(pki.leaf(root).keyType(KeyType.EC_P256).build().der()));
    }
    run(pool, latency, 1, false, 40); // warm-up
    System.out.printf(
        Locale.ROOT,
        "latency %d ms per HTTP request; recipients/s (1 Set + 1 read-back each)%n",
        latency.toMillis());
    for (boolean batch : new boolean[] {false, true}) {
      for (int c : new int[] {1, 4}) {
        int n = batch ? 1000 : 200;
        long nanos = run(pool, latency, c, batch, n);
        double seconds = nanos / 1e9;
        int perRequest = batch ? 10 : 1;
        double idealSeconds =
            2.0 * Math.ceil((double) n / (c * perRequest)) * latency.toMillis() / 1000.0;
        System.out.printf(
            Locale.ROOT,
            "concurrency %d, batch %-5s  N=%4d  %8.1f recipients/s  ideal %8.1f  ratio %.2f%n",
            c,
            batch,
            n,
            n / seconds,
            n / idealSeconds,
            idealSeconds / seconds);
      }
    }
  }

  private static long run(List<Bytes> pool, Duration latency, int concurrency, boolean batch, int n)
      throws IOException {
    try (FakeExchangeServer fake = FakeExchangeServer.builder().threads(64).start()) {
      fake.recording(false);
      List<RecipientWork> work = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = "u" + i + "@contoso.com";
        fake.tenant().addMailbox(id);
        List<Bytes> certs = List.of(pool.get(i % pool.size()));
        work.add(
            new RecipientWork(
                new TenantRecipient(RecipientType.MAILBOX, id, id, List.of(), certs, List.of()),
                List.of(
                    CmdletCall.builder("Set-Mailbox")
                        .put("Identity", ParameterValue.text(id))
                        .put("UserCertificate", ParameterValue.byteList(certs))
                        .build())));
      }
      fake.latency(latency);
      ExchangeClient client =
          ExchangeClient.builder()
              .baseUri(fake.baseUri())
              .tenant(TENANT)
              .tokenProvider(
                  AccessTokenProvider.fixed(AccessToken.of(fake.acceptedToken().toCharArray())))
              .concurrency(concurrency)
              .batch(batch)
              .build();
      long start = System.nanoTime();
      ApplyOutcome out = client.apply(work, Optional.empty());
      long nanos = System.nanoTime() - start;
      if (!out.succeeded()) {
        throw new IllegalStateException("apply failed: " + out.failures().get(0));
      }
      return nanos;
    }
  }
}
