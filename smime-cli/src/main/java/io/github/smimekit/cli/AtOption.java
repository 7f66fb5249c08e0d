package io.github.smimekit.cli;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --at TIME}: the time a validity check is made for; now when absent. */
final class AtOption {
  @Option(
      names = "--at",
      paramLabel = "TIME",
      converter = Converters.InstantConverter.class,
      description = "Check at TIME (ISO-8601 instant or date, default: now).")
  @Nullable Instant at;

  /** The given time, or now from {@code clock}. */
  Instant orNow(Clock clock) {
    return at != null ? at : clock.instant();
  }
}
