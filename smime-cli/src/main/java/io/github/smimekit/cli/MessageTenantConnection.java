package io.github.smimekit.cli;

import io.github.smimekit.core.Password;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The Admin API connection of {@code smime message test}'s live form. Its {@code --password-env}
 * and {@code --password-file} are the sender's, so the app certificate's password (with {@code
 * --client-id}) is {@code --certificate-password-env}/{@code --certificate-password-file}.
 */
final class MessageTenantConnection extends AdminApiConnection {
  @Option(
      names = "--certificate-password-env",
      paramLabel = "VAR",
      description =
          "With --client-id: read the app certificate's password from the environment variable"
              + " named VAR (its name, not the password).")
  @Nullable String certificatePasswordEnv;

  @Option(
      names = "--certificate-password-file",
      paramLabel = "FILE",
      description =
          "With --client-id: read the app certificate's password from FILE (UTF-8, at most 64"
              + " KiB; one trailing line break is ignored).")
  @Nullable Path certificatePasswordFile;

  @Override
  String passwordForms() {
    return "--certificate-password-env VAR or --certificate-password-file F";
  }

  @Override
  boolean passwordGiven() {
    return certificatePasswordEnv != null || certificatePasswordFile != null;
  }

  @Override
  Password readPassword(BaseCommand command) throws IOException {
    if (certificatePasswordEnv != null && certificatePasswordFile != null) {
      throw command.usage(
          "--certificate-password-env and --certificate-password-file exclude each other");
    }
    return PasswordOptions.read(
        command, certificatePasswordEnv, certificatePasswordFile, "--certificate-password-env");
  }
}
