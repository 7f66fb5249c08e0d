package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.RandomCertificates;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificate I/O: every encoding read back to the same certificate, every refusal with a message
 * naming what was found, writers, thumbprints and e-mail addresses. Certificates and containers are
 * made at test time with openssl (skipped without it, failing when {@code CI=true}) and {@link
 * TestPki}; real files come from the repository's {@code testdata/}.
 */
final class CertificatesTest {
  private static final Path TESTDATA = Path.of("../testdata");
  private static final boolean CI = "true".equals(System.getenv("CI"));

  @TempDir static Path dir;

  private static boolean openssl;
  private static X509Certificate alice;
  private static byte[] aliceDer;
  private static String alicePem;
  private static X509Certificate bob;

  @BeforeAll
  static void makeCertificates() throws Exception {
    openssl = toolWorks("openssl", "version");
    if (openssl) {
      run(
          "openssl",
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-keyout",
          "alice.key",
          "-out",
          "alice.pem",
          "-days",
          "30",
          "-subj",
          "/CN=Alice/emailAddress=alice.subject@example.com/emailAddress=ALICE@example.com",
          "-addext",
          "subjectAltName=email:alice@example.com,email:alice2@example.com",
          "-addext",
          "extendedKeyUsage=emailProtection");
      run(
          "openssl",
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-keyout",
          "bob.key",
          "-out",
          "bob.pem",
          "-days",
          "30",
          "-subj",
          "/CN=Bob");
      run("openssl", "x509", "-in", "alice.pem", "-outform", "DER", "-out", "alice.der");
      alicePem = Files.readString(dir.resolve("alice.pem"), StandardCharsets.US_ASCII);
      aliceDer = Files.readAllBytes(dir.resolve("alice.der"));
      alice = jdkRead(aliceDer).get(0);
      bob = jdkRead(Files.readAllBytes(dir.resolve("bob.pem"))).get(0);
    } else {
      List<X509Certificate> made = pkiCertificates(2);
      alice = made.get(0);
      bob = made.get(1);
      aliceDer = alice.getEncoded();
      alicePem = Certificates.encodePem(alice);
    }
  }

  // --- encodings read back to the same certificate ---------------------------------------------

  @Test
  void read_der_returnsTheCertificate() {
    assertThat(Certificates.read(aliceDer)).containsExactly(alice);
    assertThat(Certificates.detect(aliceDer)).isEqualTo(CertificateEncoding.DER);
    assertThat(Certificates.readOne(Bytes.copyOf(aliceDer))).isEqualTo(alice);
  }

  @Test
  void read_pemSingle_returnsTheCertificate() {
    byte[] pem = ascii(alicePem);
    assertThat(Certificates.read(pem)).containsExactly(alice);
    assertThat(Certificates.detect(pem)).isEqualTo(CertificateEncoding.PEM);
  }

  @Test
  void read_pemWithSurroundingTextCrlfAndBom_returnsTheCertificates() throws Exception {
    requireOpenssl();
    // what `openssl x509 -text` prints: a dump, then the PEM block; then another block after text
    String text = run("openssl", "x509", "-in", "alice.pem", "-text");
    String withCrlf =
        "Bag Attributes: friendlyName: alice\n"
            + text
            + "\nsome text between blocks\n"
            + Certificates.encodePem(bob)
            + "trailing text";
    byte[] bytes =
        concat(
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
            ascii(withCrlf.replace("\n", "\r\n")));
    assertThat(Certificates.read(bytes)).containsExactly(alice, bob);
    assertThat(Certificates.detect(bytes)).isEqualTo(CertificateEncoding.PEM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"X509 CERTIFICATE", "CERTIFICATE"})
  void read_pemLabels_returnTheCertificate(String label) {
    String pem = alicePem.replace("CERTIFICATE-----", label + "-----");
    assertThat(Certificates.read(ascii(pem))).containsExactly(alice);
  }

  @Test
  void read_trustedCertificatePem_returnsTheCertificateWithoutTrustSettings() throws Exception {
    requireOpenssl();
    String trusted =
        run("openssl", "x509", "-in", "alice.pem", "-trustout", "-addtrust", "emailProtection");
    assertThat(trusted).contains("-----BEGIN TRUSTED CERTIFICATE-----");
    assertThat(Certificates.read(ascii(trusted))).containsExactly(alice);
  }

  @Test
  void read_pemBundleOf500_returnsAllInOrder() throws Exception {
    List<X509Certificate> certs = pkiCertificates(500);
    byte[] bundle = ascii(Certificates.encodePem(certs));
    List<X509Certificate> read = Certificates.read(bundle);
    assertThat(read).hasSize(500).containsExactlyElementsOf(certs);
    assertThat(read).containsExactlyElementsOf(jdkRead(bundle));
  }

  @Test
  void read_concatenatedDer_returnsAllInOrder() throws Exception {
    byte[] two = concat(aliceDer, bob.getEncoded());
    assertThat(Certificates.read(two)).containsExactly(alice, bob);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 64, 76})
  void read_bareBase64_returnsTheCertificate(int lineLength) {
    String b64 = base64Lines(aliceDer, lineLength, "\r\n");
    assertThat(Certificates.read(ascii("  " + b64 + "\n"))).containsExactly(alice);
    assertThat(Certificates.detect(ascii(b64))).isEqualTo(CertificateEncoding.BASE64);
  }

  @Test
  void read_utf16leBase64WithBom_returnsTheCertificate() {
    byte[] data = utf16le(base64Lines(aliceDer, 64, "\r\n"), true);
    assertThat(Certificates.read(data)).containsExactly(alice);
    assertThat(Certificates.detect(data)).isEqualTo(CertificateEncoding.UTF16_BASE64);
  }

  @Test
  void read_utf16leBase64WithoutBom_returnsTheCertificate() {
    byte[] data = utf16le(base64Lines(aliceDer, 0, ""), false);
    assertThat(Certificates.read(data)).containsExactly(alice);
    assertThat(Certificates.detect(data)).isEqualTo(CertificateEncoding.UTF16_BASE64);
  }

  @Test
  void read_utf16lePemWithBomAndTrailingNul_returnsTheCertificate() {
    byte[] data =
        utf16le("Zertifikat f\u00fcr Alice\r\n" + alicePem.replace("\n", "\r\n") + "\0", true);
    assertThat(Certificates.read(data)).containsExactly(alice);
    assertThat(Certificates.detect(data)).isEqualTo(CertificateEncoding.UTF16_PEM);
  }

  @Test
  void read_utf16bePemWithBom_returnsTheCertificate() {
    byte[] data =
        concat(new byte[] {(byte) 0xfe, (byte) 0xff}, alicePem.getBytes(StandardCharsets.UTF_16BE));
    assertThat(Certificates.read(data)).containsExactly(alice);
  }

  @Test
  void read_pkcs7DerFromOpenssl_returnsCertificatesInOrder() throws Exception {
    requireOpenssl();
    run(
        "openssl",
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        "alice.pem",
        "-certfile",
        "bob.pem",
        "-outform",
        "DER",
        "-out",
        "ab.p7b");
    byte[] p7b = Files.readAllBytes(dir.resolve("ab.p7b"));
    assertThat(Certificates.read(p7b)).containsExactly(alice, bob);
    assertThat(Certificates.detect(p7b)).isEqualTo(CertificateEncoding.PKCS7_DER);
  }

  @Test
  void read_pkcs7PemFromOpenssl_returnsCertificates() throws Exception {
    requireOpenssl();
    String p7 =
        run("openssl", "crl2pkcs7", "-nocrl", "-certfile", "alice.pem", "-certfile", "bob.pem");
    assertThat(p7).startsWith("-----BEGIN PKCS7-----");
    assertThat(Certificates.read(ascii(p7))).containsExactly(alice, bob);
    assertThat(Certificates.detect(ascii(p7))).isEqualTo(CertificateEncoding.PKCS7_PEM);
    byte[] utf16 = utf16le(p7, true);
    assertThat(Certificates.read(utf16)).containsExactly(alice, bob);
    assertThat(Certificates.detect(utf16)).isEqualTo(CertificateEncoding.UTF16_PKCS7_PEM);
  }

  @Test
  void read_pkcs7Base64_returnsCertificates() {
    byte[] p7 = Certificates.encodePkcs7(List.of(alice, bob)).toByteArray();
    byte[] b64 = ascii(base64Lines(p7, 0, ""));
    assertThat(Certificates.read(b64)).containsExactly(alice, bob);
    assertThat(Certificates.detect(b64)).isEqualTo(CertificateEncoding.PKCS7_BASE64);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void read_cmsSignedMessage_returnsItsCertificates(boolean streamed) throws Exception {
    requireOpenssl();
    Files.writeString(dir.resolve("msg.txt"), "hello\n");
    String out = "signed-" + streamed + ".p7m";
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "openssl",
                "cms",
                "-sign",
                "-in",
                "msg.txt",
                "-signer",
                "alice.pem",
                "-inkey",
                "alice.key",
                "-certfile",
                "bob.pem",
                "-nodetach",
                "-outform",
                "DER",
                "-out",
                out));
    if (streamed) {
      cmd.add("-stream"); // indefinite lengths (BER): read through Bouncy Castle
    }
    run(cmd.toArray(new String[0]));
    byte[] p7m = Files.readAllBytes(dir.resolve(out));
    assertThat(p7m[1] == (byte) 0x80).isEqualTo(streamed);
    assertThat(Certificates.read(p7m)).containsExactlyInAnyOrder(alice, bob);
    assertThat(Certificates.detect(p7m)).isEqualTo(CertificateEncoding.PKCS7_DER);
  }

  @Test
  void read_pkcs7InsideCertificateLabel_returnsItsCertificates() {
    // the JDK's factory refuses this block; the full decode finds the PKCS#7 in it
    byte[] p7 = Certificates.encodePkcs7(List.of(alice, bob)).toByteArray();
    String pem =
        Certificates.encodePem(bob)
            + "-----BEGIN CERTIFICATE-----\n"
            + base64Lines(p7, 64, "\n")
            + "-----END CERTIFICATE-----\n";
    assertThat(Certificates.read(ascii(pem))).containsExactly(bob, alice, bob);
    assertThat(Certificates.detect(ascii(pem))).isEqualTo(CertificateEncoding.PEM);
  }

  @Test
  void read_pkcs7InFirstCertificateLabelThenCertificate_returnsAll() {
    // the JDK would read the first block as PKCS#7 and ignore the second: ours must not
    byte[] p7 = Certificates.encodePkcs7(List.of(alice, bob)).toByteArray();
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + base64Lines(p7, 64, "\n")
            + "-----END CERTIFICATE-----\n"
            + Certificates.encodePem(bob);
    assertThat(Certificates.read(ascii(pem))).containsExactly(alice, bob, bob);
  }

  @Test
  void read_pkcs7NamedSstFromTestdata_matchesWineDerFiles() throws Exception {
    X509Certificate c0 = jdkRead(testdata("sst/wine-generated/c0.der")).get(0);
    X509Certificate c1 = jdkRead(testdata("sst/wine-generated/c1.der")).get(0);
    assertThat(Certificates.readOne(TESTDATA.resolve("sst/wine-generated/c0.der"))).isEqualTo(c0);
    assertThat(
            Certificates.read(TESTDATA.resolve("sst/pkcs7-named-sst/openssl_pkcs7_2certs_der.sst")))
        .containsExactly(c0, c1);
    byte[] pem = testdata("sst/pkcs7-named-sst/openssl_pkcs7_1cert_pem.sst");
    assertThat(Certificates.read(pem)).containsExactly(c0);
    assertThat(Certificates.detect(pem)).isEqualTo(CertificateEncoding.PKCS7_PEM);
  }

  @Test
  void read_wineBareSignedData_throwsFormatExceptionNamingIt() {
    // Wine 8 CertSaveStore(CERT_STORE_SAVE_AS_PKCS7): no ContentInfo, no digestAlgorithms set.
    assertThatThrownBy(
            () ->
                Certificates.read(
                    TESTDATA.resolve(
                        "sst/wine-generated/wine8_saveaspkcs7_2certs.p7-bare-signeddata")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("a malformed PKCS#7 signed data");
  }

  @Test
  void read_pathAndStream_returnTheCertificate() throws Exception {
    assertThat(Certificates.read(new ByteArrayInputStream(aliceDer))).containsExactly(alice);
    assertThat(Certificates.readOne(new ByteArrayInputStream(ascii(alicePem)))).isEqualTo(alice);
    Path f = dir.resolve("read-path.pem");
    Files.write(f, ascii(alicePem));
    assertThat(Certificates.read(f)).containsExactly(alice);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void writersAndReaders_randomCertificates_roundTripInEveryEncoding(long seed) {
    RandomCertificates gen = RandomCertificates.create(seed);
    List<X509Certificate> certs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      certs.add(gen.next().certificate());
    }
    String pem = Certificates.encodePem(certs);
    byte[] p7 = Certificates.encodePkcs7(certs).toByteArray();
    byte[] der = Certificates.encodeDer(certs.get(0)).toByteArray();
    List<byte[]> encodings =
        List.of(
            ascii(pem),
            ascii(pem.replace("\n", "\r\n")),
            utf16le(pem, true),
            utf16le(pem, false),
            p7,
            ascii("-----BEGIN PKCS7-----\n" + base64Lines(p7, 64, "\n") + "-----END PKCS7-----\n"),
            ascii(base64Lines(p7, 76, "\r\n")),
            utf16le(base64Lines(p7, 64, "\r\n"), true));
    for (byte[] e : encodings) {
      assertThat(Certificates.read(e)).as("seed %d", seed).containsExactlyElementsOf(certs);
    }
    assertThat(Certificates.read(der)).as("seed %d", seed).containsExactly(certs.get(0));
    assertThat(Certificates.read(ascii(base64Lines(der, 64, "\n"))))
        .as("seed %d", seed)
        .containsExactly(certs.get(0));
  }

  // --- refusals ----------------------------------------------------------------------------

  @Test
  void read_empty_throwsFormatException() {
    assertThatThrownBy(() -> Certificates.read(new byte[0]))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("empty input");
    assertThatThrownBy(() -> Certificates.read(ascii(" \r\n\t ")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("only whitespace");
  }

  @Test
  void read_garbage_throwsFormatExceptionWithFirstBytes() {
    assertThatThrownBy(() -> Certificates.read(ascii("GARBAGE, not a certificate at all\n")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith(
            "not a certificate: starts with bytes 47 41 52 42 41 47 45 2C \u2026");
    byte[] binary = {0x01, 0x02, (byte) 0xff, 0x00, 0x7f};
    assertThatThrownBy(() -> Certificates.read(binary))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("not a certificate: starts with bytes 01 02 FF 00 7F");
  }

  @Test
  void read_pkcs12_throwsFormatExceptionPointingToPkcs12() throws Exception {
    requireOpenssl();
    run(
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        "alice.pem",
        "-inkey",
        "alice.key",
        "-out",
        "alice.p12",
        "-passout",
        "pass:secret");
    byte[] p12 = Files.readAllBytes(dir.resolve("alice.p12"));
    assertThatThrownBy(() -> Certificates.read(p12))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("this is a PKCS#12 (.p12/.pfx) file, not a certificate: use Pkcs12.read");
    assertThatThrownBy(() -> Certificates.read(ascii(base64Lines(p12, 64, "\n"))))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("base64 text: this is a PKCS#12 (.p12/.pfx) file");
  }

  @Test
  void read_keytoolPkcs12_throwsFormatExceptionPointingToPkcs12() throws Exception {
    boolean keytool = toolWorks("keytool", "-help");
    if (CI) {
      assertThat(keytool).as("keytool on PATH").isTrue();
    }
    assumeTrue(keytool, "keytool not on PATH: skipped");
    run(
        "keytool",
        "-genkeypair",
        "-keyalg",
        "EC",
        "-alias",
        "a",
        "-dname",
        "CN=k",
        "-keystore",
        "k.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-validity",
        "2");
    assertThatThrownBy(() -> Certificates.read(dir.resolve("k.p12")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("k.p12: this is a PKCS#12 (.p12/.pfx) file");
  }

  @Test
  void read_privateKeyPemAndDer_throwsFormatExceptionNamingAPrivateKey() throws Exception {
    requireOpenssl();
    byte[] pem = Files.readAllBytes(dir.resolve("alice.key"));
    assertThatThrownBy(() -> Certificates.read(pem))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("pem block #1 at offset 0 is a private key (PRIVATE KEY), not a certificate");
    run("openssl", "pkey", "-in", "alice.key", "-outform", "DER", "-out", "alice.key.der");
    assertThatThrownBy(() -> Certificates.read(dir.resolve("alice.key.der")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("a private key (sec1 ec), not a certificate");
    run(
        "openssl",
        "pkcs8",
        "-topk8",
        "-nocrypt",
        "-in",
        "alice.key",
        "-outform",
        "DER",
        "-out",
        "alice.p8");
    assertThatThrownBy(() -> Certificates.read(dir.resolve("alice.p8")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("a private key (pkcs#8), not a certificate");
    // a certificate followed by its key in one PEM file: the certificate is read, the key skipped
    byte[] combined = ascii(alicePem + new String(pem, StandardCharsets.US_ASCII));
    assertThat(Certificates.read(combined)).containsExactly(alice);
    assertThat(Certificates.readFile(combined).skipped())
        .containsExactly(new CertificateFile.Skipped("PRIVATE KEY", 2, alicePem.length(), false));
  }

  @Test
  void read_crl_throwsFormatExceptionNamingACrl() throws Exception {
    byte[] crl = testdata("sst/wine-generated/test.crl");
    assertThatThrownBy(() -> Certificates.read(crl))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("a certificate revocation list (crl), not a certificate");
    String pem =
        "-----BEGIN X509 CRL-----\n" + base64Lines(crl, 64, "\n") + "-----END X509 CRL-----\n";
    assertThatThrownBy(() -> Certificates.read(ascii(pem)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("is a certificate revocation list (X509 CRL)");
  }

  @Test
  void read_csrAndOtherPemTypes_throwFormatExceptionNamingTheType() throws Exception {
    requireOpenssl();
    String csr = run("openssl", "req", "-new", "-key", "alice.key", "-subj", "/CN=csr");
    assertThatThrownBy(() -> Certificates.read(ascii(csr)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("is a certificate request (CERTIFICATE REQUEST)");
    String csrBody = csr.replace("CERTIFICATE REQUEST", "CERTIFICATE");
    assertThatThrownBy(() -> Certificates.read(ascii(csrBody)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("a certificate request (pkcs#10), not a certificate");
    String foo = "-----BEGIN FOO BAR-----\nAAAA\n-----END FOO BAR-----\n";
    assertThatThrownBy(() -> Certificates.read(ascii(foo)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("pem block #1 at offset 0 has type 'FOO BAR', not a certificate");
  }

  @Test
  void read_serializedStore_throwsFormatExceptionPointingToSmimeSst() throws Exception {
    for (String f :
        List.of(
            "sst/wine-generated/wine8_saveasstore_2certs.sst",
            "sst/windows/GeekDuanLian-windows-cert-sync__pinrules.sst")) {
      assertThatThrownBy(() -> Certificates.read(testdata(f)))
          .isInstanceOf(SmimeFormatException.class)
          .hasMessageContaining("a Microsoft serialized certificate store")
          .hasMessageContaining("read it with smime-sst");
    }
    assertThatThrownBy(() -> Certificates.read(testdata("sst/wine-tests/serializedCert.bin")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("serialized certificate store element");
    assertThatThrownBy(
            () -> Certificates.read(testdata("sst/not-sst/DobrinGanev-SSTable__test.sst")))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith("not a certificate: starts with bytes 30");
  }

  @Test
  void read_truncatedDer_throwsFormatExceptionWithOffset() {
    byte[] cut = Arrays.copyOf(aliceDer, aliceDer.length - 10);
    assertThatThrownBy(() -> Certificates.read(cut))
        .isInstanceOfSatisfying(SmimeFormatException.class, e -> assertThat(e.offset()).hasValue(0))
        .hasMessageContaining("truncated DER: element at offset 0 declares");
    byte[] twoCut = concat(aliceDer, Arrays.copyOf(aliceDer, 100));
    assertThatThrownBy(() -> Certificates.read(twoCut))
        .isInstanceOfSatisfying(
            SmimeFormatException.class, e -> assertThat(e.offset()).hasValue(aliceDer.length))
        .hasMessageContaining("truncated DER: element at offset " + aliceDer.length);
    byte[] header = Arrays.copyOf(aliceDer, 3);
    assertThatThrownBy(() -> Certificates.read(header))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("truncated DER");
  }

  @Test
  void read_truncatedPem_throwsFormatExceptionNamingTheBlock() {
    String cut = alicePem.substring(0, alicePem.length() / 2);
    assertThatThrownBy(() -> Certificates.read(ascii(cut)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "pem block #1 (CERTIFICATE) at offset 0: no -----END CERTIFICATE----- line follows (truncated?)");
    String badChar = alicePem.replaceFirst("\n(.)", "\n*");
    assertThatThrownBy(() -> Certificates.read(ascii(badChar)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("invalid base64 character '*' at offset 28");
  }

  @Test
  void read_damagedCertificateContent_throwsFormatExceptionWithCause() {
    byte[] damaged = aliceDer.clone();
    damaged[10] = 0x04; // the version inside [0] is no longer an INTEGER
    assertThatThrownBy(() -> Certificates.read(damaged))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("certificate #1 at offset 0: not a valid X.509 certificate")
        .hasCauseInstanceOf(java.security.cert.CertificateException.class);
  }

  @Test
  void read_overLimits_throwsFormatException() throws Exception {
    ReadLimits small = ReadLimits.defaults().withMaxInputBytes(100);
    assertThatThrownBy(() -> Certificates.read(aliceDer, small))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("input: " + aliceDer.length + " bytes, over the limit of 100 bytes");
    assertThatThrownBy(() -> Certificates.read(new ByteArrayInputStream(aliceDer), small))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("input: over the limit of 100 bytes");
    Path f = dir.resolve("limit.der");
    Files.write(f, aliceDer);
    assertThatThrownBy(() -> Certificates.read(f, small))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining(
            "limit.der: " + aliceDer.length + " bytes, over the limit of 100 bytes");
    ReadLimits two = ReadLimits.defaults().withMaxCertificates(2);
    byte[] three = ascii(Certificates.encodePem(List.of(alice, bob, alice)));
    assertThatThrownBy(() -> Certificates.read(three, two))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "pem block #3 (CERTIFICATE) at offset "
                + Certificates.encodePem(List.of(alice, bob)).length()
                + ": more than 2 certificates (the limit)");
    byte[] p7 = Certificates.encodePkcs7(List.of(alice, bob, alice)).toByteArray();
    assertThatThrownBy(() -> Certificates.read(p7, two))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("holds 3 certificates, more than the limit of 2");
    assertThat(Certificates.read(three, ReadLimits.defaults().withMaxCertificates(3))).hasSize(3);
  }

  @Test
  void readLimits_invalid_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ReadLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReadLimits(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ReadLimits.defaults()).isEqualTo(new ReadLimits(64L * 1024 * 1024, 100_000));
  }

  @Test
  void readOne_twoCertificates_throwsFormatException() throws Exception {
    byte[] two = ascii(Certificates.encodePem(List.of(alice, bob)));
    assertThatThrownBy(() -> Certificates.readOne(two))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith("expected exactly one certificate but found 2");
    Path f = dir.resolve("two.pem");
    Files.write(f, two);
    assertThatThrownBy(() -> Certificates.readOne(f))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith(f + ": expected exactly one certificate but found 2");
  }

  @Test
  void read_pathWithBadContent_messageStartsWithFileName() throws Exception {
    Path f = dir.resolve("garbage.cer");
    Files.write(f, ascii("GARBAGE"));
    assertThatThrownBy(() -> Certificates.read(f))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith(f + ": not a certificate: starts with bytes 47 41 52 42");
  }

  // --- writers -----------------------------------------------------------------------------

  @Test
  void encodeDer_roundTrips() {
    Bytes der = Certificates.encodeDer(alice);
    assertThat(der.toByteArray()).isEqualTo(aliceDer);
    assertThat(Certificates.readOne(der)).isEqualTo(alice);
  }

  @Test
  void encodePem_isOpensslsPemByteForByte() throws Exception {
    String pem = Certificates.encodePem(alice);
    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.split("\n"))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    assertThat(pem).doesNotContain("\r");
    if (openssl) {
      assertThat(pem).isEqualTo(alicePem); // openssl writes 64-character LF lines too
    }
    assertThat(Certificates.readOne(ascii(pem))).isEqualTo(alice);
    assertThat(Certificates.encodePem(List.of(alice, bob)))
        .isEqualTo(Certificates.encodePem(alice) + Certificates.encodePem(bob));
  }

  @Test
  void encodePkcs7_isDeterministicRoundTripsAndMatchesOpenssl() throws Exception {
    Bytes p7 = Certificates.encodePkcs7(List.of(alice, bob));
    assertThat(Certificates.encodePkcs7(List.of(alice, bob))).isEqualTo(p7);
    assertThat(Certificates.read(p7)).containsExactly(alice, bob);
    assertThat(Certificates.read(Certificates.encodePkcs7(List.of(bob, alice))))
        .containsExactly(bob, alice);
    assertThat(jdkRead(p7.toByteArray())).containsExactly(alice, bob);
    requireOpenssl();
    run(
        "openssl",
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        "alice.pem",
        "-certfile",
        "bob.pem",
        "-outform",
        "DER",
        "-out",
        "golden.p7b");
    assertThat(p7.toByteArray()).isEqualTo(Files.readAllBytes(dir.resolve("golden.p7b")));
  }

  @Test
  void writers_writeFilesThatReadBack() throws Exception {
    Path der = dir.resolve("w.cer");
    Path pem = dir.resolve("w.pem");
    Path pems = dir.resolve("w2.pem");
    Path p7b = dir.resolve("w.p7b");
    Certificates.writeDer(der, alice);
    Certificates.writePem(pem, alice);
    Certificates.writePem(pems, List.of(alice, bob));
    Certificates.writePkcs7(p7b, List.of(alice, bob));
    assertThat(Files.readAllBytes(der)).isEqualTo(aliceDer);
    assertThat(Certificates.read(pem)).containsExactly(alice);
    assertThat(Certificates.read(pems)).containsExactly(alice, bob);
    assertThat(Certificates.read(p7b)).containsExactly(alice, bob);
    if (openssl) {
      String printed = run("openssl", "pkcs7", "-inform", "DER", "-in", "w.p7b", "-print_certs");
      assertThat(Certificates.read(ascii(printed))).containsExactly(alice, bob);
    }
  }

  @Test
  void encoders_emptyList_throwIllegalArgument() {
    assertThatThrownBy(() -> Certificates.encodePem(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no certificates");
    assertThatThrownBy(() -> Certificates.encodePkcs7(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- thumbprints and e-mail addresses ------------------------------------------------------

  @Test
  void thumbprints_matchMessageDigestAndOpenssl() throws Exception {
    String sha1 =
        HexFormat.of()
            .withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-1").digest(aliceDer));
    String sha256 =
        HexFormat.of()
            .withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(aliceDer));
    assertThat(Thumbprint.sha1(alice).hex()).isEqualTo(sha1).hasSize(40);
    assertThat(Thumbprint.sha256(alice).hex()).isEqualTo(sha256).hasSize(64);
    requireOpenssl();
    assertThat(run("openssl", "x509", "-in", "alice.pem", "-noout", "-fingerprint", "-sha1"))
        .isEqualToIgnoringCase("SHA1 Fingerprint=" + colons(sha1) + "\n");
    assertThat(run("openssl", "x509", "-in", "alice.pem", "-noout", "-fingerprint", "-sha256"))
        .isEqualToIgnoringCase("SHA256 Fingerprint=" + colons(sha256) + "\n");
  }

  @Test
  void emailAddresses_sanFirstThenSubjectEmail_deduplicatedIgnoringCase() {
    requireOpenssl();
    // SAN alice@, alice2@; subject E= alice.subject@ and ALICE@ (a case-variant of the first SAN)
    assertThat(Certificates.emailAddresses(alice))
        .containsExactly("alice@example.com", "alice2@example.com", "alice.subject@example.com");
    assertThat(Certificates.primaryEmail(alice)).hasValue("alice@example.com");
    assertThat(Certificates.emailAddresses(bob)).isEmpty();
    assertThat(Certificates.primaryEmail(bob)).isEmpty();
  }

  @Test
  void emailAddresses_onlySubjectEmail_isPrimary() throws Exception {
    TestPki pki = TestPki.create(12L);
    TestCertificate ca = pki.rootCa("Mail CA").keyType(KeyType.EC_P256).build();
    X509Certificate c =
        pki.leaf(ca)
            .keyType(KeyType.EC_P256)
            .noSubjectAltName()
            .subject("CN=Carol,O=smimekit test")
            .subjectEmail("carol@example.com")
            .build()
            .certificate();
    assertThat(Certificates.emailAddresses(c)).containsExactly("carol@example.com");
    assertThat(Certificates.primaryEmail(c)).hasValue("carol@example.com");
  }

  // --- helpers -----------------------------------------------------------------------------

  private static String colons(String hex) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        s.append(':');
      }
      s.append(hex, i, i + 2);
    }
    return s.toString();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utf16le(String s, boolean bom) {
    byte[] body = s.getBytes(StandardCharsets.UTF_16LE);
    return bom ? concat(new byte[] {(byte) 0xff, (byte) 0xfe}, body) : body;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static String base64Lines(byte[] data, int lineLength, String eol) {
    String all = java.util.Base64.getEncoder().encodeToString(data);
    if (lineLength == 0) {
      return all;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < all.length(); i += lineLength) {
      s.append(all, i, Math.min(all.length(), i + lineLength)).append(eol);
    }
    return s.toString();
  }

  private static byte[] testdata(String path) throws IOException {
    return Files.readAllBytes(TESTDATA.resolve(path));
  }

  static List<X509Certificate> jdkRead(byte[] data) throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(data))) {
      out.add((X509Certificate) c);
    }
    return out;
  }

  /** {@code n} EC leaves of one TestPki CA sharing one key (fast), distinct serials and SANs. */
  static List<X509Certificate> pkiCertificates(int n) {
    TestPki pki = TestPki.create(11L);
    TestCertificate ca = pki.rootCa("Bundle CA").keyType(KeyType.EC_P256).build();
    TestCertificate first =
        pki.leaf(ca).keyType(KeyType.EC_P256).email("user0@example.com").build();
    List<X509Certificate> out = new ArrayList<>(n);
    out.add(first.certificate());
    for (int i = 1; i < n; i++) {
      out.add(
          pki.leaf(ca)
              .keyPair(first.keyPair())
              .email("user" + i + "@example.com")
              .build()
              .certificate());
    }
    return out;
  }

  private static void requireOpenssl() {
    if (CI) {
      assertThat(openssl).as("openssl on PATH (CI=true)").isTrue();
    }
    assumeTrue(openssl, "openssl not on PATH: skipped");
  }

  private static boolean toolWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a tool in the temp folder; returns its stdout; fails on a non-zero exit. */
  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(p.exitValue())
        .as(
            "%s exit; stderr: %s",
            String.join(" ", command), new String(err, StandardCharsets.UTF_8))
        .isZero();
    return out.toString(StandardCharsets.US_ASCII);
  }
}
