package io.github.smimekit.testing.exchange;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** A snapshot of one recipient the fake holds. Byte arrays are copied in and out. */
public final class FakeRecipient {
  private final String type;
  private final String name;
  private final String primarySmtpAddress;
  private final List<String> emailAddresses;
  private final String guid;
  private final List<byte[]> userCertificates;
  private final List<byte[]> userSMimeCertificates;

  FakeRecipient(
      String type,
      String name,
      String primarySmtpAddress,
      List<String> emailAddresses,
      String guid,
      List<byte[]> userCertificates,
      List<byte[]> userSMimeCertificates) {
    this.type = requireNonNull(type, "type");
    this.name = requireNonNull(name, "name");
    this.primarySmtpAddress = requireNonNull(primarySmtpAddress, "primarySmtpAddress");
    this.emailAddresses = List.copyOf(emailAddresses);
    this.guid = requireNonNull(guid, "guid");
    this.userCertificates = copy(userCertificates);
    this.userSMimeCertificates = copy(userSMimeCertificates);
  }

  private static List<byte[]> copy(List<byte[]> values) {
    List<byte[]> out = new ArrayList<>(values.size());
    for (byte[] b : values) {
      out.add(b.clone());
    }
    return out;
  }

  /** {@code Mailbox}, {@code MailUser} or {@code MailContact}. */
  public String type() {
    return type;
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The primary SMTP address. */
  public String primarySmtpAddress() {
    return primarySmtpAddress;
  }

  /** {@code EmailAddresses}: {@code SMTP:primary}, {@code smtp:proxy}, ... */
  public List<String> emailAddresses() {
    return emailAddresses;
  }

  /** The object GUID. */
  public String guid() {
    return guid;
  }

  /** Copies of the {@code UserCertificate} values. */
  public List<byte[]> userCertificates() {
    return copy(userCertificates);
  }

  /** Copies of the {@code UserSMimeCertificate} values. */
  public List<byte[]> userSMimeCertificates() {
    return copy(userSMimeCertificates);
  }

  @Override
  public String toString() {
    return "FakeRecipient["
        + type
        + " "
        + primarySmtpAddress
        + ", "
        + userCertificates.size()
        + " certificates]";
  }
}
