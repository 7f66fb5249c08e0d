package io.github.smimekit.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code smime completion}: prints the bash/zsh completion script of the whole command. */
@Command(
    name = "completion",
    header = "Print a bash/zsh completion script.",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for bash and zsh (commands, options and their values).",
      "bash: source it from ~/.bashrc; zsh: run 'autoload -U +X bashcompinit && bashcompinit'"
          + " first."
    },
    footerHeading = Help.EXAMPLES,
    footer = {
      "  source <(smime completion)                      # this shell",
      "  smime completion > ~/.local/share/bash-completion/completions/smime"
    })
final class CompletionCommand implements Runnable {
  @CommandLine.Spec
  @SuppressWarnings("NullAway.Init")
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    CommandLine root = spec.root().commandLine();
    spec.commandLine().getOut().print(AutoComplete.bash("smime", root));
    spec.commandLine().getOut().flush();
  }
}
