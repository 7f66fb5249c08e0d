package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.smimekit.core.internal.Providers;
import io.github.smimekit.testing.TestCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKCS#12 interop matrix: files of four shapes (one identity, certificates only, a key without
 * certificate, two identities) written by OpenSSL 3 (default and {@code -legacy}), keytool, Bouncy
 * Castle and pyca/cryptography, each read with {@link Pkcs12#inspect} and compared with what {@code
 * openssl pkcs12 -info} reports (the certificates, byte for byte, and the number of keys). It also
 * counts how many files the JDK's and Bouncy Castle's own {@code KeyStore} load, and prints the
 * matrix. A writer that cannot make a shape has no cell; a missing tool skips its column with a
 * visible reason (and fails under {@code CI=true}).
 */
final class Pkcs12InteropMatrixTest {
  private static final String PW = "matrix-pw";
  private static final List<String> SHAPES =
      List.of("identity", "certificates only", "key only", "two identities");

  @TempDir static Path dir;
  private static Pkcs12Fixtures fx;

  @BeforeAll
  static void setUp() throws Exception {
    fx = new Pkcs12Fixtures(dir);
  }

  /** One file and what it should hold. */
  private record Cell(
      String writer, String shape, Path file, int keys, List<X509Certificate> certs) {}

  @Test
  void everyWriterAndShape_readAsOpensslReadsIt_andMatrixPrinted() throws Exception {
    List<Cell> cells = new ArrayList<>();
    Map<String, String> skippedWriters = new LinkedHashMap<>();
    opensslCells(cells, "openssl3", new String[0]);
    opensslCells(cells, "openssl3-legacy", new String[] {"-legacy"});
    keytoolCells(cells);
    bcCells(cells);
    if (!pycaCells(cells)) {
      skippedWriters.put("pyca", "python3 with cryptography not available");
    }

    SoftAssertions soft = new SoftAssertions();
    Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
    int ours = 0;
    int jdk = 0;
    int bc = 0;
    for (Cell c : cells) {
      byte[] data = Files.readAllBytes(c.file());
      String verdict;
      Pkcs12Info info = Pkcs12.inspect(data, Password.of(PW.toCharArray()));
      List<X509Certificate> got = new ArrayList<>();
      for (Pkcs12Info.Certificate pc : info.certificates()) {
        got.add(pc.certificate());
      }
      List<X509Certificate> opensslCerts = opensslCertificates(c.file());
      int opensslKeys = opensslKeyCount(c.file());
      soft.assertThat(got)
          .as("%s/%s: our certificates", c.writer(), c.shape())
          .containsAll(c.certs())
          .isSubsetOf(c.certs());
      soft.assertThat(got)
          .as("%s/%s: same certificates as openssl", c.writer(), c.shape())
          .containsExactlyInAnyOrderElementsOf(opensslCerts);
      soft.assertThat(info.keys()).as("%s/%s: keys", c.writer(), c.shape()).hasSize(c.keys());
      soft.assertThat(opensslKeys)
          .as("%s/%s: openssl's keys", c.writer(), c.shape())
          .isEqualTo(c.keys());
      if (c.keys() == 1 && !c.certs().isEmpty()) {
        Pkcs12Identity id = Pkcs12.read(data, Password.of(PW.toCharArray()));
        soft.assertThat(id.privateKey()).as("%s/%s", c.writer(), c.shape()).isNotNull();
      } else {
        soft.assertThat(
                catchThrowableOfType(
                    IdentitySelectionException.class,
                    () -> Pkcs12.read(data, Password.of(PW.toCharArray()))))
            .as("%s/%s: read needs one identity", c.writer(), c.shape())
            .isNotNull();
      }
      ours++;
      boolean jdkReads = keyStoreLoads(KeyStore.getInstance("PKCS12"), data);
      boolean bcReads = keyStoreLoads(KeyStore.getInstance("PKCS12", Providers.bc()), data);
      jdk += jdkReads ? 1 : 0;
      bc += bcReads ? 1 : 0;
      verdict =
          "ours "
              + info.keys().size()
              + "k/"
              + got.size()
              + "c"
              + " ossl "
              + opensslKeys
              + "k/"
              + opensslCerts.size()
              + "c"
              + " jdk "
              + (jdkReads ? "yes" : "NO")
              + " bc "
              + (bcReads ? "yes" : "NO");
      matrix.computeIfAbsent(c.writer(), w -> new LinkedHashMap<>()).put(c.shape(), verdict);
    }
    StringBuilder table =
        new StringBuilder("PKCS#12 interop matrix (k = keys, c = certificates)\n");
    table.append(String.format("%-16s", "writer"));
    for (String s : SHAPES) {
      table.append(String.format(" | %-40s", s));
    }
    table.append('\n');
    for (var row : matrix.entrySet()) {
      table.append(String.format("%-16s", row.getKey()));
      for (String s : SHAPES) {
        table.append(String.format(" | %-40s", row.getValue().getOrDefault(s, "(writer cannot)")));
      }
      table.append('\n');
    }
    skippedWriters.forEach(
        (w, why) -> table.append(w).append(": skipped, ").append(why).append('\n'));
    table.append(
        String.format(
            "files: %d; read by smimekit %d, JDK KeyStore %d, Bouncy Castle KeyStore %d%n",
            cells.size(), ours, jdk, bc));
    System.out.print(table);
    soft.assertAll();
    assertThat(cells.size()).isGreaterThanOrEqualTo(11);
  }

  private static boolean keyStoreLoads(KeyStore ks, byte[] data) {
    try {
      ks.load(new ByteArrayInputStream(data), PW.toCharArray());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static void opensslCells(List<Cell> cells, String writer, String[] extra)
      throws Exception {
    String pass = "pass:" + PW;
    Path id = dir.resolve(writer + "-identity.p12");
    fx.openssl(
        args(
            extra,
            "pkcs12",
            "-export",
            "-inkey",
            "alice.key",
            "-in",
            "alice.pem",
            "-certfile",
            "chain.pem",
            "-name",
            "alice",
            "-passout",
            pass,
            "-out",
            id.toString()));
    cells.add(new Cell(writer, "identity", id, 1, all(fx.alice, fx.ica, fx.root)));
    Path certs = dir.resolve(writer + "-certs.p12");
    fx.openssl(
        args(
            extra,
            "pkcs12",
            "-export",
            "-nokeys",
            "-in",
            "chain.pem",
            "-passout",
            pass,
            "-out",
            certs.toString()));
    cells.add(new Cell(writer, "certificates only", certs, 0, all(fx.ica, fx.root)));
    Path key = dir.resolve(writer + "-key.p12");
    fx.openssl(
        args(
            extra,
            "pkcs12",
            "-export",
            "-nocerts",
            "-inkey",
            "bob.key",
            "-name",
            "bob",
            "-passout",
            pass,
            "-out",
            key.toString()));
    cells.add(new Cell(writer, "key only", key, 1, List.of()));
  }

  private static String[] args(String[] extra, String... base) {
    List<String> all = new ArrayList<>(List.of(base));
    Collections.addAll(all, extra);
    return all.toArray(new String[0]);
  }

  private static List<X509Certificate> all(TestCertificate... certs) {
    List<X509Certificate> out = new ArrayList<>();
    for (TestCertificate c : certs) {
      out.add(c.certificate());
    }
    return out;
  }

  private static void keytoolCells(List<Cell> cells) throws Exception {
    Pkcs12Fixtures.requireKeytool();
    String pass = "pass:" + PW;
    // an identity: keytool re-writes an OpenSSL file (keytool cannot import a PEM key)
    for (String who : List.of("alice", "bob")) {
      fx.openssl(
          "pkcs12",
          "-export",
          "-inkey",
          who + ".key",
          "-in",
          who + ".pem",
          "-certfile",
          "chain.pem",
          "-name",
          who,
          "-passout",
          pass,
          "-out",
          "src-" + who + ".p12");
    }
    Path id = dir.resolve("keytool-identity.p12");
    importInto(id, "src-alice.p12");
    cells.add(new Cell("keytool", "identity", id, 1, all(fx.alice, fx.ica, fx.root)));
    Path two = dir.resolve("keytool-two.p12");
    importInto(two, "src-alice.p12");
    importInto(two, "src-bob.p12");
    cells.add(
        new Cell("keytool", "two identities", two, 2, all(fx.alice, fx.bob, fx.ica, fx.root)));
    Path certs = dir.resolve("keytool-certs.p12");
    Files.writeString(dir.resolve("root.pem"), fx.root.pem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("ica.pem"), fx.ica.pem(), StandardCharsets.US_ASCII);
    for (String alias : List.of("root", "ica")) {
      fx.keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          alias,
          "-file",
          alias + ".pem",
          "-keystore",
          certs.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PW);
    }
    cells.add(new Cell("keytool", "certificates only", certs, 0, all(fx.root, fx.ica)));
  }

  private static void importInto(Path dest, String src) throws Exception {
    fx.keytool(
        "-importkeystore",
        "-noprompt",
        "-srckeystore",
        src,
        "-srcstoretype",
        "PKCS12",
        "-srcstorepass",
        PW,
        "-destkeystore",
        dest.toString(),
        "-deststoretype",
        "PKCS12",
        "-deststorepass",
        PW);
  }

  private static OutputEncryptor aes(char[] pw) throws Exception {
    return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
        .setProvider(Providers.bc())
        .setIterationCount(2048)
        .build(pw);
  }

  private static PKCS12SafeBag certBag(TestCertificate c, byte[] keyId) throws Exception {
    PKCS12SafeBagBuilder b = new JcaPKCS12SafeBagBuilder(c.certificate());
    if (keyId.length > 0) {
      b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(keyId));
    }
    return b.build();
  }

  private static PKCS12SafeBag keyBag(TestCertificate c, String name, byte[] keyId, char[] pw)
      throws Exception {
    PKCS12SafeBagBuilder b = new JcaPKCS12SafeBagBuilder(c.privateKey(), aes(pw));
    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(keyId));
    return b.build();
  }

  private static Path bcFile(String name, List<PKCS12SafeBag> certs, List<PKCS12SafeBag> keys)
      throws Exception {
    char[] pw = PW.toCharArray();
    PKCS12PfxPduBuilder b = new PKCS12PfxPduBuilder();
    if (!certs.isEmpty()) {
      b.addEncryptedData(aes(pw), certs.toArray(new PKCS12SafeBag[0]));
    }
    for (PKCS12SafeBag k : keys) {
      b.addData(k);
    }
    Path f = dir.resolve(name);
    Files.write(
        f,
        b.build(
                new BcPKCS12MacCalculatorBuilder(
                    new SHA256Digest(),
                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        NISTObjectIdentifiers.id_sha256, org.bouncycastle.asn1.DERNull.INSTANCE)),
                pw)
            .getEncoded("DER"));
    return f;
  }

  private static void bcCells(List<Cell> cells) throws Exception {
    char[] pw = PW.toCharArray();
    byte[] a = {1};
    byte[] b = {2};
    byte[] none = {};
    cells.add(
        new Cell(
            "bouncycastle",
            "identity",
            bcFile(
                "bc-identity.p12",
                List.of(certBag(fx.alice, a), certBag(fx.ica, none), certBag(fx.root, none)),
                List.of(keyBag(fx.alice, "alice", a, pw))),
            1,
            all(fx.alice, fx.ica, fx.root)));
    cells.add(
        new Cell(
            "bouncycastle",
            "certificates only",
            bcFile(
                "bc-certs.p12", List.of(certBag(fx.ica, none), certBag(fx.root, none)), List.of()),
            0,
            all(fx.ica, fx.root)));
    cells.add(
        new Cell(
            "bouncycastle",
            "key only",
            bcFile("bc-key.p12", List.of(), List.of(keyBag(fx.bob, "bob", b, pw))),
            1,
            List.of()));
    cells.add(
        new Cell(
            "bouncycastle",
            "two identities",
            bcFile(
                "bc-two.p12",
                List.of(certBag(fx.alice, a), certBag(fx.bob, b), certBag(fx.ica, none)),
                List.of(keyBag(fx.alice, "alice", a, pw), keyBag(fx.bob, "bob", b, pw))),
            2,
            all(fx.alice, fx.bob, fx.ica)));
  }

  /** pyca/cryptography's serialize_key_and_certificates; false when it is not installed. */
  private static boolean pycaCells(List<Cell> cells) throws Exception {
    boolean present = Pkcs12Fixtures.toolWorks("python3", "-c", "import cryptography");
    if (!present && Pkcs12Fixtures.ci()) {
      throw new AssertionError("python3 with cryptography not available, and CI=true");
    }
    if (!present) {
      return false;
    }
    String script =
        String.join(
            "\n",
            "import sys",
            "from cryptography import x509",
            "from cryptography.hazmat.primitives import serialization as s",
            "from cryptography.hazmat.primitives.serialization import pkcs12",
            "d = sys.argv[1]; pw = sys.argv[2].encode()",
            "def cert(n): return x509.load_pem_x509_certificate(open(d + '/' + n, 'rb').read())",
            "def key(n): return s.load_pem_private_key(open(d + '/' + n, 'rb').read(), None)",
            "chain = x509.load_pem_x509_certificates(open(d + '/chain.pem', 'rb').read())",
            "enc = s.BestAvailableEncryption(pw)",
            "open(d + '/pyca-identity.p12', 'wb').write(pkcs12.serialize_key_and_certificates("
                + "b'alice', key('alice.key'), cert('alice.pem'), chain, enc))",
            "open(d + '/pyca-certs.p12', 'wb').write(pkcs12.serialize_key_and_certificates("
                + "None, None, None, chain, enc))",
            "open(d + '/pyca-key.p12', 'wb').write(pkcs12.serialize_key_and_certificates("
                + "b'bob', key('bob.key'), None, None, enc))");
    Process p =
        new ProcessBuilder("python3", "-c", script, dir.toString(), PW)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    cells.add(
        new Cell(
            "pyca",
            "identity",
            dir.resolve("pyca-identity.p12"),
            1,
            all(fx.alice, fx.ica, fx.root)));
    cells.add(
        new Cell(
            "pyca", "certificates only", dir.resolve("pyca-certs.p12"), 0, all(fx.ica, fx.root)));
    cells.add(new Cell("pyca", "key only", dir.resolve("pyca-key.p12"), 1, List.of()));
    return true;
  }

  private static List<X509Certificate> opensslCertificates(Path file) throws Exception {
    String out =
        fx.openssl("pkcs12", "-in", file.toString(), "-passin", "pass:" + PW, "-legacy", "-nokeys");
    if (!out.contains("-----BEGIN CERTIFICATE-----")) {
      return List.of();
    }
    return Certificates.read(out.getBytes(StandardCharsets.US_ASCII));
  }

  private static int opensslKeyCount(Path file) throws Exception {
    String out =
        fx.openssl(
            "pkcs12",
            "-in",
            file.toString(),
            "-passin",
            "pass:" + PW,
            "-legacy",
            "-nocerts",
            "-nodes");
    int n = 0;
    for (int i = out.indexOf("-----BEGIN PRIVATE KEY-----");
        i >= 0;
        i = out.indexOf("-----BEGIN PRIVATE KEY-----", i + 1)) {
      n++;
    }
    return n;
  }
}
