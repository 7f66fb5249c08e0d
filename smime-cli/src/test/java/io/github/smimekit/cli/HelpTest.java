package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Help on every command: {@code --help}, {@code -h}, {@code smime help ...}, usage errors. */
final class HelpTest {

  /** Every command path of the {@code smime} command, e.g. {@code ["cert", "info"]}. */
  static Stream<List<String>> commands() {
    CommandLine root =
        SmimeCommand.commandLine(
            new CliContext(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Map.of(),
                Clock.systemUTC()));
    List<List<String>> all = new ArrayList<>();
    collect(root, new ArrayList<>(), all);
    return all.stream();
  }

  private static void collect(CommandLine c, List<String> path, List<List<String>> all) {
    for (Map.Entry<String, CommandLine> e : c.getSubcommands().entrySet()) {
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      all.add(p);
      collect(e.getValue(), p, all);
    }
  }

  private static CommandSpec spec(List<String> path) {
    CommandLine c =
        SmimeCommand.commandLine(
            new CliContext(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Map.of(),
                Clock.systemUTC()));
    for (String name : path) {
      c = c.getSubcommands().get(name);
    }
    return c.getCommandSpec();
  }

  @Test
  void commands_coverEveryGroupAndCommand() {
    assertThat(commands().map(p -> String.join(" ", p)))
        .contains(
            "cert",
            "cert info",
            "cert check",
            "p12 info",
            "p12 export-cert",
            "chain build",
            "sst list",
            "sst create",
            "sst convert",
            "sst verify",
            "completion",
            "help");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_everyCommand_showsOwnUsageEveryOptionDocumentedAndAnExample(List<String> path) {
    String name = "smime " + String.join(" ", path);
    for (String flag : List.of("--help", "-h")) {
      List<String> args = new ArrayList<>(path);
      args.add(flag);
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));

      assertThat(r.exitCode()).as(name + " " + flag + ": " + r.err()).isZero();
      assertThat(r.out()).as(name).contains("Usage: " + name + " ").contains("Examples:");
      assertThat(r.err()).isEmpty();
      for (OptionSpec o : spec(path).options()) {
        assertThat(r.out()).as(name + " documents " + o.longestName()).contains(o.longestName());
        assertThat(String.join(" ", o.description()))
            .as(name + " " + o.longestName() + " has a description")
            .isNotBlank();
      }
    }
    List<String> viaHelp = new ArrayList<>();
    viaHelp.add("help");
    viaHelp.addAll(path);
    CliRunner.Result h = CliRunner.run(viaHelp.toArray(String[]::new));
    assertThat(h.exitCode()).isZero();
    assertThat(h.out()).as("smime help " + path).contains("Usage: " + name + " ");
  }

  @Test
  void help_leafCommandWithRequiredParameter_showsHelpNotMissingParameter() {
    CliRunner.Result r = CliRunner.run("cert", "info", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: smime cert info").contains("FILE");
    assertThat(r.err()).doesNotContain("Missing");
  }

  @Test
  void helpCommand_nested_showsThePageOfTheLastCommand() {
    CliRunner.Result r = CliRunner.run("help", "cert", "check");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Usage: smime cert check")
        .contains("--email")
        .contains("--expiring-within")
        .doesNotContain("Usage: smime cert [");
  }

  @Test
  void helpCommand_unknownCommand_exit2NamesTheChoices() {
    CliRunner.Result r = CliRunner.run("help", "cert", "nope");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown command: 'nope'").contains("info, check");
  }

  @Test
  void options_namedInTheIssue_areAllDocumented() {
    StringBuilder all = new StringBuilder();
    commands().forEach(p -> all.append(CliRunner.run(concat(p, "--help")).out()));
    assertThat(all.toString())
        .contains(
            "--lenient",
            "--profile",
            "--alias",
            "--thumbprint",
            "--format",
            "--at",
            "--size-limit",
            "--expiring-within",
            "--password-file",
            "--password-env",
            "--all",
            "--force",
            "--verbose",
            "--json");
  }

  @Test
  void group_withoutCommand_listsItsCommandsExit2() {
    CliRunner.Result r = CliRunner.run("cert");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'smime cert' needs a command").contains("info").contains("check");
    assertThat(r.err()).contains("Try 'smime cert --help'");
  }

  @Test
  void noCommand_listsTheCommandsExit2() {
    CliRunner.Result r = CliRunner.run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cert", "p12", "chain", "sst", "completion", "help");
  }

  @Test
  void mistypedCommand_suggestsTheNearest() {
    CliRunner.Result r = CliRunner.run("cert", "inof", "x.cer");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("unknown command: 'inof'")
        .contains("Did you mean: smime cert info");
  }

  @Test
  void unknownOptionBeforeMissingFile_saysUnknownOption() {
    CliRunner.Result r = CliRunner.run("cert", "info", "-x.cer");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown option: '-x.cer'").doesNotContain("Missing", "missing");
  }

  @Test
  void usageErrors_pointAtAHelpThatWorks() {
    for (String[] args :
        List.of(
            new String[] {"cert", "info"},
            new String[] {"cert", "--frob"},
            new String[] {"sst", "convert", "x.sst"},
            new String[] {"p12", "info", "x.p12"})) {
      CliRunner.Result r = CliRunner.run(args);
      assertThat(r.exitCode()).isEqualTo(2);
      String hint = r.err().lines().filter(l -> l.startsWith("Try '")).findFirst().orElseThrow();
      String command = hint.substring("Try '".length(), hint.indexOf('\'', 5));
      String[] helpArgs = command.substring("smime ".length()).split(" ");
      CliRunner.Result help = CliRunner.run(helpArgs);
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).contains("Usage: smime");
    }
  }

  @Test
  void missingRequiredArgument_prefixNotDoubled() {
    CliRunner.Result r = CliRunner.run("p12", "info", "x.p12");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("smime: missing required argument").doesNotContain("Error:");
  }

  @Test
  void completion_printsABashScriptForEveryCommandAndOption() {
    CliRunner.Result r = CliRunner.run("completion");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("complete -F")
        .contains("export-cert")
        .contains("--password-env")
        .contains("--size-limit");
  }

  @Test
  void topLevelHelp_isAManPage() {
    CliRunner.Result r = CliRunner.run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Usage: smime")
        .contains("Commands:")
        .contains("Exit codes:")
        .contains("70")
        .contains("Examples:")
        .contains("--password-env");
  }

  private static String[] concat(List<String> path, String flag) {
    List<String> a = new ArrayList<>(path);
    a.add(flag);
    return a.toArray(String[]::new);
  }
}
