package io.github.smimekit.exchange;

/**
 * The UInt32 settings of {@code Set-SmimeConfig}, with the range each accepts (spec {@code
 * exchange-online.md} §1.7; the module declares them {@code [uint]}).
 */
public enum SmimeNumber {
  /** 0: one message per Bcc recipient; 1: one for all; 2: no Bcc forking. */
  OWA_BCC_ENCRYPTED_EMAIL_FORKING("OWABCCEncryptedEmailForking", 0, 2),
  /** Milliseconds per CRL connection. */
  OWA_CRL_CONNECTION_TIMEOUT("OWACRLConnectionTimeout", 0, 0xFFFF_FFFFL),
  /** Milliseconds for all CRL retrievals of one validation. */
  OWA_CRL_RETRIEVAL_TIMEOUT("OWACRLRetrievalTimeout", 0, 0xFFFF_FFFFL),
  /** Milliseconds to expand each distribution group when encrypting. */
  OWA_DL_EXPANSION_TIMEOUT("OWADLExpansionTimeout", 0, 0xFFFF_FFFFL);

  private final String parameter;
  private final long min;
  private final long max;

  SmimeNumber(String parameter, long min, long max) {
    this.parameter = parameter;
    this.min = min;
    this.max = max;
  }

  /** The cmdlet parameter name. */
  public String parameter() {
    return parameter;
  }

  /** The smallest accepted value. */
  public long min() {
    return min;
  }

  /** The largest accepted value. */
  public long max() {
    return max;
  }
}
