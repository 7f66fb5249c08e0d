package io.github.smimekit.testing;

/** Key algorithms and sizes a {@link TestPki} can generate (deterministically from its seed). */
public enum KeyType {
  /** RSA, 1024-bit modulus (weak; for negative tests). */
  RSA_1024,
  /** RSA, 2048-bit modulus (the default). */
  RSA_2048,
  /** RSA, 3072-bit modulus. */
  RSA_3072,
  /** RSA, 4096-bit modulus (slow to generate). */
  RSA_4096,
  /** ECDSA/ECDH on NIST P-256 (secp256r1); the fastest to generate. */
  EC_P256,
  /** ECDSA/ECDH on NIST P-384 (secp384r1). */
  EC_P384,
  /** ECDSA/ECDH on NIST P-521 (secp521r1). */
  EC_P521,
  /** Ed25519 (RFC 8410). */
  ED25519;

  /** True for the RSA types. */
  public boolean isRsa() {
    return this == RSA_1024 || this == RSA_2048 || this == RSA_3072 || this == RSA_4096;
  }

  /** True for the NIST elliptic-curve types. */
  public boolean isEc() {
    return this == EC_P256 || this == EC_P384 || this == EC_P521;
  }
}
