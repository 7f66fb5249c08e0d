package io.github.smimekit.mail;

/**
 * How a recipient's {@code UserSMimeCertificate} values weigh against its {@code UserCertificate}
 * values when the certificate to encrypt to is chosen.
 *
 * <p>Which rule Outlook on the web follows in Exchange Online is not verified against a live tenant
 * (spec section 5, question 8): the decompiled OWA code takes the union (section 3.2), while
 * classic Outlook for Windows uses {@code UserSMimeCertificate} exclusively when it holds anything
 * (KB 2840546, MS-OXLDAP 2.2.5.2). Hence a setting; the default is the union.
 */
public enum UserSMimeCertificates {
  /**
   * The candidates are the union of both attributes (Outlook on the web's code). A stale {@code
   * UserSMimeCertificate} beside a fresher chosen certificate is reported as a warning, because
   * classic Outlook would use the stale one.
   */
  UNION,
  /**
   * When {@code UserSMimeCertificate} holds a certificate, only its certificates are candidates and
   * the {@code UserCertificate} ones are refused with {@link
   * RejectionReason#HIDDEN_BY_USER_SMIME_CERTIFICATE} (classic Outlook for Windows).
   */
  EXCLUSIVE
}
