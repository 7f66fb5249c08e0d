package io.github.smimekit.benchmarks;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreEntry;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The full {@code .sst} read against the JDK decoding the same DER, measured in pairs: one JVM
 * alternates short rounds of {@link SstBenchmark#readFull} and {@link SstBenchmark#jdkDecodeOnly}
 * (the same inputs, the same loops) and reports the median of the per-pair ratios.
 *
 * <p>Why: JMH runs the two benchmarks one after the other, in separate forks, so on a shared
 * machine whose speed drifts (the 2-core build machine ran the JDK's own loop at 6,800 µs in one
 * run and 11,400 µs in the next) a single-fork ratio says more about the drift than about smimekit.
 * A pair of rounds a second apart sees the same machine, so the drift cancels out of its ratio.
 * JMH's {@code SstBenchmark} stays the measurement of record; this harness separates the code's
 * cost from the machine's noise.
 *
 * <p>Each round runs one side for about {@code roundMillis} of wall-clock time; the order within a
 * pair alternates, and the first quarter of the pairs warms up and is dropped. Besides wall-clock
 * time it prints the CPU time of the measuring thread, which time the hypervisor gives to other
 * machines does not inflate.
 *
 * <p>Run: {@code java -cp smime-benchmarks/target/benchmarks.jar
 * io.github.smimekit.benchmarks.SstReadPairedHarness [pairs [roundMillis]]} (defaults 40 and 500).
 */
public final class SstReadPairedHarness {
  private static volatile Object sink = new Object(); // what each loop made last, kept live

  private SstReadPairedHarness() {}

  /**
   * Runs the pairs and prints the ratios.
   *
   * @param args optional pairs and round length in milliseconds
   * @throws CertificateException if the JDK has no X.509 factory
   */
  public static void main(String[] args) throws CertificateException {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    long roundNanos = (args.length > 1 ? Long.parseLong(args[1]) : 500) * 1_000_000L;
    if (pairs < 4 || roundNanos <= 0) {
      throw new IllegalArgumentException("need at least 4 pairs and a positive round length");
    }
    SstBenchmark inputs = new SstBenchmark();
    inputs.setUp();
    List<Bytes> files = inputs.files();
    List<byte[]> certificates = inputs.certificateDers();
    CertificateFactory.getInstance("X.509"); // the provider is loaded outside the rounds
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    int warmup = pairs / 4;
    List<double[]> wall = new ArrayList<>(); // per kept pair: {smimekit, jdk} µs per operation
    List<double[]> cpu = new ArrayList<>();
    for (int pair = 0; pair < pairs; pair++) {
      double[] w = new double[2];
      double[] c = new double[2];
      for (int k = 0; k < 2; k++) {
        int side = (pair % 2 == 0) ? k : 1 - k; // alternate which side goes first
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long ops = 0;
        long elapsed;
        do {
          if (side == 0) {
            readFull(files);
          } else {
            jdkDecodeOnly(certificates);
          }
          ops++;
          elapsed = System.nanoTime() - t0;
        } while (elapsed < roundNanos);
        w[side] = elapsed / 1000.0 / ops;
        c[side] = (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / ops;
      }
      if (pair >= warmup) {
        wall.add(w);
        cpu.add(c);
      }
    }
    if (!(sink instanceof X509Certificate)) {
      throw new IllegalStateException("the loops decoded nothing");
    }
    System.out.printf(
        Locale.ROOT,
        "%d pairs of %d ms rounds (%d kept): readFull vs jdkDecodeOnly, µs per operation%n",
        pairs,
        roundNanos / 1_000_000L,
        wall.size());
    report("wall-clock", wall);
    report("thread CPU", cpu);
  }

  private static void report(String what, List<double[]> pairs) {
    double[] ours = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] jdk = pairs.stream().mapToDouble(p -> p[1]).toArray();
    double[] ratio = pairs.stream().mapToDouble(p -> p[0] / p[1]).toArray();
    System.out.printf(
        Locale.ROOT,
        "%-10s readFull median %,.0f, jdkDecodeOnly median %,.0f; ratio median %.3f"
            + " (quartiles %.3f to %.3f, min %.3f, max %.3f)%n",
        what,
        quantile(ours, 0.5),
        quantile(jdk, 0.5),
        quantile(ratio, 0.5),
        quantile(ratio, 0.25),
        quantile(ratio, 0.75),
        quantile(ratio, 0),
        quantile(ratio, 1));
  }

  private static double quantile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[(int) Math.round(q * (v.length - 1))];
  }

  /** The loop of {@link SstBenchmark#readFull}. */
  private static void readFull(List<Bytes> files) {
    for (Bytes f : files) {
      for (StoreEntry e : SerializedStore.read(f).entries()) {
        if (e.isCertificate()) {
          sink = e.certificate();
        }
      }
    }
  }

  /** The loop of {@link SstBenchmark#jdkDecodeOnly}. */
  private static void jdkDecodeOnly(List<byte[]> certificates) {
    try {
      for (byte[] der : certificates) {
        sink =
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
      }
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }
}
