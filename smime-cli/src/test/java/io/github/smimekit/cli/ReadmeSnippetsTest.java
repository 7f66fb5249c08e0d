package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets compile as written: each {@code ```java} block of {@code ../README.md}
 * (its imports, then statements) is compiled with {@code javax.tools} against the test class path,
 * which holds smime-core and smime-sst as a user's project would.
 */
final class ReadmeSnippetsTest {
  static final Path README = Path.of("../README.md");
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

  static List<String> snippets() throws Exception {
    Matcher m = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** A block as a compilation unit: its imports, and its statements in a method. */
  static String unit(String name, String block) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    if (block.contains(" class ")) {
      return block;
    }
    return imports
        + "final class "
        + name
        + " {\n  static void run() throws Exception {\n"
        + body
        + "  }\n}\n";
  }

  @Test
  void readme_javaSnippets_compileAgainstTheSdk(@TempDir Path out) throws Exception {
    List<String> blocks = snippets();
    assertThat(blocks).as("one snippet per task").hasSizeGreaterThanOrEqualTo(4);
    java.util.spi.ToolProvider javac =
        java.util.spi.ToolProvider.findFirst("javac")
            .orElseThrow(() -> new AssertionError("no javac"));
    List<String> args = new ArrayList<>(List.of("-proc:none", "--release", "17", "-d"));
    args.add(out.resolve("classes").toString());
    Files.createDirectories(out.resolve("classes"));
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    args.add("-classpath");
    args.add(classPath);
    for (int i = 0; i < blocks.size(); i++) {
      String name = "ReadmeSnippet" + i;
      Path source = out.resolve(name + ".java");
      Files.writeString(source, unit(name, blocks.get(i)), StandardCharsets.UTF_8);
      args.add(source.toString());
    }
    StringWriter diagnostics = new StringWriter();
    PrintWriter pw = new PrintWriter(diagnostics);
    boolean ok = javac.run(pw, pw, args.toArray(String[]::new)) == 0;
    pw.flush();

    assertThat(ok).as("README snippets compile:%n%s", diagnostics).isTrue();
    assertThat(classPath.split(File.pathSeparator))
        .anyMatch(p -> p.contains("smime-sst"))
        .anyMatch(p -> p.contains("smime-core"));
  }

  @Test
  void readme_sdkSection_namesTheModulesTheSnippetsNeed() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String sdk = readme.substring(readme.indexOf("## Use the SDK"));
    sdk = sdk.substring(0, sdk.indexOf("\n## ", 3));

    assertThat(sdk)
        .contains("<artifactId>smime-core</artifactId>")
        .contains("<artifactId>smime-sst</artifactId>")
        .contains("smime-examples")
        .contains("Maven 3.8");
  }

  @Test
  void readme_exportExample_writesOutsideTheWorkingTree() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);

    assertThat(readme).doesNotContain("--out alice.cer").doesNotContain("--out chainOfTrust.sst");
  }
}
