package io.github.smimekit.cli;

import io.github.smimekit.core.SmimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code smime} command. */
@Command(
    name = "smime",
    mixinStandardHelpOptions = true,
    versionProvider = SmimeCommand.Version.class,
    description = "S/MIME set-up of Exchange Online: certificates, PKCS#12, chains, .sst stores.",
    subcommands = {
      CertCommands.class,
      P12Commands.class,
      ChainCommands.class,
      SstCommands.class,
      MessageCommands.class,
      ExchangeCommands.class,
      CommandLine.HelpCommand.class
    })
final class SmimeCommand implements Runnable {
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On failure, print the full stack trace as well as the one-line message.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new SmimeCommand(), new Factory(context));
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = parseResult.hasMatchedOption("--verbose");
          context.err().println("smime: " + describe(ex));
          if (verbose) {
            ex.printStackTrace(context.err());
          }
          context.err().flush();
          return isBadInput(ex) ? ExitCode.BAD_INPUT : ExitCode.INTERNAL_ERROR;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("smime: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          c.getErr().flush();
          return ExitCode.USAGE;
        });
    return cl;
  }

  private static boolean isBadInput(Exception ex) {
    return ex instanceof SmimeException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex instanceof BadInputException;
  }

  private static String describe(Exception ex) {
    if (ex instanceof NoSuchFileException e) {
      return "no such file: " + e.getFile();
    }
    if (ex instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (ex instanceof UncheckedIOException e) {
      return describe(Objects.requireNonNull(e.getCause()));
    }
    if (ex instanceof IOException e) {
      return "i/o error: " + e.getMessage();
    }
    if (ex instanceof SmimeException e) {
      return e.getMessage();
    }
    if (ex instanceof BadInputException e) {
      return e.getMessage();
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
