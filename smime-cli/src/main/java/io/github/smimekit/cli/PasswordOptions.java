package io.github.smimekit.cli;

import io.github.smimekit.core.Password;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a password comes from: an environment variable or a file, never the command line (where it
 * would show in the process list and the shell history). Use it as {@code @ArgGroup(exclusive =
 * true, multiplicity = "1") PasswordOptions password;} and call {@link #read(BaseCommand)}.
 *
 * <p>The value of {@code --password-env} is never printed: people give the password itself in place
 * of the variable's name, so a message says "the variable named by --password-env", not its name.
 */
final class PasswordOptions {
  /** A password file larger than this is not a password file. */
  static final long MAX_PASSWORD_FILE_BYTES = 64 * 1024;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description =
          "Read the password from the environment variable named VAR (its name, not the"
              + " password: e.g. --password-env P12_PASSWORD); it may be set but empty.")
  @Nullable String env;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "Read the password from FILE (UTF-8, at most 64 KiB; one trailing line break is"
              + " ignored).")
  @Nullable Path file;

  /**
   * Reads the password; the caller destroys it after use.
   *
   * @throws picocli.CommandLine.ParameterException if {@code --password-env} is not a variable name
   * @throws BadInputException if the variable is not set or the file is too large
   */
  Password read(BaseCommand command) throws IOException {
    return read(command, env, file, "--password-env");
  }

  /**
   * Reads a password from the variable named {@code env} or from {@code file}, one of which is set;
   * {@code envOption} names the option in messages.
   */
  static Password read(
      BaseCommand command, @Nullable String env, @Nullable Path file, String envOption)
      throws IOException {
    CliContext context = command.context;
    if (env != null) {
      if (!env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw command.usage(
            envOption
                + " takes the name of an environment variable (letters, digits and _),"
                + " not the password itself; the value given is not shown");
      }
      String value = context.env().get(env);
      if (value == null) {
        throw new BadInputException(
            "the environment variable named by "
                + envOption
                + " is not set (its name is not shown in case it is the password)");
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
