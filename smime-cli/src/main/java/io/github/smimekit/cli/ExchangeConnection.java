package io.github.smimekit.cli;

import io.github.smimekit.core.Password;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;

/**
 * The Admin API connection of {@code smime exchange apply|verify|audit} and the live form of {@code
 * plan}; the app certificate's password is {@code --password-env}/{@code --password-file}. Use it
 * as an {@code ArgGroup(exclusive = false, multiplicity = "1", heading =
 * ExchangeConnection.HEADING)} field and call {@link #client}.
 */
final class ExchangeConnection extends AdminApiConnection {
  @ArgGroup(exclusive = true)
  @Nullable PasswordOptions password;

  @Override
  String passwordForms() {
    return "--password-env VAR or --password-file F";
  }

  @Override
  boolean passwordGiven() {
    return password != null;
  }

  @Override
  Password readPassword(BaseCommand command) throws IOException {
    return Objects.requireNonNull(password, "password").read(command);
  }
}
