package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world certificate files: PEM files that mix certificates with keys, parameters, requests and
 * CRLs ({@link Certificates#readFile} reads the certificates and lists the rest by label and
 * position), and the variants OpenSSL's {@code x509}/{@code storeutl} and the JDK accept or refuse.
 * Every file is made at test time with the {@code openssl} binary (the tests skip without it, and
 * fail when {@code CI=true}). No message, {@code toString} or skipped-block description may hold a
 * fragment of a key.
 */
final class CertificateFileTest {
  private static final boolean CI = "true".equals(System.getenv("CI"));
  private static final Path TESTDATA = Path.of("../testdata").toAbsolutePath();

  @TempDir static Path dir;

  private static boolean openssl;
  private static X509Certificate alice;
  private static String alicePem = "";

  @BeforeAll
  static void makeFiles() throws Exception {
    openssl = toolWorks("openssl", "version");
    if (!openssl) {
      return;
    }
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
        "/CN=Alice/emailAddress=alice@example.com");
    run(
        "openssl",
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:1024",
        "-out",
        "rsa.key");
    alicePem = Files.readString(dir.resolve("alice.pem"), StandardCharsets.US_ASCII);
    alice = jdk(ascii(alicePem)).get(0);
  }

  /** The other blocks people keep beside certificates, each made by openssl, with its label. */
  static Stream<Arguments> otherBlocks() {
    return Stream.of(
        Arguments.of("PRIVATE KEY", List.of("openssl", "pkey", "-in", "alice.key")),
        Arguments.of("EC PRIVATE KEY", List.of("openssl", "ec", "-in", "alice.key")),
        Arguments.of(
            "RSA PRIVATE KEY", List.of("openssl", "rsa", "-in", "rsa.key", "-traditional")),
        Arguments.of(
            "RSA PRIVATE KEY",
            List.of(
                "openssl",
                "rsa",
                "-in",
                "rsa.key",
                "-traditional",
                "-aes128",
                "-passout",
                "pass:secret")),
        Arguments.of(
            "ENCRYPTED PRIVATE KEY",
            List.of("openssl", "pkcs8", "-topk8", "-in", "alice.key", "-passout", "pass:secret")),
        Arguments.of("PUBLIC KEY", List.of("openssl", "pkey", "-in", "alice.key", "-pubout")),
        Arguments.of("EC PARAMETERS", List.of("openssl", "ecparam", "-name", "prime256v1")),
        Arguments.of(
            "DH PARAMETERS",
            List.of(
                "openssl",
                "genpkey",
                "-genparam",
                "-algorithm",
                "DH",
                "-pkeyopt",
                "group:ffdhe2048")),
        Arguments.of(
            "CERTIFICATE REQUEST",
            List.of("openssl", "req", "-new", "-key", "alice.key", "-subj", "/CN=csr")),
        Arguments.of(
            "X509 CRL",
            List.of(
                "openssl",
                "crl",
                "-inform",
                "DER",
                "-in",
                TESTDATA.resolve("sst/wine-generated/test.crl").toString())));
  }

  // --- mixed PEM --------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("otherBlocks")
  void readFile_certificateBetweenOtherBlocks_readsItAndListsTheOthers(
      String label, List<String> command) throws Exception {
    requireOpenssl();
    String other = run(command.toArray(new String[0]));
    assertThat(other).contains("-----BEGIN " + label + "-----");
    String text = other + "text between\n" + alicePem + other;
    byte[] data = ascii(text);

    CertificateFile file = Certificates.readFile(data);

    assertThat(file.certificates()).containsExactly(alice);
    assertThat(file.encoding()).isEqualTo(CertificateEncoding.PEM);
    assertThat(file.skipped())
        .containsExactly(
            new CertificateFile.Skipped(label, 1, 0, false),
            new CertificateFile.Skipped(label, 3, text.lastIndexOf(other), false));
    assertThat(file.skippedSummary()).containsExactly("skipped 2 " + label + " blocks");
    assertThat(Certificates.read(data)).containsExactly(alice);
    assertThat(Certificates.detect(data)).isEqualTo(CertificateEncoding.PEM);
    assertNoFragmentOf(other, file.toString());
    assertNoFragmentOf(other, String.join(" ", file.skippedSummary()));
    for (CertificateFile.Skipped s : file.skipped()) {
      assertNoFragmentOf(other, s.describe());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("otherBlocks")
  void readFile_onlyTheOtherBlock_throwsFormatExceptionNamingItsLabel(
      String label, List<String> command) throws Exception {
    requireOpenssl();
    String other = run(command.toArray(new String[0]));
    assertThatThrownBy(() -> Certificates.readFile(ascii(other)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith("pem block #1 at offset 0 ")
        .hasMessageContaining(label)
        .satisfies(e -> assertNoFragmentOf(other, e.getMessage()));
  }

  @Test
  void readFile_opensslPkcs12NodesOutput_readsTheCertificatesAndSkipsTheKey() throws Exception {
    requireOpenssl();
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
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "30",
        "-subj",
        "/CN=Some CA");
    run(
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        "alice.pem",
        "-inkey",
        "alice.key",
        "-certfile",
        "ca.pem",
        "-name",
        "alice",
        "-passout",
        "pass:secret",
        "-out",
        "alice.p12");
    String nodes = run("openssl", "pkcs12", "-in", "alice.p12", "-nodes", "-passin", "pass:secret");
    assertThat(nodes).contains("Bag Attributes", "-----BEGIN PRIVATE KEY-----");
    X509Certificate ca = jdk(Files.readAllBytes(dir.resolve("ca.pem"))).get(0);

    CertificateFile file = Certificates.readFile(ascii(nodes));

    assertThat(file.certificates()).containsExactlyInAnyOrder(alice, ca);
    assertThat(file.skipped()).hasSize(1);
    CertificateFile.Skipped key = file.skipped().get(0);
    assertThat(key.label()).isEqualTo("PRIVATE KEY");
    assertThat(key.offset()).isEqualTo(nodes.indexOf("-----BEGIN PRIVATE KEY-----"));
    assertThat(key.describe())
        .isEqualTo("PRIVATE KEY block #" + key.block() + " at offset " + key.offset());
    assertThat(file.skippedSummary()).containsExactly("skipped 1 PRIVATE KEY block");
    String keyPem = run("openssl", "pkey", "-in", "alice.key");
    assertNoFragmentOf(keyPem, file.toString());
  }

  @Test
  void readFile_severalLabelsWithoutCertificate_throwsNamingEveryLabelAndCount() throws Exception {
    requireOpenssl();
    String key = run("openssl", "pkey", "-in", "alice.key");
    String pub = run("openssl", "pkey", "-in", "alice.key", "-pubout");
    String text = "key and public key\n" + key + pub + key;
    assertThatThrownBy(() -> Certificates.readFile(ascii(text)))
        .isInstanceOfSatisfying(
            SmimeFormatException.class, e -> assertThat(e.offset()).hasValue(19))
        .hasMessage(
            "no certificate in 3 pem blocks: 2 PRIVATE KEY, 1 PUBLIC KEY (pem block #1 is a"
                + " private key (PRIVATE KEY), not a certificate)")
        .satisfies(e -> assertNoFragmentOf(key, e.getMessage()));
  }

  @Test
  void readFile_newCertificateRequestAndUnknownLabel_areSkipped() throws Exception {
    requireOpenssl();
    String csr =
        run("openssl", "req", "-new", "-key", "alice.key", "-subj", "/CN=csr")
            .replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");
    String odd =
        "-----BEGIN SOMETHING ELSE-----\nnot: base64 at all!\n-----END SOMETHING ELSE-----\n";
    CertificateFile file = Certificates.readFile(ascii(csr + odd + alicePem));
    assertThat(file.certificates()).containsExactly(alice);
    assertThat(file.skippedSummary())
        .containsExactly(
            "skipped 1 NEW CERTIFICATE REQUEST block", "skipped 1 SOMETHING ELSE block");
  }

  @Test
  void readFile_keyBlockWithoutEndLine_throwsNamingTheBlockOnly() throws Exception {
    requireOpenssl();
    String key = run("openssl", "pkey", "-in", "alice.key");
    String cut = alicePem + key.substring(0, key.indexOf("-----END"));
    assertThatThrownBy(() -> Certificates.readFile(ascii(cut)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            "pem block #2 (PRIVATE KEY) at offset "
                + alicePem.length()
                + ": no -----END PRIVATE KEY----- line follows (truncated?)");
  }

  @Test
  void read_privateKeyInEveryDisguise_neverShowsItsBytes() throws Exception {
    requireOpenssl();
    run("openssl", "pkey", "-in", "alice.key", "-outform", "DER", "-out", "alice.p8");
    run("openssl", "ec", "-in", "alice.key", "-outform", "DER", "-out", "alice.sec1");
    run("openssl", "rsa", "-in", "rsa.key", "-traditional", "-outform", "DER", "-out", "rsa.der");
    for (String f : List.of("alice.p8", "alice.sec1", "rsa.der")) {
      byte[] der = Files.readAllBytes(dir.resolve(f));
      String b64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      List<byte[]> disguises = new ArrayList<>();
      disguises.add(der);
      disguises.add(ascii(b64));
      disguises.add(ascii("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n"));
      disguises.add(
          ascii(
              alicePem + "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n"));
      disguises.add(ascii("-----BEGIN PRIVATE KEY-----\n" + b64 + "\n"));
      for (byte[] d : disguises) {
        assertThatThrownBy(() -> Certificates.readFile(d))
            .isInstanceOf(SmimeFormatException.class)
            .satisfies(
                e -> {
                  for (Throwable t = e; t != null; t = t.getCause()) {
                    assertNoFragmentOf(b64, String.valueOf(t.getMessage()));
                    assertNoHexOf(der, String.valueOf(t.getMessage()));
                  }
                });
      }
    }
  }

  @Test
  void readFile_utf16MixedPem_reportsByteOffsets() throws Exception {
    requireOpenssl();
    String key = run("openssl", "pkey", "-in", "alice.key");
    String text = alicePem + key;
    byte[] data =
        concat(new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE));
    CertificateFile file = Certificates.readFile(data);
    assertThat(file.encoding()).isEqualTo(CertificateEncoding.UTF16_PEM);
    assertThat(file.certificates()).containsExactly(alice);
    assertThat(file.skipped())
        .containsExactly(
            new CertificateFile.Skipped("PRIVATE KEY", 2, 2 + 2L * alicePem.length(), false));
  }

  @Test
  void readFile_moreSkippedBlocksThanTheLimit_throwsFormatException() throws Exception {
    requireOpenssl();
    String pub = run("openssl", "pkey", "-in", "alice.key", "-pubout");
    String text = alicePem + pub.repeat(4);
    ReadLimits limits = ReadLimits.defaults().withMaxCertificates(3);
    assertThatThrownBy(() -> Certificates.readFile(ascii(text), limits))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageEndingWith(": more than 3 pem blocks that are not certificates (the limit)");
    assertThat(Certificates.readFile(ascii(alicePem + pub.repeat(3)), limits).skipped()).hasSize(3);
  }

  @Test
  void readFile_path_namesTheFileAndListsSkippedBlocks() throws Exception {
    requireOpenssl();
    String key = run("openssl", "pkey", "-in", "alice.key");
    Path f = dir.resolve("combined.pem");
    Files.writeString(f, key + alicePem, StandardCharsets.US_ASCII);
    assertThat(Certificates.readFile(f).skippedSummary())
        .containsExactly("skipped 1 PRIVATE KEY block");
    Path only = dir.resolve("key-only.pem");
    Files.writeString(only, key, StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Certificates.readFile(only))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage(
            only + ": pem block #1 at offset 0 is a private key (PRIVATE KEY), not a certificate");
  }

  // --- what OpenSSL and the JDK accept ---------------------------------------------------------

  @Test
  void readFile_trustedCertificateWithTrustSettings_readsItAndReportsTheSettingsIgnored()
      throws Exception {
    requireOpenssl();
    String trusted =
        run(
            "openssl",
            "x509",
            "-in",
            "alice.pem",
            "-trustout",
            "-addtrust",
            "emailProtection",
            "-addreject",
            "clientAuth",
            "-setalias",
            "alice");
    CertificateFile file = Certificates.readFile(ascii(trusted));
    assertThat(file.certificates()).containsExactly(alice);
    assertThat(file.skipped())
        .containsExactly(new CertificateFile.Skipped("TRUSTED CERTIFICATE", 1, 0, true));
    assertThat(file.skippedSummary())
        .containsExactly("ignored the trust settings of 1 TRUSTED CERTIFICATE block");
    assertThat(file.skipped().get(0).describe())
        .isEqualTo("trust settings of TRUSTED CERTIFICATE block #1 at offset 0");
  }

  @Test
  void readFile_x509CertificateLabelBomCrlfAndText_readsTheCertificate() throws Exception {
    requireOpenssl();
    String printed = run("openssl", "x509", "-in", "alice.pem", "-text");
    String text =
        printed.replace("CERTIFICATE-----", "X509 CERTIFICATE-----").replace("\n", "\r\n")
            + "trailing garbage \u0001\u0002 without a newline";
    byte[] data = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, ascii(text));
    CertificateFile file = Certificates.readFile(data);
    assertThat(file.certificates()).containsExactly(alice);
    assertThat(file.skipped()).isEmpty();
  }

  @Test
  void readFile_indentedBase64InsidePem_readsTheCertificateAsTheJdkDoes() throws Exception {
    requireOpenssl();
    StringBuilder indented = new StringBuilder();
    for (String line : alicePem.split("\n")) {
      indented.append(line.startsWith("-----") ? line : "    " + line + " \t").append('\n');
    }
    byte[] data = ascii(indented.toString());
    assertThat(jdk(data)).containsExactly(alice);
    assertThat(Certificates.readFile(data).certificates()).containsExactly(alice);
    assertThat(Certificates.detect(data)).isEqualTo(CertificateEncoding.PEM);
  }

  @Test
  void readFile_derWithTrailingBytes_isRefusedThoughTheJdkAndOpensslIgnoreThem() throws Exception {
    requireOpenssl();
    run("openssl", "x509", "-in", "alice.pem", "-outform", "DER", "-out", "alice.der");
    byte[] der = Files.readAllBytes(dir.resolve("alice.der"));
    byte[] trailing = concat(der, ascii("garbage\n"));
    Files.write(dir.resolve("trailing.der"), trailing);
    // the JDK's factory and OpenSSL's d2i read the first certificate and drop the rest silently
    assertThat(jdk(trailing)).containsExactly(alice);
    assertThat(exitCode("openssl", "x509", "-inform", "DER", "-in", "trailing.der", "-noout"))
        .isZero();
    // we read concatenated DER, so bytes after a certificate must be one too: say where they are
    assertThatThrownBy(() -> Certificates.readFile(trailing))
        .isInstanceOfSatisfying(
            SmimeFormatException.class, e -> assertThat(e.offset()).hasValue(der.length))
        .hasMessage(
            "unexpected bytes at offset "
                + der.length
                + " after certificate #1: starts with bytes 67 61 72 62 61 67 65 0A");
  }

  @Test
  void readFile_base64WithoutArmour_isReadThoughTheJdkAndOpensslRefuseIt() throws Exception {
    requireOpenssl();
    String body =
        alicePem
            .replace("-----BEGIN CERTIFICATE-----\n", "")
            .replace("-----END CERTIFICATE-----\n", "");
    Files.writeString(dir.resolve("bare.b64"), body, StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> jdk(ascii(body))).isInstanceOf(CertificateException.class);
    assertThat(exitCode("openssl", "x509", "-in", "bare.b64", "-noout")).isNotZero();
    CertificateFile file = Certificates.readFile(ascii(body));
    assertThat(file.certificates()).containsExactly(alice);
    assertThat(file.encoding()).isEqualTo(CertificateEncoding.BASE64);
  }

  @Test
  void readFile_pkcs7PemAndDerFromOpenssl_readTheCertificates() throws Exception {
    requireOpenssl();
    String p7 = run("openssl", "crl2pkcs7", "-nocrl", "-certfile", "alice.pem");
    run(
        "openssl",
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        "alice.pem",
        "-outform",
        "DER",
        "-out",
        "a.p7b");
    CertificateFile pem = Certificates.readFile(ascii(p7));
    assertThat(pem.certificates()).containsExactly(alice);
    assertThat(pem.encoding()).isEqualTo(CertificateEncoding.PKCS7_PEM);
    CertificateFile der = Certificates.readFile(dir.resolve("a.p7b"));
    assertThat(der.certificates()).containsExactly(alice);
    assertThat(der.encoding()).isEqualTo(CertificateEncoding.PKCS7_DER);
    // openssl pkcs7 reads it too (storeutl in OpenSSL 3.0 finds no certificate in a .p7b)
    assertThat(
            exitCode(
                "openssl", "pkcs7", "-inform", "DER", "-in", "a.p7b", "-print_certs", "-noout"))
        .isZero();
  }

  /**
   * What Bouncy Castle's own {@code CertificateFactory} does with each variant of README's table:
   * it reads mixed PEM (silently passing over the other blocks) and DER with trailing bytes
   * (silently dropping them), and refuses {@code TRUSTED CERTIFICATE}, bare base64 and UTF-16.
   */
  @Test
  void bouncyCastleCertificateFactory_onEachVariant_asReadmeSays() throws Exception {
    requireOpenssl();
    String keyPem = run("openssl", "pkey", "-in", "alice.key");
    String trusted =
        run("openssl", "x509", "-in", "alice.pem", "-trustout", "-addtrust", "emailProtection");
    run("openssl", "x509", "-in", "alice.pem", "-outform", "DER", "-out", "alice-bc.der");
    byte[] der = Files.readAllBytes(dir.resolve("alice-bc.der"));
    String bare =
        alicePem
            .replace("-----BEGIN CERTIFICATE-----\n", "")
            .replace("-----END CERTIFICATE-----\n", "");
    String p7 = run("openssl", "crl2pkcs7", "-nocrl", "-certfile", "alice.pem");

    assertThat(bc(concat(der, ascii("garbage\n")))).containsExactly(alice);
    assertThat(bc(ascii(alicePem + keyPem))).containsExactly(alice);
    assertThat(bc(ascii(keyPem + alicePem))).containsExactly(alice);
    assertThat(bc(ascii(alicePem.replace("CERTIFICATE-----", "X509 CERTIFICATE-----"))))
        .containsExactly(alice);
    assertThat(bc(ascii(p7))).containsExactly(alice);
    assertThatThrownBy(() -> bc(ascii(trusted))).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> bc(ascii(bare))).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> bc(alicePem.getBytes(StandardCharsets.UTF_16)))
        .isInstanceOf(CertificateException.class);
    // and smimekit reads all of those but the DER with trailing bytes
    assertThat(Certificates.readFile(ascii(alicePem + keyPem)).certificates())
        .containsExactly(alice);
    assertThat(Certificates.readFile(ascii(trusted)).certificates()).containsExactly(alice);
    assertThat(Certificates.readFile(ascii(bare)).certificates()).containsExactly(alice);
    assertThat(Certificates.readFile(alicePem.getBytes(StandardCharsets.UTF_16)).certificates())
        .containsExactly(alice);
  }

  private static List<X509Certificate> bc(byte[] data) throws CertificateException {
    CertificateFactory cf =
        CertificateFactory.getInstance(
            "X.509", new org.bouncycastle.jce.provider.BouncyCastleProvider());
    List<X509Certificate> out = new ArrayList<>();
    for (var c : cf.generateCertificates(new ByteArrayInputStream(data))) {
      out.add((X509Certificate) c);
    }
    if (out.isEmpty()) {
      throw new CertificateException("none");
    }
    return out;
  }

  @Test
  void skipped_invalidValues_throwIllegalArgument() {
    assertThatThrownBy(() -> new CertificateFile.Skipped("", 1, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CertificateFile.Skipped("X", 0, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CertificateFile.Skipped("X", 1, -1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** No run of 12 characters of a block's base64 body appears in {@code text}. */
  static void assertNoFragmentOf(String pem, String text) {
    StringBuilder body = new StringBuilder();
    for (String line : pem.split("\r?\n")) {
      if (!line.startsWith("-----") && !line.contains(":") && !line.isBlank()) {
        body.append(line.strip());
      }
    }
    for (int i = 0; i + 12 <= body.length(); i += 4) {
      String fragment = body.substring(i, i + 12);
      assertThat(text).as("fragment %s of the block", fragment).doesNotContain(fragment);
    }
  }

  /** No 4 consecutive bytes after the first 8 of {@code der} appear in {@code text} as hex. */
  static void assertNoHexOf(byte[] der, String text) {
    String compact = text.replace(" ", "").toUpperCase(Locale.ROOT);
    HexFormat hex = HexFormat.of().withUpperCase();
    for (int i = 7; i + 4 <= der.length; i++) {
      String h = hex.formatHex(der, i, i + 4);
      assertThat(compact).as("key bytes at %d", i).doesNotContain(h);
    }
  }

  private static List<X509Certificate> jdk(byte[] data) throws CertificateException {
    List<X509Certificate> out = new ArrayList<>();
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(data))) {
      out.add((X509Certificate) c);
    }
    if (out.isEmpty()) {
      throw new CertificateException("none");
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
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

  private static int exitCode(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    return p.exitValue();
  }

  /** Runs a tool in the temp folder; returns its stdout; fails on a non-zero exit. */
  private static String run(String... command) throws Exception {
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
