package io.github.smimekit.exchange;

/**
 * The content-encryption algorithms of {@code Set-SmimeConfig -OWAEncryptionAlgorithms}, with their
 * CryptoAPI {@code ALG_ID}s in hex (spec {@code exchange-online.md} §1.7).
 */
public enum EncryptionAlgorithm {
  /** DES (56 bits); obsolete. */
  DES("6601"),
  /** RC2 with 128-bit keys; obsolete. */
  RC2_128("6602:128"),
  /** Triple DES (168 bits). */
  TRIPLE_DES("6603"),
  /** AES with 128-bit keys. */
  AES128("660E"),
  /** AES with 192-bit keys. */
  AES192("660F"),
  /** AES with 256-bit keys: the default. */
  AES256("6610");

  private final String code;

  EncryptionAlgorithm(String code) {
    this.code = code;
  }

  /** The value as Exchange writes it: the hex ALG_ID, with {@code :keylength} for RC2. */
  public String code() {
    return code;
  }
}
