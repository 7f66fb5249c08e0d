package io.github.smimekit.mail;

/** Why Outlook on the web would not encrypt to a candidate certificate (spec section 3.2). */
public enum RejectionReason {
  /** The recipient has no candidate certificate at all. */
  NO_CERTIFICATE,
  /**
   * The directory has no recipient with this address, so Outlook on the web treats it as a one-off
   * address and looks up no certificate.
   */
  NOT_IN_DIRECTORY,
  /**
   * A {@code UserCertificate} candidate that is not considered because the recipient's {@code
   * UserSMimeCertificate} holds a certificate and is used exclusively ({@link
   * UserSMimeCertificates#EXCLUSIVE}).
   */
  HIDDEN_BY_USER_SMIME_CERTIFICATE,
  /**
   * The certificate's e-mail (first subjectAltName rfc822Name, else subject {@code E=}) is not the
   * recipient's primary SMTP address (nor, when allowed, one of its proxy addresses).
   */
  EMAIL_MISMATCH,
  /** The key is neither RSA nor EC, so neither key transport nor key agreement applies. */
  KEY_TYPE,
  /**
   * The keyUsage extension lacks keyEncipherment (RSA) or both keyAgreement and keyEncipherment
   * (EC).
   */
  KEY_USAGE,
  /** The extendedKeyUsage extension does not allow emailProtection (1.3.6.1.5.5.7.3.4). */
  EXTENDED_KEY_USAGE,
  /** The certificate has expired at the time of the test. */
  EXPIRED,
  /** The certificate is not yet valid at the time of the test. */
  NOT_YET_VALID,
  /** No valid chain leads from the certificate to a CA of the trust store. */
  CHAIN
}
