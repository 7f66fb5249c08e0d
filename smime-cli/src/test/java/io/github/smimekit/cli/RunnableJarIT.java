package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code smime-cli-VERSION-all.jar}, started with {@code java -jar} in a child process
 * as users start it: proves the manifest, the merged {@code META-INF/services} files and the exit
 * code contract survive shading. Run by failsafe in {@code mvn verify}, which passes the jar's path
 * as the system property {@code smime.jar}.
 */
final class RunnableJarIT {
  private static final Path SAMPLES = Path.of("../samples");
  private static final Path ALICE = SAMPLES.resolve("alice.cer");
  private static final Path ALICE_P12 = SAMPLES.resolve("alice.p12");
  private static final Path ISSUING_CA = SAMPLES.resolve("issuing-ca.cer");
  private static final Path ROOT = SAMPLES.resolve("root.cer");

  /** A time at which the whole sample chain is valid, so the test does not depend on "now". */
  private static final String AT = "2026-12-01T00:00:00Z";

  private static final JsonMapper JSON = new JsonMapper();

  /** A hung child must not hang the build; this is a guard, not a timing assertion. */
  private static final long TIMEOUT_SECONDS = 120;

  private static Path jar;

  @TempDir Path dir;

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("smime.jar");
    assertThat(property)
        .as("system property smime.jar (set by failsafe in smime-cli/pom.xml; run mvn verify)")
        .isNotBlank();
    jar = Path.of(property);
    assertThat(jar).as("the shaded jar, built in the package phase").isRegularFile();
  }

  @Test
  void version_exitsZeroAndShowsTheManifestVersion() throws Exception {
    Run r = smime(Map.of(), "--version");

    assertThat(r.exitCode()).as(r.err()).isZero();
    String version = System.getProperty("smime.version");
    assertThat(r.out())
        .as("Implementation-Version from the shaded manifest")
        .startsWith("smime " + (version == null ? "" : version))
        .doesNotContain("development build");
  }

  @Test
  void certInfoJson_sample_exitsZeroWithTheSha1() throws Exception {
    Run r = smime(Map.of(), "cert", "info", "--json", ALICE.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode cert = JSON.readTree(r.out()).get("certificates").get(0);
    String sha1 = HexFormat.of().formatHex(sha1(Files.readAllBytes(ALICE)));
    assertThat(cert.get("sha1").asText()).isEqualToIgnoringCase(sha1);
    assertThat(cert.get("subject").asText()).contains("CN=Alice Example");
  }

  @Test
  void certInfo_garbageFile_exits3WithOneStderrLineAndNoStackTrace() throws Exception {
    Path junk = dir.resolve("junk.cer");
    Files.writeString(junk, "GARBAGE, not a certificate at all\n", StandardCharsets.UTF_8);

    Run r = smime(Map.of(), "cert", "info", junk.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("smime: ").doesNotContain("Exception", "\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void p12Info_passwordFromChildEnvironment_exitsZero() throws Exception {
    Run r =
        smime(
            Map.of("PW", "smimekit-demo"),
            "p12",
            "info",
            ALICE_P12.toString(),
            "--password-env",
            "PW",
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("smimekit-demo");
    assertThat(JSON.readTree(r.out()).get("friendlyName").asText()).isEqualTo("Alice Example");
  }

  @Test
  void p12Info_wrongPassword_exits3WithoutEchoingIt() throws Exception {
    Run r =
        smime(
            Map.of("PW", "not-the-password"),
            "p12",
            "info",
            ALICE_P12.toString(),
            "--password-env",
            "PW");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.out() + r.err()).doesNotContain("not-the-password");
  }

  /**
   * The .sst pool is read by smime-sst's {@code CertificateBundleReader}, which the CLI passes to
   * the pool explicitly: this fails if the shaded jar drops or mangles smime-sst's classes.
   */
  @Test
  void chainBuild_poolFromSstMadeBySstCreate_exitsZeroWithTheFullChain() throws Exception {
    Path sst = dir.resolve("pool.sst");
    Run created = smime(Map.of(), "sst", "create", "--out", sst.toString(), ISSUING_CA.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(sst).isNotEmptyFile();

    Run r =
        smime(
            Map.of(),
            "chain",
            "build",
            ALICE.toString(),
            "--pool",
            sst.toString(),
            "--anchor",
            ROOT.toString(),
            "--at",
            AT,
            "--json");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("valid").asBoolean()).isTrue();
    assertThat(doc.get("anchored").asBoolean()).isTrue();
    assertThat(doc.get("chain")).hasSize(3);
  }

  /** What a finished child process left behind. */
  private record Run(int exitCode, String out, String err) {}

  /** Runs {@code java -jar <jar> args...} in the module folder with {@code env} added. */
  private Run smime(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> childEnv = builder.environment();
    // the JVM itself would print "Picked up ..." to stderr for these, which is not smime's output
    childEnv.remove("JAVA_TOOL_OPTIONS");
    childEnv.remove("JDK_JAVA_OPTIONS");
    childEnv.remove("_JAVA_OPTIONS");
    childEnv.remove("PW");
    childEnv.putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("smime " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static byte[] sha1(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-1").digest(data);
  }
}
