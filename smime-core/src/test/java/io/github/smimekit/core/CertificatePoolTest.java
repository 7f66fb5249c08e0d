package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CertificatePoolTest {
  private final TestPki pki = TestPki.create(8008L);
  private final TestCertificate root = pki.rootCa("Pool Root").keyType(KeyType.EC_P256).build();
  private final TestCertificate a =
      pki.intermediateCa("Pool A", root).keyType(KeyType.EC_P256).build();
  private final TestCertificate b =
      pki.intermediateCa("Pool B", root).keyType(KeyType.EC_P256).build();
  private final TestCertificate c =
      pki.intermediateCa("Pool C", root).keyType(KeyType.EC_P256).build();

  @Test
  void load_directoryOfMixedEncodings_allCertificatesDeduplicatedAndJunkSkipped(@TempDir Path dir)
      throws Exception {
    Files.write(dir.resolve("a.cer"), a.der());
    Files.writeString(dir.resolve("bundle.pem"), b.pem() + root.pem() + a.pem());
    byte[] p7b =
        CertificateFactory.getInstance("X.509")
            .generateCertPath(List.of(c.certificate(), root.certificate()))
            .getEncoded("PKCS7");
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.write(sub.resolve("c.p7b"), p7b);
    Files.writeString(dir.resolve("README.txt"), "partner CAs, see wiki", StandardCharsets.UTF_8);
    CertificatePool pool = CertificatePool.load(dir);
    assertThat(pool.certificates())
        .containsExactlyInAnyOrder(
            a.certificate(), b.certificate(), root.certificate(), c.certificate());
    assertThat(pool.skipped()).singleElement().asString().contains("README.txt");
    // directory order is by file name, so the same folder always gives the same pool
    assertThat(CertificatePool.load(dir).certificates()).isEqualTo(pool.certificates());
    ChainResolver r = ChainResolver.builder().trustAnchors(root.certificate()).pool(pool).build();
    TestCertificate leaf = pki.leaf(c).keyType(KeyType.EC_P256).build();
    assertThat(r.resolve(leaf.certificate(), pki.now()).isValid()).isTrue();
  }

  @Test
  void load_explicitFileWithoutCertificates_formatExceptionNamingFile(@TempDir Path dir)
      throws Exception {
    Path junk = dir.resolve("junk.cer");
    Files.writeString(junk, "not a certificate");
    assertThatThrownBy(() -> CertificatePool.load(junk))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("junk.cer");
  }

  @Test
  void builder_pluginReader_usedForRecognizedBytes() {
    byte[] magic = "FAKESTORE".getBytes(StandardCharsets.US_ASCII);
    CertificateBundleReader fake =
        new CertificateBundleReader() {
          @Override
          public String name() {
            return "fake";
          }

          @Override
          public boolean recognizes(Bytes data) {
            return data.startsWith(Bytes.copyOf(magic));
          }

          @Override
          public List<X509Certificate> readCertificates(Bytes data) {
            return List.of(a.certificate(), b.certificate());
          }
        };
    byte[] content = Arrays.copyOf(magic, magic.length + 4);
    CertificatePool pool =
        CertificatePool.builder()
            .readers(List.of(fake))
            .add(Bytes.copyOf(content), "store.fake")
            .add(Bytes.copyOf(c.der()), "c.cer")
            .build();
    assertThat(pool.certificates())
        .containsExactly(a.certificate(), b.certificate(), c.certificate());
    List<X509Certificate> viaOf = new ArrayList<>(pool.certificates());
    viaOf.add(a.certificate());
    assertThat(CertificatePool.of(viaOf).size()).isEqualTo(3);
  }

  /** A reader a jar could register in META-INF/services; the pool must never find it there. */
  public static final class ServiceRegisteredReader implements CertificateBundleReader {
    /** Creates the reader. */
    public ServiceRegisteredReader() {}

    @Override
    public String name() {
      return "planted";
    }

    @Override
    public boolean recognizes(Bytes data) {
      return data.startsWith(Bytes.copyOf("PLANTED".getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public List<X509Certificate> readCertificates(Bytes data) {
      throw new AssertionError("a service-registered reader was used");
    }
  }

  @Test
  void load_readerRegisteredAsService_neverUsed(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(CertificateBundleReader.class.getName()),
        ServiceRegisteredReader.class.getName() + "\n");
    Path planted = dir.resolve("store.planted");
    Files.write(planted, "PLANTED and more".getBytes(StandardCharsets.US_ASCII));
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    try (java.net.URLClassLoader cl =
        new java.net.URLClassLoader(
            new java.net.URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader())) {
      t.setContextClassLoader(cl);
      assertThat(java.util.ServiceLoader.load(CertificateBundleReader.class).stream())
          .as("the planted service is visible to ServiceLoader")
          .isNotEmpty();
      assertThatThrownBy(() -> CertificatePool.load(planted))
          .isInstanceOf(SmimeFormatException.class)
          .hasMessageContaining("store.planted");
      assertThatThrownBy(() -> CertificatePool.builder().add(planted))
          .isInstanceOf(SmimeFormatException.class);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Test
  void load_withExplicitReader_readsItsContainers(@TempDir Path dir) throws Exception {
    Path planted = dir.resolve("store.fake");
    Files.write(planted, "FAKESTORE".getBytes(StandardCharsets.US_ASCII));
    CertificateBundleReader fake =
        new CertificateBundleReader() {
          @Override
          public String name() {
            return "fake";
          }

          @Override
          public boolean recognizes(Bytes data) {
            return data.startsWith(Bytes.copyOf("FAKESTORE".getBytes(StandardCharsets.US_ASCII)));
          }

          @Override
          public List<X509Certificate> readCertificates(Bytes data) {
            return List.of(a.certificate());
          }
        };
    assertThat(CertificatePool.load(List.of(planted), List.of(fake)).certificates())
        .containsExactly(a.certificate());
    assertThatThrownBy(() -> CertificatePool.load(List.of(planted)))
        .isInstanceOf(SmimeFormatException.class);
  }
}
