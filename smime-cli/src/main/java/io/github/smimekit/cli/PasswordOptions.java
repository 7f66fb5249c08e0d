package io.github.smimekit.cli;

import io.github.smimekit.core.Password;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a password comes from: an environment variable or a file, never the command line (where it
 * would show in the process list and the shell history).
 */
final class PasswordOptions {
  /** A password file larger than this is not a password file. */
  static final long MAX_PASSWORD_FILE_BYTES = 64 * 1024;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Read the password from environment variable VAR (may be set but empty).")
  @Nullable String env;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the password from FILE (UTF-8; one trailing line break is ignored).")
  @Nullable Path file;

  /** Reads the password; the caller destroys it after use. */
  Password read(CliContext context) throws IOException {
    if (env != null) {
      String value = context.env().get(env);
      if (value == null) {
        throw new BadInputException("environment variable " + env + " is not set");
      }
      char[] chars = value.toCharArray();
      try {
        return Password.of(chars);
      } finally {
        Arrays.fill(chars, '\0');
      }
    }
    if (file == null) {
      throw new IllegalStateException("picocli should have required a password option");
    }
    return Password.readUtf8(file, MAX_PASSWORD_FILE_BYTES); // bounded while reading
  }
}
