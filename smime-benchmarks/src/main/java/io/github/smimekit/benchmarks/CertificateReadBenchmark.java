package io.github.smimekit.benchmarks;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * Reading a PEM bundle of 500 certificates: {@code Certificates.read} (content sniffing, PEM
 * validation, JDK certificate factory) against the JDK's {@code
 * CertificateFactory.generateCertificates} on the same bytes.
 *
 * <pre>
 * mvn -B -q -Dsmime.target=target-h2 -Dspotless.check.skip -pl smime-benchmarks -am package -DskipTests
 * java -jar smime-benchmarks/target-h2/benchmarks.jar CertificateReadBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CertificateReadBenchmark {
  /**
   * Certificates in the bundle ({@code -p count=1000} for a larger one). Both sides end in the
   * JDK's {@code generateCertificates}: smimekit first detects the encoding and validates every PEM
   * block (label, END line, base64 alphabet), then hands the run of blocks to the JDK factory, so
   * the difference is the cost of that validation.
   */
  @Param({"500"})
  public int count;

  private byte[] pemBundle = new byte[0];

  /** Makes the bundle: {@link #count} EC leaves of one test CA, deterministic (seed 7). */
  @Setup
  public void makeBundle() throws CertificateException {
    TestPki pki = TestPki.create(7L);
    TestCertificate ca = pki.rootCa("Benchmark CA").keyType(KeyType.EC_P256).build();
    TestCertificate first =
        pki.leaf(ca).keyType(KeyType.EC_P256).email("user0@example.com").build();
    StringBuilder pem = new StringBuilder();
    pem.append(first.pem());
    for (int i = 1; i < count; i++) {
      pem.append(
          pki.leaf(ca).keyPair(first.keyPair()).email("user" + i + "@example.com").build().pem());
    }
    pemBundle = pem.toString().getBytes(StandardCharsets.US_ASCII);
    if (smimekitRead().size() != count || jdkGenerateCertificates().size() != count) {
      throw new IllegalStateException("bundle does not hold " + count + " certificates");
    }
  }

  /** Ours: detection, PEM scan, base64, JDK factory per certificate. */
  @Benchmark
  public List<X509Certificate> smimekitRead() {
    return Certificates.read(pemBundle);
  }

  /** The JDK alone on the same bytes. */
  @Benchmark
  public List<X509Certificate> jdkGenerateCertificates() throws CertificateException {
    Collection<? extends Certificate> certs =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pemBundle));
    List<X509Certificate> out = new ArrayList<>(certs.size());
    for (Certificate c : certs) {
      out.add((X509Certificate) c);
    }
    return out;
  }
}
