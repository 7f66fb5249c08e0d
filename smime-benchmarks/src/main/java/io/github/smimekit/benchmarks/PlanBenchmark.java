package io.github.smimekit.benchmarks;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.exchange.DesiredRecipient;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.IssuingCa;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.Planner;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.exchange.TenantState;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Planning the publication of {@link #recipients} mailboxes with two certificates each (a renewal:
 * the tenant holds the older one) against just parsing those certificates' DER, in one run. The
 * plan parses the same DER, then deduplicates, checks S/MIME fitness, builds every chain to the
 * planned issuing-CA store (an ECDSA signature check per certificate) and computes the operations.
 * Target: planning at most 1.5 times the parsing.
 *
 * <pre>
 * mvn -B -q -Dspotless.check.skip -pl smime-benchmarks -am package -DskipTests
 * java -jar smime-benchmarks/target/benchmarks.jar PlanBenchmark -f 1 -wi 1 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanBenchmark {
  /** Recipients in the desired state. */
  @Param({"10000"})
  public int recipients;

  private final List<Bytes> der = new ArrayList<>();
  private TenantState current = TenantState.empty();
  private List<X509Certificate> cas = List.of();
  private Instant now = Instant.EPOCH;

  /** Makes the certificates: EC leaves of one issuing CA, one key pair shared (seed 11). */
  @Setup
  public void makeState() {
    TestPki pki = TestPki.create(11L);
    now = pki.now();
    TestCertificate root = pki.rootCa("Benchmark Root CA").keyType(KeyType.EC_P256).build();
    TestCertificate issuing =
        pki.intermediateCa("Benchmark Issuing CA", root).keyType(KeyType.EC_P256).build();
    TestCertificate first =
        pki.leaf(issuing).keyType(KeyType.EC_P256).email("user0@example.com").build();
    List<TenantRecipient> held = new ArrayList<>();
    for (int i = 0; i < recipients; i++) {
      String email = "user" + i + "@example.com";
      TestCertificate older =
          pki.leaf(issuing)
              .keyPair(first.keyPair())
              .email(email)
              .validity(now.minus(Duration.ofDays(200)), now.plus(Duration.ofDays(165)))
              .build();
      TestCertificate newer =
          pki.leaf(issuing)
              .keyPair(first.keyPair())
              .email(email)
              .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(364)))
              .build();
      der.add(Bytes.copyOf(older.der()));
      der.add(Bytes.copyOf(newer.der()));
      held.add(
          new TenantRecipient(
              RecipientType.MAILBOX,
              email,
              email,
              List.of(),
              List.of(Bytes.copyOf(older.der())),
              List.of()));
    }
    cas = List.of(root.certificate(), issuing.certificate());
    current =
        new TenantState(held, Optional.of(SerializedStore.builder().addAll(cas).build().encode()));
    Plan plan = plan();
    if (plan.operations().size() != recipients || plan.hasBlocked()) {
      throw new IllegalStateException("unexpected plan: " + plan.operations().size());
    }
  }

  /** The baseline: parse every certificate. */
  @Benchmark
  public List<X509Certificate> parseCertificates() {
    List<X509Certificate> out = new ArrayList<>(der.size());
    for (Bytes b : der) {
      out.add(Certificates.readOne(b));
    }
    return out;
  }

  /** Parse the same certificates, then plan. */
  @Benchmark
  public Plan plan() {
    List<X509Certificate> certs = parseCertificates();
    List<DesiredRecipient> desired = new ArrayList<>(recipients);
    for (int i = 0; i < recipients; i++) {
      desired.add(
          DesiredRecipient.of(
              RecipientType.MAILBOX,
              "user" + i + "@example.com",
              List.of(certs.get(2 * i), certs.get(2 * i + 1))));
    }
    DesiredState state = new DesiredState(desired, Optional.of(new IssuingCa.Listed(cas)));
    return Planner.plan(state, current, PlanOptions.at(now));
  }
}
