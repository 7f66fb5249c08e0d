package io.github.smimekit.core;

/** What a certificate is to be used for in S/MIME. */
public enum Purpose {
  /** Signing messages (digitalSignature or nonRepudiation key usage). */
  SIGN,
  /** Receiving encrypted messages (keyEncipherment for RSA, keyAgreement for EC). */
  ENCRYPT,
  /** Both signing and encryption, with one certificate. */
  BOTH;

  /**
   * Whether this purpose includes signing.
   *
   * @return true for {@link #SIGN} and {@link #BOTH}
   */
  public boolean signs() {
    return this != ENCRYPT;
  }

  /**
   * Whether this purpose includes encryption.
   *
   * @return true for {@link #ENCRYPT} and {@link #BOTH}
   */
  public boolean encrypts() {
    return this != SIGN;
  }
}
