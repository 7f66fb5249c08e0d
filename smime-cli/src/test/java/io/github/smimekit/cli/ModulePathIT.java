package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command started on the module path ({@code java -p ... -m io.github.smimekit.cli/...}), so
 * every {@code module-info} descriptor (requires, exports, opens to picocli) is resolved and used
 * as a modular application would use it; the shaded jar drops them and the unit tests run on the
 * class path. Run by failsafe in {@code mvn verify}, which passes the module jar as {@code
 * smime.moduleJar} and the file listing its runtime dependencies as {@code smime.runtimeClasspath}.
 */
final class ModulePathIT {
  private static final Path SAMPLES = Path.of("../samples");
  private static final String MAIN = "io.github.smimekit.cli/io.github.smimekit.cli.Main";

  /** A time at which the whole sample chain is valid, so the test does not depend on "now". */
  private static final String AT = "2026-12-01T00:00:00Z";

  /** A hung child must not hang the build; this is a guard, not a timing assertion. */
  private static final long TIMEOUT_SECONDS = 120;

  private static String modulePath = "";

  @TempDir Path dir;

  @BeforeAll
  static void findModulePath() throws IOException {
    String jar = System.getProperty("smime.moduleJar");
    String classpathFile = System.getProperty("smime.runtimeClasspath");
    assertThat(jar).as("system property smime.moduleJar (set by failsafe)").isNotBlank();
    assertThat(classpathFile).as("system property smime.runtimeClasspath").isNotBlank();
    assertThat(Path.of(jar)).as("the module jar, built in the package phase").isRegularFile();
    String dependencies = Files.readString(Path.of(classpathFile), StandardCharsets.UTF_8).strip();
    assertThat(dependencies).as("runtime dependencies of smime-cli").contains("smime-core");
    modulePath = jar + File.pathSeparator + dependencies;
  }

  @Test
  void certInfo_onTheModulePath_readsTheSample() throws Exception {
    Run r = smime("cert", "info", SAMPLES.resolve("alice.cer").toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("CN=Alice Example").contains("alice@contoso.example");
  }

  @Test
  void chainBuildAndSstRoundTrip_onTheModulePath_useEveryModule() throws Exception {
    Path sst = dir.resolve("chain.sst");
    Run chain =
        smime(
            "chain",
            "build",
            SAMPLES.resolve("alice.cer").toString(),
            "--pool",
            SAMPLES.resolve("issuing-ca.cer").toString(),
            "--anchor",
            SAMPLES.resolve("root.cer").toString(),
            "--at",
            AT);
    Run create =
        smime(
            "sst",
            "create",
            "--out",
            sst.toString(),
            SAMPLES.resolve("root.cer").toString(),
            SAMPLES.resolve("issuing-ca.cer").toString());
    Run list = smime("sst", "list", sst.toString());

    assertThat(chain.exitCode()).as(chain.err()).isZero();
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("2 entries");
  }

  @Test
  void p12Info_wrongPassword_onTheModulePath_exits3() throws Exception {
    Path password = dir.resolve("password.txt");
    Files.writeString(password, "not the password", StandardCharsets.UTF_8);

    Run r =
        smime(
            "p12",
            "info",
            SAMPLES.resolve("alice.p12").toString(),
            "--password-file",
            password.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(3);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("not the password");
  }

  private record Run(int exitCode, String out, String err) {}

  private Run smime(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-p");
    command.add(modulePath);
    command.add("-m");
    command.add(MAIN);
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // the JVM itself would print "Picked up ..." to stderr for these, which is not smime's output
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
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

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
