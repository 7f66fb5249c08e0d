package io.github.smimekit.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Option value converters. */
final class Converters {
  private Converters() {}

  /**
   * Reads {@code --at}: an ISO-8601 instant ({@code 2026-01-31T12:00:00Z}), a date-time with offset
   * ({@code 2026-01-31T13:00:00+01:00}) or a date ({@code 2026-01-31}, meaning 00:00 UTC).
   */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException ignored) {
        // try the other forms
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException ignored) {
        // try a plain date
      }
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "not a time: '" + value + "' (expected e.g. 2026-01-31T12:00:00Z or 2026-01-31)");
      }
    }
  }
}
