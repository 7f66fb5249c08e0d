package io.github.smimekit.benchmarks;

import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12Protection;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Opening a PKCS#12 identity (key + certificate + chain) written with {@link
 * Pkcs12Protection#MODERN} (AES-256-CBC / PBKDF2-HMAC-SHA256 2048 iterations, HMAC-SHA256 MAC):
 * {@link Pkcs12#read} against the JDK's {@code KeyStore.getInstance("PKCS12")} load + getKey +
 * getCertificateChain, on the same bytes. Both verify the MAC and run three key derivations (MAC,
 * certificate safe, key), which dominate the cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Pkcs12ReadBenchmark {
  private static final char[] PASSWORD = "benchmark-password".toCharArray();

  private byte[] pfx;
  private String alias;

  /** Writes the file once: RSA-2048 leaf with issuing CA and root. */
  @Setup
  public void setUp() throws Exception {
    TestPki pki = TestPki.create(1L);
    TestCertificate root = pki.rootCa("Bench Root").build();
    TestCertificate ica = pki.intermediateCa("Bench Issuing CA", root).build();
    TestCertificate leaf = pki.leaf(ica).email("bench@example.com").build();
    alias = "bench";
    pfx =
        Pkcs12.encode(
                leaf.privateKey(),
                leaf.certificate(),
                List.of(ica.certificate(), root.certificate()),
                alias,
                Password.of(PASSWORD),
                Pkcs12Protection.MODERN)
            .toByteArray();
  }

  /** smimekit: parse, verify the MAC, decrypt certificates and the key, build the chain. */
  @Benchmark
  public Pkcs12Identity smimekitRead() {
    return Pkcs12.read(pfx, Password.of(PASSWORD));
  }

  /** JDK: KeyStore load (MAC + certificates) + getKey (key) + getCertificateChain. */
  @Benchmark
  public void jdkKeyStore(Blackhole bh) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(pfx), PASSWORD);
    Key key = ks.getKey(alias, PASSWORD);
    Certificate[] chain = ks.getCertificateChain(alias);
    bh.consume(key);
    bh.consume(chain);
  }
}
