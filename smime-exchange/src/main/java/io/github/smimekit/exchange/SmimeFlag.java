package io.github.smimekit.exchange;

/** The boolean settings of {@code Set-SmimeConfig} (spec {@code exchange-online.md} §1.7). */
public enum SmimeFlag {
  /** The user picks the signing certificate. */
  OWA_ALLOW_USER_CHOICE_OF_SIGNING_CERTIFICATE("OWAAllowUserChoiceOfSigningCertificate"),
  /** Encrypt every outgoing message. */
  OWA_ALWAYS_ENCRYPT("OWAAlwaysEncrypt"),
  /** Sign every outgoing message. */
  OWA_ALWAYS_SIGN("OWAAlwaysSign"),
  /** Refuse to send when a CRL cannot be checked. */
  OWA_CHECK_CRL_ON_SEND("OWACheckCRLOnSend"),
  /** Clear-signed (true) or opaque-signed messages. */
  OWA_CLEAR_SIGN("OWAClearSign"),
  /** Disable CRL checking. */
  OWA_DISABLE_CRL_CHECK("OWADisableCRLCheck"),
  /** Encrypt the client's temporary buffers. */
  OWA_ENCRYPT_TEMPORARY_BUFFERS("OWAEncryptTemporaryBuffers"),
  /** Require the newer S/MIME control. */
  OWA_FORCE_SMIME_CLIENT_UPGRADE("OWAForceSMIMEClientUpgrade"),
  /** Include the chain and its root in messages. */
  OWA_INCLUDE_CERTIFICATE_CHAIN_AND_ROOT_CERTIFICATE(
      "OWAIncludeCertificateChainAndRootCertificate"),
  /** Include the chain without its root. */
  OWA_INCLUDE_CERTIFICATE_CHAIN_WITHOUT_ROOT_CERTIFICATE(
      "OWAIncludeCertificateChainWithoutRootCertificate"),
  /** Add the SMIMECapabilities attribute. */
  OWA_INCLUDE_SMIME_CAPABILITIES_IN_MESSAGE("OWAIncludeSMIMECapabilitiesInMessage"),
  /** Use only smart-card certificates. */
  OWA_ONLY_USE_SMART_CARD("OWAOnlyUseSmartCard"),
  /** Include the sender's certificate in signed mail. */
  OWA_SIGNED_EMAIL_CERTIFICATE_INCLUSION("OWASignedEmailCertificateInclusion"),
  /** Sign, encrypt, sign. */
  OWA_TRIPLE_WRAP_SIGNED_ENCRYPTED_MAIL("OWATripleWrapSignedEncryptedMail"),
  /** Identify recipients by key identifier. */
  OWA_USE_KEY_IDENTIFIER("OWAUseKeyIdentifier"),
  /** Accept certificates whose address matches any proxy address. */
  OWA_USE_SECONDARY_PROXIES_WHEN_FINDING_CERTIFICATES(
      "OWAUseSecondaryProxiesWhenFindingCertificates"),
  /** Replies do not inherit the signature (new Outlook, Exchange Online only). */
  NO_SIGN_ON_REPLY("NoSignOnReply");

  private final String parameter;

  SmimeFlag(String parameter) {
    this.parameter = parameter;
  }

  /** The cmdlet parameter name. */
  public String parameter() {
    return parameter;
  }
}
