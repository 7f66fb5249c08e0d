package io.github.smimekit.mail;

import java.io.IOException;

/**
 * Where recipients' candidate certificates come from. The offline form of the test message takes
 * them from files; a directory-backed source (for example the Exchange Online Admin API, reading
 * {@code PrimarySmtpAddress}, {@code EmailAddresses}, {@code UserCertificate} and {@code
 * UserSMimeCertificate} of each recipient) implements this interface and plugs into {@link
 * MessageOptions.Builder#recipients(RecipientSource, java.util.List)}.
 */
@FunctionalInterface
public interface RecipientSource {
  /**
   * Looks a recipient up.
   *
   * @param address the address typed in the To line
   * @return the recipient with its candidate certificates (none when the directory has none)
   * @throws IOException if the source cannot be reached
   */
  Recipient resolve(String address) throws IOException;
}
