package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows README.md as a newcomer would: clones the repository into an empty folder and runs, in
 * the clone, every {@code ./smime ...} line of README's {@code ```sh} blocks in order, the demo
 * first, so README cannot rot. The launcher finds the jar this build made (copied into the clone),
 * so nothing is built twice.
 *
 * <p>Conventions for README's shell blocks: a line ending in {@code \} continues on the next; text
 * after {@code #} is a comment; {@code # exit N} says the line exits with N (0 otherwise); {@code #
 * needs a tenant} marks a line that needs a real Exchange Online tenant and {@code # needs the
 * network} one that fetches from the internet (a public CA's caIssuers URL), {@code # needs the
 * fake} one that talks to a fake started in the background (ExchangeLiveCommandsTest runs that
 * path); all three are skipped (and reported); {@code export VAR=value} sets the environment of the
 * lines after it; scratch files under {@code /tmp/} go to a fresh temporary folder. Lines that are
 * not {@code ./smime} commands ({@code mvn}, {@code pwsh}) are not run.
 */
final class ReadmeCommandsIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final boolean CI = "true".equals(System.getenv("CI"));
  private static final Pattern SH_BLOCK = Pattern.compile("(?s)```sh\\n(.*?)```");
  private static final Pattern EXIT = Pattern.compile("\\bexit (\\d+)\\b");
  private static final Pattern EXPORT = Pattern.compile("export ([A-Za-z_][A-Za-z0-9_]*)=(\\S+)");
  private static final String TENANT_MARK = "needs a tenant";
  private static final String NETWORK_MARK = "needs the network";
  private static final String FAKE_MARK = "needs the fake";

  /** A hung child must not hang the build; a guard, not a timing assertion. */
  private static final long TIMEOUT_SECONDS = 180;

  /** One README line, as run. */
  record Line(String command, int expectedExit, boolean needsTenant, Map<String, String> env) {}

  /** The {@code ./smime} lines of README's shell blocks, in order. */
  static List<Line> lines(String readme) {
    List<Line> out = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    Matcher m = SH_BLOCK.matcher(readme);
    while (m.find()) {
      String block = m.group(1).replace("\\\n", " ");
      for (String raw : block.split("\n", -1)) {
        String line = raw.strip();
        String comment = "";
        int hash = line.indexOf(" #");
        if (line.startsWith("#")) {
          continue;
        }
        if (hash >= 0) {
          comment = line.substring(hash + 2);
          line = line.substring(0, hash).strip();
        }
        Matcher export = EXPORT.matcher(line);
        if (export.matches()) {
          env.put(export.group(1), export.group(2));
          continue;
        }
        if (!line.startsWith("./smime ")) {
          continue;
        }
        Matcher exit = EXIT.matcher(comment);
        out.add(
            new Line(
                line.replaceAll("\\s+", " "),
                exit.find() ? Integer.parseInt(exit.group(1)) : 0,
                comment.contains(TENANT_MARK)
                    || comment.contains(NETWORK_MARK)
                    || comment.contains(FAKE_MARK),
                Map.copyOf(env)));
      }
    }
    return out;
  }

  @Test
  void lines_parseContinuationsCommentsExitCodesAndTenantMarks() {
    String readme =
        "text\n```sh\nexport P=x\n./smime a \\\n    b   # exit 1: why\n"
            + "./smime c   # needs a tenant\n./smime d   # needs the network: why\nmvn -B verify\n```\n"
            + "```java\n./smime no\n```\n";

    List<Line> lines = lines(readme);

    assertThat(lines)
        .containsExactly(
            new Line("./smime a b", 1, false, Map.of("P", "x")),
            new Line("./smime c", 0, true, Map.of("P", "x")),
            new Line("./smime d", 0, true, Map.of("P", "x")));
  }

  @Test
  void readme_everySmimeLine_runsFromAFreshCloneWithTheDocumentedExitCode(@TempDir Path tmp)
      throws Exception {
    assumeTrue(gitAvailable(), "git is needed to clone the repository");
    String jarProperty = System.getProperty("smime.jar");
    assertThat(jarProperty).as("system property smime.jar (set by failsafe)").isNotBlank();
    Path jar = Path.of(jarProperty);
    assertThat(jar).isRegularFile();

    Path clone = tmp.resolve("smimekit");
    String cloned =
        run(List.of("git", "clone", "-q", ROOT.toString(), clone.toString()), tmp, Map.of());
    assertThat(clone.resolve("smime")).as("clone: %s", cloned).isRegularFile();
    // the launcher uses a jar newer than every source: the one this build made
    Path target = Files.createDirectories(clone.resolve("smime-cli/target"));
    Path copy = target.resolve(jar.getFileName());
    Files.copy(jar, copy);
    Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));

    List<Line> lines = lines(Files.readString(clone.resolve("README.md"), StandardCharsets.UTF_8));
    assertThat(lines).as("README's ./smime lines").hasSizeGreaterThan(10);
    assertThat(lines.get(0).command()).as("the newcomer's first command").isEqualTo("./smime demo");

    List<String> skipped = new ArrayList<>();
    for (Line line : lines) {
      if (line.needsTenant()) {
        skipped.add(line.command());
        continue;
      }
      assertThat(line.command()).as("README lines are runnable as written").doesNotContain("...");
      List<String> command = new ArrayList<>();
      command.add(clone.resolve("smime").toString());
      for (String arg : line.command().substring("./smime ".length()).split(" ", -1)) {
        command.add(arg.replace("/tmp/", scratch + "/"));
      }
      Result r = exec(command, clone, line.env());
      assertThat(r.exitCode())
          .as("%s%nstdout:%n%s%nstderr:%n%s", line.command(), r.out(), r.err())
          .isEqualTo(line.expectedExit());
    }
    assertThat(clone.resolve("smime-demo/audit.html")).isRegularFile();
    System.out.println("README lines needing a tenant, not run: " + skipped);
  }

  record Result(int exitCode, String out, String err) {}

  private static Result exec(List<String> command, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
    Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String run(List<String> command, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    Result r = exec(command, dir, env);
    assertThat(r.exitCode()).as("%s: %s", command, r.err()).isZero();
    return r.out();
  }

  private static boolean gitAvailable() {
    boolean present;
    try {
      Process p = new ProcessBuilder("git", "--version").start();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    present = present && Files.exists(ROOT.resolve(".git"));
    if (!present && CI) {
      throw new AssertionError("CI=true but git or the repository's .git is missing");
    }
    return present;
  }
}
