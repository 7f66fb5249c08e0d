package io.github.smimekit.core;

/**
 * The rules of {@link SmimeFitness}, each with a stable lower-case-hyphen {@link #code()} (what
 * {@code smime cert check --json} prints and scripts match) and the severity it is reported with.
 * The constants' order is the order of findings in a {@link FitnessReport}.
 *
 * <p>The rules follow what Outlook, Outlook on the web and Exchange require of a certificate
 * (exchange-online.md, sections 3.1, 3.2 and 3.4).
 */
public enum FindingCode {
  /** The check time is before notBefore. */
  NOT_YET_VALID("not-yet-valid", Severity.ERROR),
  /** The check time is after notAfter. */
  EXPIRED("expired", Severity.ERROR),
  /** notAfter is within the configured warning period ({@link SmimeFitness#expiringWithin()}). */
  EXPIRING_SOON("expiring-soon", Severity.WARNING),
  /** basicConstraints says cA=TRUE: a CA certificate cannot be a user's certificate. */
  CA_CERTIFICATE("ca-certificate", Severity.ERROR),
  /**
   * A self-signed end-entity certificate: recipients must trust it individually (its issuer is not
   * in any store Exchange or Windows trusts).
   */
  SELF_SIGNED("self-signed", Severity.WARNING),
  /** The certificate has no e-mail address (no subjectAltName rfc822Name, no subject E=). */
  NO_EMAIL("no-email", Severity.ERROR),
  /** None of the certificate's e-mail addresses equals the expected one (ignoring case). */
  EMAIL_MISMATCH("email-mismatch", Severity.ERROR),
  /**
   * The expected address is in the certificate but not first: Outlook on the web matches the first
   * address only (CERT_NAME_EMAIL_TYPE).
   */
  EMAIL_NOT_PRIMARY("email-not-primary", Severity.WARNING),
  /**
   * The certificate has no extendedKeyUsage extension. RFC 5280 would allow any use, but classic
   * Outlook selects recipient certificates that carry emailProtection explicitly, so this is an
   * error, kept apart from {@link #NO_EMAIL_PROTECTION} so the fix (re-issue with the EKU) is
   * clear.
   */
  NO_EXTENDED_KEY_USAGE("no-extended-key-usage", Severity.ERROR),
  /**
   * The extendedKeyUsage extension lacks emailProtection (1.3.6.1.5.5.7.3.4); anyExtendedKeyUsage
   * alone is not enough (Exchange dropped "Any Purpose" certificates).
   */
  NO_EMAIL_PROTECTION("no-email-protection", Severity.ERROR),
  /** The key's algorithm cannot sign (X25519, X448). */
  KEY_ALGORITHM_CANNOT_SIGN("key-algorithm-cannot-sign", Severity.ERROR),
  /**
   * The key's algorithm cannot receive encrypted mail (Ed25519, Ed448, DSA, RSASSA-PSS, unknown):
   * S/MIME encryption needs an RSA or EC key.
   */
  KEY_ALGORITHM_CANNOT_ENCRYPT("key-algorithm-cannot-encrypt", Severity.ERROR),
  /** There is no keyUsage extension; clients accept that for every use. */
  NO_KEY_USAGE("no-key-usage", Severity.INFO),
  /** keyUsage has neither digitalSignature nor nonRepudiation, needed to sign. */
  KEY_USAGE_CANNOT_SIGN("key-usage-cannot-sign", Severity.ERROR),
  /** keyUsage lacks keyEncipherment (RSA key) or keyAgreement (EC key), needed to encrypt. */
  KEY_USAGE_CANNOT_ENCRYPT("key-usage-cannot-encrypt", Severity.ERROR),
  /** The RSA key is shorter than {@link SmimeFitness#minimumRsaBits()}. */
  RSA_KEY_TOO_SHORT("rsa-key-too-short", Severity.ERROR),
  /** The certificate is signed with MD2, MD4 or MD5: broken, refused by current clients. */
  BROKEN_SIGNATURE_ALGORITHM("broken-signature-algorithm", Severity.ERROR),
  /**
   * The certificate is signed with an algorithm the {@link AlgorithmPolicy} refuses (SHA-1 or DSA
   * switched off), the same one chain building refuses.
   */
  DISALLOWED_SIGNATURE_ALGORITHM("disallowed-signature-algorithm", Severity.ERROR),
  /** The certificate is signed with SHA-1: deprecated, refused by more and more clients. */
  SHA1_SIGNATURE("sha1-signature", Severity.WARNING),
  /**
   * The public key cannot be used by anyone: an EC point that is not on its curve (or is the point
   * at infinity), an RSA modulus that is not positive, even or absurdly large, an RSA exponent that
   * is below 3, even, not below the modulus or longer than 256 bits, or a key that cannot be
   * decoded at all.
   */
  INVALID_PUBLIC_KEY("invalid-public-key", Severity.ERROR),
  /**
   * The certificate breaks a rule of RFC 5280 that the JDK's X.509 parser enforces, such as an
   * empty issuer name: {@link Certificates#read} accepts it (Bouncy Castle's parser does, and
   * OpenSSL shows it), but Java-based clients refuse it.
   */
  PROFILE_VIOLATION("profile-violation", Severity.ERROR);

  private final String code;
  private final Severity severity;

  FindingCode(String code, Severity severity) {
    this.code = code;
    this.severity = severity;
  }

  /**
   * The stable identifier, lower-case words joined by hyphens, e.g. {@code "expiring-soon"}.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * The severity findings of this rule are reported with.
   *
   * @return the severity
   */
  public Severity severity() {
    return severity;
  }

  /**
   * The constant with this {@link #code()}.
   *
   * @param code a code such as {@code "expired"}
   * @return the constant
   * @throws IllegalArgumentException if no constant has this code
   */
  public static FindingCode fromCode(String code) {
    for (FindingCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown finding code: " + code);
  }
}
