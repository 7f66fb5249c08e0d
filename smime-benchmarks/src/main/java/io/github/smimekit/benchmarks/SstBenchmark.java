package io.github.smimekit.benchmarks;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreEntry;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Reading and writing {@code .sst} stores, each paired with its floor in the same run. Every input
 * is generated at setup from a seeded {@link TestPki} (nothing is read from disk).
 *
 * <ul>
 *   <li>Reading five stores of 300 certificates each with the {@code WINDOWS_EXPORT} properties and
 *       a friendly name (what the Windows root store files look like): {@link #readFramingOnly}
 *       (elements and properties, no X.509 decoding) vs {@link #copyInputFloor} (one {@code
 *       Arrays.copyOf} of the same bytes, the physical floor); {@link #readFull} (framing plus
 *       every certificate decoded) vs {@link #jdkDecodeOnly} (the JDK {@code CertificateFactory}
 *       decoding the same DER certificates from a list, a factory looked up per certificate as
 *       {@code Certificates} did before it shared one) and {@link #jdkDecodeOneFactory} (one
 *       factory for all, the JDK's ideal); {@link #coreReadDer} is smime-core's part of the full
 *       read alone ({@code Certificates.readDer}: nesting bound, JDK parser).
 *   <li>Writing a 5,000-certificate store with the {@code WINDOWS_EXPORT} properties: {@link
 *       #write5000ToArray} ({@code encode()}) and {@link #write5000ToStream} vs {@link
 *       #copyOutputFloor} (one copy of the output bytes). Run with {@code -prof gc} to see {@code
 *       gc.alloc.rate.norm} against the output size printed by setup.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SstBenchmark {
  private List<byte[]> files;
  private List<Bytes> fileBytes;
  private List<byte[]> certificates;
  private List<Bytes> certificateBytes;
  private CertificateFactory sharedFactory;
  private SerializedStore store5000;
  private byte[] output5000;

  /** Generates the five stores to read and the 5,000-certificate store to write. */
  @Setup
  public void setUp() {
    TestPki pki = TestPki.create(5000L);
    TestCertificate ca = pki.rootCa("Sst Bench Root").keyType(KeyType.EC_P256).build();
    List<X509Certificate> certs = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      certs.add(
          pki.intermediateCa("Sst Bench CA " + i, ca)
              .keyType(KeyType.EC_P256)
              .build()
              .certificate());
    }
    files = new ArrayList<>();
    fileBytes = new ArrayList<>();
    certificates = new ArrayList<>();
    certificateBytes = new ArrayList<>();
    long total = 0;
    for (int f = 0; f < 5; f++) {
      SerializedStore.Builder b = SerializedStore.builder(StoreProfile.WINDOWS_EXPORT);
      for (int i = f * 300; i < (f + 1) * 300; i++) {
        b.add(certs.get(i), "Sst Bench CA " + i);
      }
      Bytes encoded = b.build().encode();
      files.add(encoded.toByteArray());
      fileBytes.add(encoded);
      total += encoded.size();
      for (StoreEntry e : SerializedStore.read(encoded).certificateEntries()) {
        certificates.add(e.encoded().toByteArray());
        certificateBytes.add(e.encoded());
      }
    }
    try {
      sharedFactory = CertificateFactory.getInstance("X.509");
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
    store5000 = SerializedStore.of(certs, StoreProfile.WINDOWS_EXPORT);
    output5000 = store5000.encode().toByteArray();
    System.out.printf(
        "%nsst benchmark: 5 stores, %d bytes, %d certificates; 5,000-cert store: %d bytes%n",
        total, certificates.size(), output5000.length);
  }

  /** The five stores to read, as set up (for {@link SstReadPairedHarness}). */
  List<Bytes> files() {
    return fileBytes;
  }

  /** The DER of their certificates, as set up (for {@link SstReadPairedHarness}). */
  List<byte[]> certificateDers() {
    return certificates;
  }

  /** Floor: one plain copy of the input bytes. */
  @Benchmark
  public void copyInputFloor(Blackhole bh) {
    for (byte[] f : files) {
      bh.consume(Arrays.copyOf(f, f.length));
    }
  }

  /** smimekit: framing only (every element and property, no X.509 decoding). */
  @Benchmark
  public void readFramingOnly(Blackhole bh) {
    for (Bytes f : fileBytes) {
      bh.consume(SerializedStore.read(f));
    }
  }

  /** smimekit: framing plus every certificate decoded (through smime-core). */
  @Benchmark
  public void readFull(Blackhole bh) {
    for (Bytes f : fileBytes) {
      for (StoreEntry e : SerializedStore.read(f).entries()) {
        if (e.isCertificate()) {
          bh.consume(e.certificate());
        }
      }
    }
  }

  /** JDK: CertificateFactory decoding the same DER certificates from a list. */
  @Benchmark
  public void jdkDecodeOnly(Blackhole bh) throws Exception {
    for (byte[] der : certificates) {
      bh.consume(
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der)));
    }
  }

  /** JDK, ideally: one CertificateFactory decoding the same DER certificates. */
  @Benchmark
  public void jdkDecodeOneFactory(Blackhole bh) throws Exception {
    CertificateFactory f = sharedFactory;
    for (byte[] der : certificates) {
      bh.consume(f.generateCertificate(new ByteArrayInputStream(der)));
    }
  }

  /** smimekit: core's DER decoding alone (nesting bound, JDK parser, encoding check). */
  @Benchmark
  public void coreReadDer(Blackhole bh) {
    for (Bytes der : certificateBytes) {
      bh.consume(Certificates.readDer(der));
    }
  }

  /** smimekit: encode the 5,000-certificate store into one exactly sized array. */
  @Benchmark
  public Bytes write5000ToArray() {
    return store5000.encode();
  }

  /** smimekit: stream the 5,000-certificate store to a sink that keeps nothing. */
  @Benchmark
  public void write5000ToStream(Blackhole bh) throws IOException {
    OutputStream sink =
        new OutputStream() {
          @Override
          public void write(int b) {
            bh.consume(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            bh.consume(b);
          }
        };
    store5000.write(sink);
  }

  /** Floor: one plain copy of the 5,000-certificate output. */
  @Benchmark
  public byte[] copyOutputFloor() {
    return Arrays.copyOf(output5000, output5000.length);
  }
}
