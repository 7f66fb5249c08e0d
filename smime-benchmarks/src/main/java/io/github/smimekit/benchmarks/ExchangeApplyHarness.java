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
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>2026-12-02: the fake found a recipient by scanning all of them with {@code equalsIgnoreCase}
 * (four comparisons and a stream per recipient, under the tenant's lock), which at 1,000 recipients
 * was most of the CPU the whole run used; it now keeps an index. Besides the ratio the harness
 * prints the CPU time the JVM (client and fake, JIT and GC threads included) spent per HTTP
 * request, a figure that a loaded machine disturbs far less than the wall-clock ratio.
 *
 * <p>Run: {@code java -cp smime-benchmarks/target/benchmarks.jar
 * io.github.smimekit.benchmarks.ExchangeApplyHarness [latencyMillis [repeats]]} (defaults 20 and
 * 3): each configuration runs {@code repeats} times and the median is printed.
 */
public final class ExchangeApplyHarness {
  private static final TenantId TENANT = TenantId.parse("contoso.onmicrosoft.com");

  private ExchangeApplyHarness() {}

  /** What one run measured. */
  private record Result(long nanos, long cpuNanos, int requests) {}

  /** Runs the four configurations and prints one line each (medians of the repeats). */
  public static void main(String[] args) throws IOException {
    Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 20);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    TestPki pki = TestPki.create(3);
    TestCertificate root = pki.rootCa("Bench Root").keyType(KeyType.EC_P256).build();
    List<Bytes> pool = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pool.add(Bytes.copyOf(pki.leaf(root).keyType(KeyType.EC_P256).build().der()));
    }
    // warm-up: every configuration once, so that the JIT's work is mostly done before measuring
    run(pool, latency, 1, false, 40);
    run(pool, latency, 4, false, 200);
    run(pool, latency, 4, true, 1000);
    System.out.printf(
        Locale.ROOT,
        "latency %d ms per HTTP request; recipients/s (1 Set + 1 read-back each); median of %d%n",
        latency.toMillis(),
        repeats);
    for (boolean batch : new boolean[] {false, true}) {
      for (int c : new int[] {1, 4}) {
        int n = batch ? 1000 : 200;
        int perRequest = batch ? 10 : 1;
        double idealSeconds =
            2.0 * Math.ceil((double) n / (c * perRequest)) * latency.toMillis() / 1000.0;
        double[] ratios = new double[repeats];
        double[] cpuPerRequest = new double[repeats];
        for (int k = 0; k < repeats; k++) {
          Result r = run(pool, latency, c, batch, n);
          ratios[k] = idealSeconds / (r.nanos() / 1e9);
          cpuPerRequest[k] = r.cpuNanos() / 1e6 / r.requests();
        }
        double ratio = median(ratios);
        System.out.printf(
            Locale.ROOT,
            "concurrency %d, batch %-5s  N=%4d  %8.1f recipients/s  ideal %8.1f  ratio %.2f"
                + "  (runs %s)  JVM CPU %.2f ms per HTTP request%n",
            c,
            batch,
            n,
            n / idealSeconds * ratio,
            n / idealSeconds,
            ratio,
            format(ratios),
            median(cpuPerRequest));
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String format(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double d : values) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", d));
    }
    return b.toString();
  }

  /** The CPU time of this JVM so far, or 0 when the platform does not say. */
  private static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
  }

  private static Result run(
      List<Bytes> pool, Duration latency, int concurrency, boolean batch, int n)
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
      int requestsBefore = fake.requestCount();
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      ApplyOutcome out = client.apply(work, Optional.empty());
      long nanos = System.nanoTime() - start;
      long cpu = processCpuNanos() - cpuStart;
      if (!out.succeeded()) {
        throw new IllegalStateException("apply failed: " + out.failures().get(0));
      }
      return new Result(nanos, cpu, fake.requestCount() - requestsBefore);
    }
  }
}
