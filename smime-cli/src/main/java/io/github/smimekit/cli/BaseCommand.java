package io.github.smimekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Shared plumbing of the commands: output, JSON, time. */
abstract class BaseCommand {
  private static final ObjectWriter JSON =
      JsonMapper.builder()
          .build()
          .writer(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  /** Set by the command factory before the command runs. */
  @SuppressWarnings("NullAway.Init")
  CliContext context;

  PrintWriter out() {
    return context.out();
  }

  PrintWriter err() {
    return context.err();
  }

  /** {@code --json}: every command that reports takes it. */
  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

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
