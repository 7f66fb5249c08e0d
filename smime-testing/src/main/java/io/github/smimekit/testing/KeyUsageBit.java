package io.github.smimekit.testing;

/** The bits of the X.509 keyUsage extension (RFC 5280 section 4.2.1.3). */
public enum KeyUsageBit {
  /** digitalSignature (0). */
  DIGITAL_SIGNATURE(0),
  /** nonRepudiation / contentCommitment (1). */
  NON_REPUDIATION(1),
  /** keyEncipherment (2). */
  KEY_ENCIPHERMENT(2),
  /** dataEncipherment (3). */
  DATA_ENCIPHERMENT(3),
  /** keyAgreement (4). */
  KEY_AGREEMENT(4),
  /** keyCertSign (5). */
  KEY_CERT_SIGN(5),
  /** cRLSign (6). */
  CRL_SIGN(6),
  /** encipherOnly (7). */
  ENCIPHER_ONLY(7),
  /** decipherOnly (8). */
  DECIPHER_ONLY(8);

  private final int bit;

  KeyUsageBit(int bit) {
    this.bit = bit;
  }

  /**
   * The bit number, which is also the index in {@link
   * java.security.cert.X509Certificate#getKeyUsage()}.
   */
  public int bit() {
    return bit;
  }
}
