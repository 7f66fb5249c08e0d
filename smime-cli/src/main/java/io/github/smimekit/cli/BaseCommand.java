package io.github.smimekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

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

  /** The given time, or now from the context's clock. */
  Instant timeOrNow(@Nullable Instant at) {
    return at != null ? at : context.clock().instant();
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
