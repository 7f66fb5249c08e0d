package io.github.smimekit.benchmarks;

import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.IssuingCaCertificates;
import io.github.smimekit.testing.CrowdedPools;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Chain building: {@link ChainResolver} vs the JDK's PKIX {@code CertPathBuilder} with a {@code
 * CollectionCertStore}, on the same inputs, in one run.
 *
 * <p>Inputs: the Windows root store {@code testdata/sst/windows/GeekDuanLian-..._root.sst} (its
 * certificates read by a tiny framing loop here, so the benchmark measures chain building only),
 * plus a generated PKI (2 RSA roots, 12 RSA intermediates with cross-certificates and a renewed CA
 * of the same name, 1,000 leaves). Trust anchors: every Windows root and the 2 generated roots.
 * Pool (~500 CA certificates): every Windows root and the generated intermediates. Revocation off,
 * same validation date.
 *
 * <ul>
 *   <li>{@link #resolverWarm} vs {@link #jdkWarm}: resolving the 1,000 leaves with one resolver /
 *       one set of JDK parameters (score per resolution).
 *   <li>{@link #resolverCold} vs {@link #jdkCold} (single shot): one resolution from freshly
 *       decoded certificates, including building the resolver (indexing the pool) or the JDK trust
 *       anchors and store.
 *   <li>{@link #resolverHostilePool} vs {@link #resolverBenignPool} vs {@link #jdkBenignPool}: one
 *       user whose issuing CA's name is shared by 1,000 other CA certificates with 3072-bit RSA
 *       keys, with public exponents of 3071 bits (hostile) or 65537 (benign); a fresh resolver per
 *       invocation, so no link is cached. The hostile pool must cost no more than the benign one
 *       (the JDK takes seconds per resolution on the hostile pool, so it runs on the benign one).
 *   <li>{@link #issuingCasHostilePool20Users} vs {@link #issuingCasBenignPool20Users}: {@code
 *       issuingCaCertificates} for 20 users of that issuing CA on one fresh resolver per invocation
 *       (score per call of 20 users).
 * </ul>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainBenchmark {
  private static final int LEAVES = 1000;

  private List<X509Certificate> anchors;
  private List<X509Certificate> pool;
  private List<X509Certificate> leaves;
  private Instant at;
  private ChainResolver resolver;
  private Set<TrustAnchor> trustAnchors;
  private List<CertStore> jdkStores;

  private byte[][] anchorDer;
  private byte[][] poolDer;
  private byte[] coldLeafDer;

  /** Reads the root store, generates the PKI, and checks both sides build every chain. */
  @Setup
  public void setUp() throws Exception {
    List<X509Certificate> windowsRoots = readSstCertificates(testData());
    TestPki pki = TestPki.create(4242L);
    at = pki.now();
    TestCertificate rootA = pki.rootCa("Bench Root A").keyType(KeyType.RSA_2048).build();
    TestCertificate rootB = pki.rootCa("Bench Root B").keyType(KeyType.RSA_2048).build();
    List<TestCertificate> issuing = new ArrayList<>();
    List<X509Certificate> generated = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      TestCertificate root = i % 2 == 0 ? rootA : rootB;
      TestCertificate ica =
          pki.intermediateCa("Bench Issuing CA " + i, root).keyType(KeyType.RSA_2048).build();
      issuing.add(ica);
      generated.add(ica.certificate());
    }
    // cross-certificates of two issuing CAs by the other root
    generated.add(pki.crossSign(issuing.get(0), rootB).certificate());
    generated.add(pki.crossSign(issuing.get(1), rootA).certificate());
    // a policy CA level and a renewed CA with the same name and a new key
    TestCertificate policy = pki.intermediateCa("Bench Policy CA", rootA).build();
    generated.add(policy.certificate());
    TestCertificate sub = pki.intermediateCa("Bench Sub CA", policy).build();
    generated.add(sub.certificate());
    issuing.add(sub);
    TestCertificate renewed = pki.renew(issuing.get(2)).build();
    generated.add(renewed.certificate());
    issuing.add(renewed);
    leaves = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      TestCertificate issuer = issuing.get(i % issuing.size());
      leaves.add(
          pki.leaf(issuer)
              .keyType(KeyType.EC_P256)
              .email("user" + i + "@example.com")
              .build()
              .certificate());
    }
    anchors = new ArrayList<>(windowsRoots);
    anchors.add(rootA.certificate());
    anchors.add(rootB.certificate());
    pool = new ArrayList<>(windowsRoots);
    pool.addAll(generated);

    resolver = ChainResolver.builder().trustAnchors(anchors).intermediates(pool).build();
    trustAnchors = new HashSet<>();
    for (X509Certificate a : anchors) {
      trustAnchors.add(new TrustAnchor(a, null));
    }
    jdkStores = new ArrayList<>();
    for (X509Certificate leaf : leaves) {
      List<X509Certificate> store = new ArrayList<>(pool);
      store.add(leaf);
      jdkStores.add(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
    }
    for (int i = 0; i < LEAVES; i++) {
      if (!resolver.resolve(leaves.get(i), at).isValid()) {
        throw new IllegalStateException("resolver: no chain for leaf " + i);
      }
      jdkBuild(trustAnchors, jdkStores.get(i), leaves.get(i));
    }
    anchorDer = encode(anchors);
    poolDer = encode(pool);
    coldLeafDer = leaves.get(LEAVES / 2).getEncoded();
    System.out.printf(
        "%nanchors=%d pool=%d (windows roots %d) leaves=%d%n",
        anchors.size(), pool.size(), windowsRoots.size(), leaves.size());
  }

  /** smimekit: resolve the 1,000 leaves (score per resolution). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(LEAVES)
  public void resolverWarm(Blackhole bh) {
    for (X509Certificate leaf : leaves) {
      ChainResult r = resolver.resolve(leaf, at);
      bh.consume(r);
    }
  }

  /** JDK: CertPathBuilder("PKIX") with a CollectionCertStore, the 1,000 leaves. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(LEAVES)
  public void jdkWarm(Blackhole bh) throws Exception {
    for (int i = 0; i < LEAVES; i++) {
      bh.consume(jdkBuild(trustAnchors, jdkStores.get(i), leaves.get(i)));
    }
  }

  /** Freshly decoded inputs for one cold resolution (no signature or index caches). */
  @State(Scope.Thread)
  public static class Cold {
    List<X509Certificate> anchors;
    List<X509Certificate> pool;
    X509Certificate leaf;

    /** Decodes the inputs again before every invocation. */
    @Setup(Level.Invocation)
    public void decode(ChainBenchmark b) throws CertificateException {
      anchors = decodeAll(b.anchorDer);
      pool = decodeAll(b.poolDer);
      leaf = decodeAll(new byte[][] {b.coldLeafDer}).get(0);
    }
  }

  /** smimekit, cold: build the resolver (index ~500 certificates) and resolve one leaf. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public ChainResult resolverCold(Cold c) {
    return ChainResolver.builder()
        .trustAnchors(c.anchors)
        .intermediates(c.pool)
        .build()
        .resolve(c.leaf, at);
  }

  /** 1,000 CA certificates with the name of the user's issuing CA, and the users. */
  @State(Scope.Benchmark)
  public static class Crowded {
    static final int SIZE = 1000;
    static final int USERS = 20;
    List<X509Certificate> hostile;
    List<X509Certificate> benign;
    X509Certificate root;
    X509Certificate user;
    List<X509Certificate> users;
    Instant now;
    Set<TrustAnchor> jdkAnchors;
    CertStore jdkBenignStore;

    /** Crafts the pools ({@link CrowdedPools}): every verification really exponentiates. */
    @Setup
    public void craft() throws Exception {
      CrowdedPools pki = CrowdedPools.create(3071);
      now = pki.now();
      root = pki.root();
      hostile = new ArrayList<>(pki.hostilePool(SIZE));
      benign = new ArrayList<>(pki.benignPool(SIZE));
      users = new ArrayList<>();
      for (int i = 0; i < USERS; i++) {
        users.add(pki.user("crowded user " + i));
      }
      user = users.get(0);
      jdkAnchors = Set.of(new TrustAnchor(root, null));
      List<X509Certificate> store = new ArrayList<>(benign);
      store.add(pki.issuing());
      store.add(user);
      jdkBenignStore =
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(store));
      hostile.add(pki.issuing());
      benign.add(pki.issuing());
    }
  }

  /** A fresh resolver over each crowded pool for every invocation (nothing cached). */
  @State(Scope.Thread)
  public static class CrowdedResolvers {
    ChainResolver hostile;
    ChainResolver benign;

    /** Builds the resolvers. */
    @Setup(Level.Invocation)
    public void build(Crowded p) {
      hostile = ChainResolver.builder().trustAnchors(p.root).intermediates(p.hostile).build();
      benign = ChainResolver.builder().trustAnchors(p.root).intermediates(p.benign).build();
    }
  }

  /** smimekit: one user against 1,000 same-name CAs with 3071-bit RSA exponents. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public ChainResult resolverHostilePool(Crowded p, CrowdedResolvers r) {
    return r.hostile.resolve(p.user, p.now);
  }

  /** smimekit: one user against 1,000 same-name CAs with exponent 65537. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public ChainResult resolverBenignPool(Crowded p, CrowdedResolvers r) {
    return r.benign.resolve(p.user, p.now);
  }

  /**
   * smimekit: the issuing-CA certificates for 20 users against the hostile pool, one fresh resolver
   * (links verified for one user are reused for the next).
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public IssuingCaCertificates issuingCasHostilePool20Users(Crowded p, CrowdedResolvers r) {
    return r.hostile.issuingCaCertificates(p.users, p.now);
  }

  /** smimekit: the issuing-CA certificates for 20 users against the benign pool. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public IssuingCaCertificates issuingCasBenignPool20Users(Crowded p, CrowdedResolvers r) {
    return r.benign.issuingCaCertificates(p.users, p.now);
  }

  /** JDK: CertPathBuilder("PKIX") on the benign crowded pool. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public PKIXCertPathBuilderResult jdkBenignPool(Crowded p) throws Exception {
    return jdkBuild(p.jdkAnchors, p.jdkBenignStore, p.user, p.now);
  }

  /** JDK, cold: trust anchors, store and builder from scratch, one leaf. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public PKIXCertPathBuilderResult jdkCold(Cold c) throws Exception {
    Set<TrustAnchor> ta = new HashSet<>();
    for (X509Certificate a : c.anchors) {
      ta.add(new TrustAnchor(a, null));
    }
    List<X509Certificate> store = new ArrayList<>(c.pool);
    store.add(c.leaf);
    return jdkBuild(
        ta, CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)), c.leaf);
  }

  private PKIXCertPathBuilderResult jdkBuild(
      Set<TrustAnchor> ta, CertStore store, X509Certificate leaf) throws Exception {
    return jdkBuild(ta, store, leaf, at);
  }

  private static PKIXCertPathBuilderResult jdkBuild(
      Set<TrustAnchor> ta, CertStore store, X509Certificate leaf, Instant at) throws Exception {
    X509CertSelector target = new X509CertSelector();
    target.setCertificate(leaf);
    PKIXBuilderParameters params = new PKIXBuilderParameters(ta, target);
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    params.addCertStore(store);
    try {
      return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
    } catch (CertPathBuilderException e) {
      throw new IllegalStateException("JDK: no path for " + leaf.getSubjectX500Principal(), e);
    }
  }

  private static byte[][] encode(List<X509Certificate> certs) throws CertificateException {
    byte[][] out = new byte[certs.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = certs.get(i).getEncoded();
    }
    return out;
  }

  private static List<X509Certificate> decodeAll(byte[][] ders) throws CertificateException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>(ders.length);
    for (byte[] d : ders) {
      out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(d)));
    }
    return out;
  }

  /**
   * The certificates of a Windows {@code .sst}: header (8 bytes), then elements {@code u32 id, u32
   * encoding, u32 length, value} little-endian until the 12-byte end marker; id 32 is a
   * certificate. Certificates the JDK cannot decode are skipped.
   */
  static List<X509Certificate> readSstCertificates(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    b.position(8);
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory cf;
    try {
      cf = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
    while (b.remaining() >= 12) {
      int id = b.getInt();
      b.getInt();
      int length = b.getInt();
      if (id == 0 || length < 0 || length > b.remaining()) {
        break;
      }
      byte[] value = new byte[length];
      b.get(value);
      if (id == 32) {
        try {
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(value)));
        } catch (CertificateException e) {
          // not decodable by the JDK: leave it out of both sides
        }
      }
    }
    return out;
  }

  private static Path testData() {
    String name = "GeekDuanLian-windows-cert-sync__root.sst";
    for (String c : new String[] {"testdata/sst/windows/", "../testdata/sst/windows/"}) {
      Path p = Path.of(c + name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new UncheckedIOException(
        new IOException(
            name + " not found under testdata/sst/windows (run from the repository root)"));
  }
}
