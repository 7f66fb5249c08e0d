package io.github.smimekit.exchange;

/**
 * The digest algorithms of {@code Set-SmimeConfig -OWASigningAlgorithms}, with their CryptoAPI
 * {@code ALG_ID}s in hex (spec {@code exchange-online.md} §1.7).
 */
public enum SigningAlgorithm {
  /** MD5; broken. */
  MD5("8003"),
  /** SHA-1: Exchange's default, deprecated. */
  SHA1("8004"),
  /** SHA-256. */
  SHA256("800C"),
  /** SHA-384. */
  SHA384("800D"),
  /** SHA-512. */
  SHA512("800E");

  private final String code;

  SigningAlgorithm(String code) {
    this.code = code;
  }

  /** The hex ALG_ID. */
  public String code() {
    return code;
  }
}
