package io.github.smimekit.cli;

import io.github.smimekit.core.SmimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top-level {@code smime} command and the error handling every command shares.
 *
 * <p>A new command group is added to {@code subcommands} below; it needs no code of its own to get
 * {@code --help}, the list of its commands when called without one, suggestions for a mistyped
 * command, {@code --verbose} in any position, and the exit-code contract: see {@link BaseCommand}.
 */
@Command(
    name = "smime",
    mixinStandardHelpOptions = true,
    versionProvider = SmimeCommand.Version.class,
    description = {
      "S/MIME set-up of Exchange Online from any OS: certificates, PKCS#12 identities, chains of"
          + " trust and Microsoft serialized certificate stores (.sst).",
      "",
      "Every command that reports takes --json (one JSON document on stdout). Passwords come only"
          + " from an environment variable (--password-env VAR) or a file (--password-file FILE)."
          + " Output files are never replaced without --force. Run 'smime COMMAND --help' or"
          + " 'smime help COMMAND' for a command's options and examples."
    },
    subcommands = {
      CertCommands.class,
      P12Commands.class,
      ChainCommands.class,
      SstCommands.class,
      MessageCommands.class,
      ExchangeCommands.class,
      DemoCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = Help.EXIT_CODES,
    exitCodeList = {Help.OK, Help.FOUND_PROBLEM, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
    footerHeading = Help.EXAMPLES,
    footer = {
      "  smime demo                     # the whole set-up on a demo organisation",
      "  smime cert info samples/alice.cer",
      "  smime chain build samples/alice.cer --pool samples/issuing-ca.cer --anchor samples/root.cer",
      "  smime sst create --out chainOfTrust.sst samples/root.cer samples/issuing-ca.cer",
      "  source <(smime completion)"
    })
final class SmimeCommand {
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On failure, print the full stack trace as well as the one-line message.")
  boolean verbose;

  private SmimeCommand() {}

  static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new SmimeCommand(), new Factory(context));
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(false);
    cl.setUsageHelpWidth(100);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = verbose(parseResult);
          PrintWriter err = context.err();
          err.println("smime: " + Text.safe(describe(ex)));
          if (verbose) {
            ex.printStackTrace(err);
          }
          err.flush();
          return isBadInput(ex) ? ExitCode.BAD_INPUT : ExitCode.INTERNAL_ERROR;
        });
    cl.setParameterExceptionHandler(SmimeCommand::usageError);
    return cl;
  }

  /** Whether {@code --verbose} was given at any level (before or after the subcommand). */
  private static boolean verbose(CommandLine.ParseResult result) {
    for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Prints a usage error: one line saying what is wrong (in our words, escaped), the commands to
   * choose from or the nearest command for a typo, and where the help is. Exit 2.
   */
  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine c = ex.getCommandLine();
    PrintWriter err = c.getErr();
    String name = c.getCommandSpec().qualifiedName();
    boolean group = !c.getSubcommands().isEmpty();
    String unknownOption = null;
    for (String a : c.getUnmatchedArguments()) {
      if (a.startsWith("-") && a.length() > 1) {
        unknownOption = a;
        break;
      }
    }
    String message;
    if (unknownOption != null) {
      message = "unknown option: '" + unknownOption + "'";
    } else if (ex instanceof CommandLine.UnmatchedArgumentException u
        && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      message = (group ? "unknown command: '" : "unexpected argument: '") + first + "'";
    } else if (group && String.valueOf(ex.getMessage()).startsWith("Missing required subcommand")) {
      message = "'" + name + "' needs a command:";
    } else {
      message = clean(String.valueOf(ex.getMessage()));
    }
    err.println("smime: " + Text.safe(message));
    if (message.endsWith("needs a command:")) {
      err.print(c.getHelp().commandList());
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException u && unknownOption == null) {
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty()) {
        err.println(
            "Did you mean: "
                + Text.safe(name + " " + String.join(" or " + name + " ", suggestions))
                + "?");
      }
    }
    err.println("Try '" + name + " --help' for its usage, options and examples.");
    err.flush();
    return ExitCode.USAGE;
  }

  /** A picocli message as a lower-case fragment without picocli's own {@code "Error: "}. */
  private static String clean(String message) {
    String m = String.valueOf(message).strip();
    while (m.startsWith("Error: ") || m.startsWith("error: ")) {
      m = m.substring("Error: ".length());
    }
    if (m.length() > 1
        && Character.isUpperCase(m.charAt(0))
        && Character.isLowerCase(m.charAt(1))) {
      m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
    return m;
  }

  private static boolean isBadInput(Exception ex) {
    return ex instanceof SmimeException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex instanceof BadInputException;
  }

  /** The one line an exception becomes, in our words. */
  static String describe(Throwable ex) {
    if (ex instanceof UncheckedIOException e && e.getCause() != null) {
      return describe(e.getCause());
    }
    if (ex instanceof FileSystemException e && e.getFile() != null) {
      return e.getFile() + ": " + Inputs.ioReason(e);
    }
    if (ex instanceof IOException e) {
      return "input/output error"
          + (e.getMessage() == null ? "" : " (" + e.getMessage().toLowerCase(Locale.ROOT) + ")");
    }
    if (ex instanceof SmimeException || ex instanceof BadInputException) {
      return String.valueOf(ex.getMessage());
    }
    return "internal error ("
        + ex.getClass().getSimpleName()
        + "): "
        + ex.getMessage()
        + "; run with --verbose and report it";
  }

  /** Creates command objects with the context injected. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (BaseCommand.class.isAssignableFrom(cls)) {
        K instance = fallback.create(cls);
        ((BaseCommand) instance).context = context;
        return instance;
      }
      return fallback.create(cls);
    }
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SmimeCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "smime " + (v == null ? "(development build)" : v),
        "Java " + System.getProperty("java.version")
      };
    }
  }
}
