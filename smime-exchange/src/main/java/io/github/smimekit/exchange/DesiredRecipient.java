package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One recipient of a desired state: who it is and which certificates it should hold in {@code
 * UserCertificate} (the planner drops expired ones and keeps the newest).
 *
 * @param type the kind of recipient
 * @param identity how the cmdlets address it
 * @param name for a mail contact: the {@code -Name} used when it must be created
 * @param externalEmailAddress for a mail contact: its external address (default: the identity)
 * @param certificates the certificates it should hold, in file order
 */
public record DesiredRecipient(
    RecipientType type,
    RecipientIdentity identity,
    Optional<String> name,
    Optional<String> externalEmailAddress,
    List<X509Certificate> certificates) {
  /** Validates and copies. */
  public DesiredRecipient {
    requireNonNull(type, "type");
    requireNonNull(identity, "identity");
    requireNonNull(name, "name");
    requireNonNull(externalEmailAddress, "externalEmailAddress");
    certificates = List.copyOf(certificates);
    name.ifPresent(n -> RecipientIdentity.checkText(n, "contact name", identity.value()));
    externalEmailAddress.ifPresent(
        a -> RecipientIdentity.checkText(a, "contact address", identity.value()));
  }

  /** A mailbox, mail user or contact without contact details. */
  public static DesiredRecipient of(
      RecipientType type, String identity, List<X509Certificate> certificates) {
    return new DesiredRecipient(
        type, RecipientIdentity.of(identity), Optional.empty(), Optional.empty(), certificates);
  }

  /** A mail contact with the details {@code New-MailContact} needs. */
  public static DesiredRecipient contact(
      String identity, String name, String externalEmailAddress, List<X509Certificate> certs) {
    return new DesiredRecipient(
        RecipientType.MAIL_CONTACT,
        RecipientIdentity.of(identity),
        Optional.of(name),
        Optional.of(externalEmailAddress),
        certs);
  }

  /** A copy holding {@code newCertificates} instead. */
  public DesiredRecipient withCertificates(List<X509Certificate> newCertificates) {
    return new DesiredRecipient(type, identity, name, externalEmailAddress, newCertificates);
  }
}
