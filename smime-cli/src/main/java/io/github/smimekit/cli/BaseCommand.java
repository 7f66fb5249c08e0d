package io.github.smimekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.smimekit.core.CertificateFile;
import io.github.smimekit.core.Thumbprint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The shared plumbing of every {@code smime} command. A new command extends it, implements {@code
 * Callable<Integer>} (returning an {@link ExitCode}) and gets:
 *
 * <ul>
 *   <li>{@link #context}: stdout, stderr, the environment and the clock (injected by the factory in
 *       {@link SmimeCommand}; never {@code System.out} or {@code System.getenv()} directly);
 *   <li>{@code --json} ({@link #json}) and {@link #printJson}: one JSON document on stdout;
 *   <li>{@code -h}/{@code --help}: the command's own usage, options and examples (put examples in
 *       the {@code @Command(footer = ...)} under {@link Help#EXAMPLES}), so {@code --help} works
 *       even when a required parameter is missing;
 *   <li>{@link #printf} and {@link #warn}: text output whose arguments are escaped with {@link
 *       Text#safe} (names, e-mail addresses and file names from untrusted input cannot forge lines
 *       or send terminal escapes); the format string itself must be a constant;
 *   <li>{@link #usage}: a usage error (exit 2) that names the option, pointing at {@code --help};
 *   <li>{@link #reportSkipped} and {@link #skippedJson}: the files a directory read skipped ({@link
 *       Inputs#readAll}), on stderr in text mode and as a {@code skipped} array in JSON.
 * </ul>
 *
 * <p>Errors: throw a {@link io.github.smimekit.core.SmimeException} or {@link BadInputException}
 * for bad input (exit 3, one line on stderr, file named: see {@link Inputs#inFile}), {@link #usage}
 * for a bad option value (exit 2); anything else is an internal error (exit 70). Write files with
 * {@link OutputFile}; read them with {@link Inputs}.
 */
abstract class BaseCommand {
  private static final ObjectWriter JSON =
      JsonMapper.builder()
          // thumbprints print as Windows shows them, wherever a command puts one in its document
          .addModule(
              new SimpleModule().addSerializer(Thumbprint.class, ToStringSerializer.instance))
          .build()
          .writer(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  /** Set by the command factory before the command runs. */
  @SuppressWarnings("NullAway.Init")
  CliContext context;

  /** The command's model, injected by picocli. */
  @CommandLine.Spec
  @SuppressWarnings("NullAway.Init")
  CommandLine.Model.CommandSpec spec;

  /** {@code --json}: every command that reports takes it. */
  @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
  boolean json;

  /** {@code -h}, {@code --help}: the command's own help. */
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help (usage, options, examples) and exit.")
  boolean help;

  PrintWriter out() {
    return context.out();
  }

  PrintWriter err() {
    return context.err();
  }

  /**
   * Prints text on stdout: {@code format} is a constant (with {@code %n} for line ends), every
   * argument that is not a number is escaped with {@link Text#safe}.
   */
  void printf(String format, @Nullable Object... args) {
    out().print(String.format(Locale.ROOT, format, escaped(args)));
  }

  /**
   * Prints one line on stderr, {@code "smime: "} and the formatted message; arguments are escaped
   * as in {@link #printf}.
   */
  void warn(String format, @Nullable Object... args) {
    err().println("smime: " + String.format(Locale.ROOT, format, escaped(args)));
    err().flush();
  }

  private static Object[] escaped(@Nullable Object[] args) {
    Object[] safe = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      @Nullable Object a = args[i];
      safe[i] = a instanceof Number || a instanceof Boolean ? a : Text.safe(a);
    }
    return safe;
  }

  /**
   * A usage error (exit 2) for this command: throw what this returns. The message is a lower-case
   * fragment naming the option and its (non-secret) value.
   */
  CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * In text mode, prints each skipped file on stderr: {@code smime: skipped FILE: reason}, and for
   * each file read with PEM blocks passed over one line per label: {@code smime: FILE: skipped 1
   * PRIVATE KEY block}.
   */
  void reportSkipped(List<Inputs.Skipped> skipped) {
    if (json) {
      return;
    }
    Map<java.nio.file.Path, List<CertificateFile.Skipped>> blocks = new LinkedHashMap<>();
    for (Inputs.Skipped s : skipped) {
      CertificateFile.Skipped b = s.block();
      if (b == null) {
        warn("skipped %s: %s", s.file(), s.reason());
      } else {
        blocks.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(b);
      }
    }
    blocks.forEach(
        (file, list) -> {
          for (String line : CertificateFile.summary(list)) {
            warn("%s: %s", file, line);
          }
        });
  }

  /** The {@code skipped} array of a JSON document. */
  static List<Map<String, Object>> skippedJson(List<Inputs.Skipped> skipped) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Inputs.Skipped s : skipped) {
      list.add(s.toJson());
    }
    return list;
  }

  /** Prints one JSON document (maps keep their insertion order). */
  void printJson(Object tree) {
    try {
      out().println(JSON.writeValueAsString(tree));
      out().flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
