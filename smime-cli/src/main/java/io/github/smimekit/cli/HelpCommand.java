package io.github.smimekit.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code smime help [COMMAND...]}: the help of any command, however deep ({@code smime help cert
 * check} shows the page of {@code cert check}, which picocli's built-in help command does not).
 */
@Command(
    name = "help",
    header = "Show the help of a command.",
    helpCommand = true,
    mixinStandardHelpOptions = true,
    description = "Show the help of a command: smime help cert check is smime cert check --help.",
    footerHeading = Help.EXAMPLES,
    footer = {"  smime help", "  smime help sst convert"})
final class HelpCommand implements Runnable {
  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command, e.g. cert check (default: the smime command itself).")
  List<String> names = new ArrayList<>();

  @CommandLine.Spec
  @SuppressWarnings("NullAway.Init")
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    CommandLine target = spec.root().commandLine();
    for (String name : names) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown command: '"
                + name
                + "' (commands of "
                + target.getCommandSpec().qualifiedName()
                + ": "
                + String.join(", ", target.getSubcommands().keySet())
                + ")");
      }
      target = next;
    }
    spec.commandLine().getOut().print(target.getUsageMessage());
    spec.commandLine().getOut().flush();
  }
}
