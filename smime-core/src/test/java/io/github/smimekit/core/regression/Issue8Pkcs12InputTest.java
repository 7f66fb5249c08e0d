package io.github.smimekit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12Info;
import io.github.smimekit.core.Pkcs12Protection;
import io.github.smimekit.core.Pkcs12ReadOptions;
import io.github.smimekit.core.ReadLimits;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, section 1: PKCS#12 limits are checked on the encoding before objects are built, nesting
 * is bounded before any parser recurses, and every file read is bounded while reading (also for
 * {@code /dev/zero} and FIFOs, whose size the file system reports as 0). Inputs are built at test
 * time.
 */
final class Issue8Pkcs12InputTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] DATA_OID = HEX.parseHex("06092a864886f70d010701");
  private static final byte[] CERT_BAG_OID = HEX.parseHex("060b2a864886f70d010c0a0103");
  private static final byte[] X509_OID = HEX.parseHex("060a2a864886f70d01091601");

  private static TestCertificate ca;
  private static TestCertificate leaf;

  @BeforeAll
  static void pki() {
    TestPki pki = TestPki.create(81L);
    ca = pki.rootCa("Issue 8 P12 CA").keyType(KeyType.EC_P256).build();
    leaf = pki.leaf(ca).keyType(KeyType.EC_P256).email("alice@example.com").build();
  }

  /** A PFX without a MAC whose authenticated safe is {@code contentInfos} (already encoded). */
  static byte[] pfxWithoutMac(byte[] contentInfos) {
    byte[] authSafe = Crafted.tlv(0x30, contentInfos);
    return Crafted.tlv(
        0x30,
        HEX.parseHex("020103"),
        Crafted.tlv(0x30, DATA_OID, Crafted.tlv(0xa0, Crafted.tlv(0x04, authSafe))));
  }

  /** A data ContentInfo holding the SafeContents of {@code bags}. */
  static byte[] dataSafe(byte[] bags) {
    return Crafted.tlv(
        0x30, DATA_OID, Crafted.tlv(0xa0, Crafted.tlv(0x04, Crafted.tlv(0x30, bags))));
  }

  static byte[] certBag(byte[] der) {
    return Crafted.tlv(
        0x30,
        CERT_BAG_OID,
        Crafted.tlv(0xa0, Crafted.tlv(0x30, X509_OID, Crafted.tlv(0xa0, Crafted.tlv(0x04, der)))));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void read_900kEmptyContentInfosWithoutMac_refusedBeforeTheyAreBuilt() {
    byte[] empty = Crafted.tlv(0x30, DATA_OID, Crafted.tlv(0xa0, HEX.parseHex("0400")));
    ByteArrayOutputStream infos = new ByteArrayOutputStream(900_000 * empty.length);
    for (int i = 0; i < 900_000; i++) {
      infos.writeBytes(empty);
    }
    byte[] pfx = pfxWithoutMac(infos.toByteArray());
    assertThat(pfx.length).isGreaterThan(15_000_000);
    assertThatThrownBy(() -> Pkcs12.read(pfx, Password.of("x")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "PKCS#12 authenticated safe: more than 68096 DER elements (64 per bag of the limit of"
                + " 1000 bags)");
    // fewer, within the element budget: the count of content infos on the encoding refuses them
    ByteArrayOutputStream few = new ByteArrayOutputStream();
    for (int i = 0; i < 1001; i++) {
      few.writeBytes(empty);
    }
    assertThatThrownBy(() -> Pkcs12.read(pfxWithoutMac(few.toByteArray()), Password.of("x")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "PKCS#12 authenticated safe: more than 1000 safes and bags (limit): 1001 content infos"
                + " follow");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void read_manyAttributesInOneBag_refusedByTheElementBudget() {
    ByteArrayOutputStream attrs = new ByteArrayOutputStream();
    byte[] attr = Crafted.tlv(0x30, HEX.parseHex("06032a0304"), Crafted.tlv(0x31));
    for (int i = 0; i < 100_000; i++) {
      attrs.writeBytes(attr);
    }
    byte[] bag =
        Crafted.tlv(
            0x30,
            CERT_BAG_OID,
            Crafted.tlv(0xa0, Crafted.tlv(0x30, X509_OID, Crafted.tlv(0xa0, HEX.parseHex("0400")))),
            Crafted.tlv(0x31, attrs.toByteArray()));
    byte[] pfx = pfxWithoutMac(dataSafe(bag));
    assertThatThrownBy(() -> Pkcs12.read(pfx, Password.of("x")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("DER elements (64 per bag of the limit of 1000 bags)");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void read_certificateBagNested10000LevelsWithoutMac_throwsFormatExceptionNotStackOverflow() {
    for (byte[] deep : List.of(Crafted.deepIndefinite(10_000), Crafted.deepDefinite(10_000))) {
      byte[] tbs = Crafted.tbsWithRawIssuer(leaf, Crafted.nameWithValue(deep));
      byte[] cert =
          Crafted.sign(
              tbs,
              org.bouncycastle.asn1.x509.Certificate.getInstance(leaf.der())
                  .getSignatureAlgorithm(),
              leaf.certificate(),
              ca.privateKey());
      byte[] pfx = pfxWithoutMac(dataSafe(certBag(cert)));
      assertThatThrownBy(() -> Pkcs12.readCertificatesOnly(pfx, Password.of("x")))
          .isInstanceOf(SmimeFormatException.class)
          .hasMessage("PKCS#12 safe #0 bag #0: BER/DER nested deeper than 64 levels");
    }
  }

  @Test
  void readAndInspect_givesWhatReadAndInspectGive() {
    Password pw = Password.of("secret");
    Bytes pfx =
        Pkcs12.encode(
            leaf.privateKey(),
            leaf.certificate(),
            List.of(ca.certificate()),
            "alice",
            pw,
            Pkcs12Protection.MODERN,
            new SecureRandom(new byte[] {1}));
    byte[] data = pfx.toByteArray();
    Pkcs12.Inspected both = Pkcs12.readAndInspect(data, pw, Pkcs12ReadOptions.defaults());
    Pkcs12Identity identity = Pkcs12.read(data, pw);
    Pkcs12Info info = Pkcs12.inspect(data, pw);
    assertThat(both.identity().certificate()).isEqualTo(identity.certificate());
    assertThat(both.identity().chain()).isEqualTo(identity.chain());
    assertThat(both.identity().privateKey()).isEqualTo(identity.privateKey());
    assertThat(both.info()).isEqualTo(info);
  }

  // --- reads bounded while reading ----------------------------------------------------------

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void readsOfDevZero_areBoundedWhileReading() throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "no /dev/zero on this system");
    assertThatThrownBy(() -> Bytes.read(zero, 1000))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("/dev/zero: over the limit of 1000 bytes");
    assertThatThrownBy(
            () -> Certificates.read(zero, ReadLimits.defaults().withMaxInputBytes(100_000)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("/dev/zero: over the limit of 100000 bytes");
    assertThatThrownBy(
            () ->
                Pkcs12.read(
                    zero,
                    Password.of("x"),
                    Pkcs12ReadOptions.builder()
                        .limits(ReadLimits.defaults().withMaxInputBytes(100_000))
                        .build()))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("/dev/zero: over the limit of 100000 bytes");
    assertThatThrownBy(() -> Password.readUtf8(zero, 4096))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("/dev/zero: over the limit of 4096 bytes");
    assertThatThrownBy(() -> CertificatePool.load(zero))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("over the limit of");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void readsOfAFifo_areBoundedWhileReading(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(!"true".equals(System.getenv("CI")), "mkfifo is required when CI=true");
      assumeTrue(false, "mkfifo is not available: " + e.getMessage());
      return;
    }
    assertThat(mk.waitFor()).isZero();
    assertThat(Files.size(fifo)).isZero(); // what a size check before reading would have trusted
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] chunk = new byte[8192];
                for (int i = 0; i < 64; i++) {
                  out.write(chunk);
                }
              } catch (IOException e) {
                // the reader stopped reading: expected
              }
            });
    writer.setDaemon(true);
    writer.start();
    assertThatThrownBy(() -> Password.readUtf8(fifo, 4096))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(fifo + ": over the limit of 4096 bytes");
    writer.join(10_000);
  }
}
