package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixtures for PKCS#12 tests: a small PKI (root, issuing CA, EC and RSA leaves) written as PEM
 * files, and runners for the openssl and keytool binaries. A missing tool skips the test with a
 * visible reason, except when the environment variable CI is "true": then it fails.
 */
final class Pkcs12Fixtures {
  final TestPki pki = TestPki.create(7L);
  final TestCertificate root = pki.rootCa("P12 Root CA").build();
  final TestCertificate ica = pki.intermediateCa("P12 Issuing CA", root).pathLength(0).build();
  final TestCertificate alice =
      pki.leaf(ica).email("alice@example.com").keyType(KeyType.EC_P256).build();
  final TestCertificate bob = pki.leaf(ica).email("bob@example.com").build(); // RSA-2048
  final Path dir;

  Pkcs12Fixtures(Path dir) throws IOException {
    this.dir = dir;
    for (TestCertificate c : List.of(alice, bob)) {
      String name = c == alice ? "alice" : "bob";
      Files.writeString(dir.resolve(name + ".pem"), c.pem(), StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve(name + ".key"), c.privateKeyPem(), StandardCharsets.US_ASCII);
    }
    Files.writeString(dir.resolve("chain.pem"), ica.pem() + root.pem(), StandardCharsets.US_ASCII);
  }

  static boolean ci() {
    return "true".equals(System.getenv("CI"));
  }

  static boolean toolWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static final boolean OPENSSL = toolWorks("openssl", "version");
  private static final String KEYTOOL =
      Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  private static final boolean KEYTOOL_PRESENT = Files.isExecutable(Path.of(KEYTOOL));

  static void requireOpenssl() {
    if (!OPENSSL && ci()) {
      fail("openssl not on PATH, and CI=true: failing instead of skipping");
    }
    assumeTrue(OPENSSL, "openssl not on PATH: skipped");
  }

  static void requireKeytool() {
    if (!KEYTOOL_PRESENT && ci()) {
      fail("keytool not found at " + KEYTOOL + ", and CI=true: failing instead of skipping");
    }
    assumeTrue(KEYTOOL_PRESENT, "keytool not found at " + KEYTOOL + ": skipped");
  }

  /** Runs openssl in {@link #dir}; returns its output; fails the test on a non-zero exit. */
  String openssl(String... args) throws IOException, InterruptedException {
    requireOpenssl();
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(Arrays.asList(args));
    return run(cmd, true);
  }

  /** Runs openssl and returns its exit code (output ignored). */
  int opensslExit(String... args) throws IOException, InterruptedException {
    requireOpenssl();
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  String keytool(String... args) throws IOException, InterruptedException {
    requireKeytool();
    List<String> cmd = new ArrayList<>();
    cmd.add(KEYTOOL);
    cmd.addAll(Arrays.asList(args));
    return run(cmd, true);
  }

  private String run(List<String> cmd, boolean check) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s timed out", cmd).isTrue();
    if (check && p.exitValue() != 0) {
      fail(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + out);
    }
    return out;
  }

  /** Writes the password to a file for {@code -passout file:...} (UTF-8, no line break). */
  String passFile(String name, String password) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, password.getBytes(StandardCharsets.UTF_8));
    return "file:" + f;
  }

  /** Whether {@code key} signs what {@code publicKey} verifies. */
  static boolean keysMatch(PrivateKey key, PublicKey publicKey) throws Exception {
    String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    Signature s = Signature.getInstance(alg);
    s.initSign(key);
    byte[] msg = "smimekit".getBytes(StandardCharsets.US_ASCII);
    s.update(msg);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(alg);
    v.initVerify(publicKey);
    v.update(msg);
    return v.verify(sig);
  }
}
