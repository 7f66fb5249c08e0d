package io.github.smimekit.core.internal.pkcs12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12Info;
import io.github.smimekit.core.Pkcs12ReadOptions;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.WrongPasswordException;
import io.github.smimekit.core.internal.Providers;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.util.ScryptConfig;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PBES2 with scrypt (RFC 7914 section 7) for shrouded key bags and encrypted safes, written by
 * Bouncy Castle's PKCS#12 builder and cross-checked with OpenSSL; and the six PBMAC1 examples of
 * RFC 9579 appendix A ({@code testdata/pkcs12/rfc9579}, password "1234").
 */
final class ScryptAndPbmac1Test {
  private static final TestPki PKI = TestPki.create(29L);
  private static final TestCertificate ROOT = PKI.rootCa("Scrypt Root").build();
  private static final TestCertificate LEAF =
      PKI.leaf(ROOT).email("erin@example.com").keyType(KeyType.EC_P256).build();
  private static final Path RFC9579 = Path.of("..", "testdata", "pkcs12", "rfc9579");

  private static OutputEncryptor scrypt(int n, int r, int p, char[] pw) throws Exception {
    return new JcePKCSPBEOutputEncryptorBuilder(
            new ScryptConfig.Builder(n, r, p).withSaltLength(16).build(),
            NISTObjectIdentifiers.id_aes256_CBC)
        .setProvider(Providers.bc())
        .build(pw);
  }

  private static byte[] scryptFile(int n, int r, int p, char[] pw) throws Exception {
    PKCS12SafeBagBuilder cert = new JcaPKCS12SafeBagBuilder(LEAF.certificate());
    cert.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString("erin"));
    cert.addBagAttribute(
        PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {7}));
    PKCS12SafeBagBuilder key = new JcaPKCS12SafeBagBuilder(LEAF.privateKey(), scrypt(n, r, p, pw));
    key.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString("erin"));
    key.addBagAttribute(
        PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {7}));
    PKCS12PfxPduBuilder b = new PKCS12PfxPduBuilder();
    b.addEncryptedData(
        scrypt(n, r, p, pw), new org.bouncycastle.pkcs.PKCS12SafeBag[] {cert.build()});
    b.addData(key.build());
    return b.build(
            new BcPKCS12MacCalculatorBuilder(
                new SHA256Digest(),
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)),
            pw)
        .getEncoded("DER");
  }

  @Test
  void read_scryptKeyAndSafe_returnsIdentityAndNamesScrypt() throws Exception {
    char[] pw = "scrypt-pass".toCharArray();
    byte[] p12 = scryptFile(1 << 14, 8, 1, pw);

    Pkcs12.Inspected read =
        Pkcs12.readAndInspect(p12, Password.of(pw), Pkcs12ReadOptions.defaults());

    Pkcs12Identity id = read.identity();
    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThat(id.privateKey().getEncoded()).isEqualTo(LEAF.privateKey().getEncoded());
    assertThat(read.info().encryptions())
        .extracting(Pkcs12Info.Encryption::target, Pkcs12Info.Encryption::scheme)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Pkcs12Info.Encryption.Target.SAFE, "PBES2 AES-256-CBC scrypt"),
            org.assertj.core.groups.Tuple.tuple(
                Pkcs12Info.Encryption.Target.KEY, "PBES2 AES-256-CBC scrypt"));
    assertThat(read.info().encryptions())
        .extracting(Pkcs12Info.Encryption::iterations)
        .containsOnly(1 << 14);
    assertThat(read.info().weak()).isFalse();
  }

  @Test
  void read_scryptWrongPassword_throwsWrongPassword() throws Exception {
    byte[] p12 = scryptFile(1 << 10, 8, 1, "right".toCharArray());
    // the MAC is checked first: a wrong password fails there
    assertThatThrownBy(() -> Pkcs12.read(p12, Password.of("wrong".toCharArray())))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  @Timeout(10)
  void read_scryptCostOverLimit_refusedBeforeWork() throws Exception {
    char[] pw = "p".toCharArray();
    // 128 * 2^14 * 8 * 1 = 16 MiB: over a 1 MiB limit
    byte[] p12 = scryptFile(1 << 14, 8, 1, pw);
    Pkcs12ReadOptions small = Pkcs12ReadOptions.builder().maxScryptMemory(1 << 20).build();
    assertThatThrownBy(() -> Pkcs12.read(p12, Password.of(pw), small))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("scrypt cost 128 * N * r * p = 16777216 bytes")
        .hasMessageContaining("N=16384, r=8, p=1")
        .hasMessageContaining("exceeds the limit of 1048576 bytes");
  }

  @Test
  void read_scryptFile_opensslAgrees(@TempDir Path dir) throws Exception {
    boolean openssl = toolWorks("openssl", "version");
    if (!openssl && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("openssl not on PATH, and CI=true: failing instead of skipping");
    }
    assumeTrue(openssl, "openssl not on PATH: skipped");
    char[] pw = "scrypt-pass".toCharArray();
    Path f = dir.resolve("scrypt.p12");
    Files.write(f, scryptFile(1 << 14, 8, 1, pw));
    Process p =
        new ProcessBuilder(
                "openssl",
                "pkcs12",
                "-in",
                f.toString(),
                "-passin",
                "pass:scrypt-pass",
                "-info",
                "-nodes")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("scrypt").contains("BEGIN CERTIFICATE").contains("BEGIN PRIVATE KEY");
    assertThat(Pkcs12.readCertificatesOnly(Files.readAllBytes(f), Password.of(pw)))
        .containsExactly(LEAF.certificate());
  }

  private static boolean toolWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static byte[] vector(String name) throws Exception {
    String b64 = Files.readString(RFC9579.resolve(name + ".b64"), StandardCharsets.US_ASCII);
    return Base64.getMimeDecoder().decode(b64);
  }

  private static Password rfcPassword() {
    return Password.of("1234".toCharArray());
  }

  @ParameterizedTest(name = "RFC 9579 {0}")
  @ValueSource(strings = {"a1", "a2", "a3"})
  void rfc9579_validExamples_verifyAndRead(String name) throws Exception {
    byte[] p12 = vector(name);
    Pkcs12.Inspected read = Pkcs12.readAndInspect(p12, rfcPassword(), Pkcs12ReadOptions.defaults());
    assertThat(read.info().mac()).isPresent();
    assertThat(read.info().mac().get().algorithm()).startsWith("PBMAC1 ");
    assertThat(read.info().mac().get().iterations()).isEqualTo(2048);
    assertThat(read.identity().certificate().getSubjectX500Principal().getName()).isNotEmpty();
    assertThat(read.info().certificates()).hasSize(1);
  }

  @Test
  void rfc9579_macNames_followTheAppendix() throws Exception {
    assertThat(Pkcs12.inspect(vector("a1"), rfcPassword()).mac().get().algorithm())
        .isEqualTo("PBMAC1 HMAC-SHA256 PBKDF2-HMAC-SHA256");
    assertThat(Pkcs12.inspect(vector("a2"), rfcPassword()).mac().get().algorithm())
        .isEqualTo("PBMAC1 HMAC-SHA256 PBKDF2-HMAC-SHA512");
    assertThat(Pkcs12.inspect(vector("a3"), rfcPassword()).mac().get().algorithm())
        .isEqualTo("PBMAC1 HMAC-SHA512 PBKDF2-HMAC-SHA512");
  }

  @Test
  void rfc9579_a4IncorrectIterationCount_refused() throws Exception {
    // the PBKDF2 iteration count (2049) is the one used; MacData's (2048) is ignored
    assertThatThrownBy(() -> Pkcs12.inspect(vector("a4"), rfcPassword()))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void rfc9579_a5IncorrectSalt_refused() throws Exception {
    // the PBKDF2 salt ("NOT USED") is the one used; MacData's salt is ignored
    assertThatThrownBy(() -> Pkcs12.inspect(vector("a5"), rfcPassword()))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void rfc9579_a6MissingKeyLength_refusedAsMalformed() throws Exception {
    assertThatThrownBy(() -> Pkcs12.inspect(vector("a6"), rfcPassword()))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("lack the key length (RFC 9579 requires it)");
  }
}
