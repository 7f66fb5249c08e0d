package io.github.smimekit.exchange;

import io.github.smimekit.exchange.internal.desired.StateFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the tenant should hold: recipients with their certificates and, optionally, the issuing-CA
 * store. Read from a desired-state file (JSON; schema {@code desired-state.schema.json} in this
 * package's resources) or built in code.
 *
 * @param recipients the recipients, in file order, each identity once
 * @param issuingCa where the issuing-CA store comes from; empty to leave the tenant's as it is
 */
public record DesiredState(List<DesiredRecipient> recipients, Optional<IssuingCa> issuingCa) {
  /**
   * Validates and copies.
   *
   * @throws ExchangeException if an identity appears twice (ignoring case)
   */
  public DesiredState {
    recipients = List.copyOf(recipients);
    Set<String> seen = new HashSet<>();
    for (DesiredRecipient r : recipients) {
      if (!seen.add(r.identity().value().toLowerCase(Locale.ROOT))) {
        throw new ExchangeException(
            "recipient '" + r.identity() + "' is listed twice", r.identity().value());
      }
    }
    java.util.Objects.requireNonNull(issuingCa, "issuingCa");
  }

  /**
   * Reads a desired-state file. Relative paths in it resolve against the file's folder.
   *
   * @param file the JSON file
   * @return the state, with every certificate read
   * @throws IOException if the file cannot be read
   * @throws DesiredStateException if the file is malformed, has an unknown field, or names a
   *     certificate that is missing, unreadable or a PKCS#12
   */
  public static DesiredState read(Path file) throws IOException {
    return StateFileReader.readDesired(file);
  }

  /**
   * Reads a current-state file ({@code --current}, what {@code export-script} writes): the
   * desired-state schema plus {@code primarySmtpAddress}, {@code proxyAddresses}, {@code
   * userSMimeCertificate} and {@code issuingCa: {"base64": ...}}.
   *
   * @param file the JSON file
   * @return the tenant state it describes
   * @throws IOException if the file cannot be read
   * @throws DesiredStateException if the file is malformed or has an unknown field
   */
  public static TenantState readCurrent(Path file) throws IOException {
    return StateFileReader.readCurrent(file);
  }
}
