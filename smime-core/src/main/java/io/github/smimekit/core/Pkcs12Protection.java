package io.github.smimekit.core;

/**
 * How {@link Pkcs12#encode} protects a PKCS#12 file.
 *
 * <ul>
 *   <li>{@link #MODERN}: what OpenSSL 3 writes by default. The key and the certificates are
 *       encrypted with PBES2 AES-256-CBC, the key derived with PBKDF2-HMAC-SHA256 (2048 iterations,
 *       16-byte salt); the MAC is HMAC-SHA256 with the PKCS#12 key derivation (2048 iterations).
 *       Opens in OpenSSL 1.1.1+, Java 12+, Windows 10 1709+ and macOS.
 *   <li>{@link #WINDOWS_LEGACY}: what Windows wrote before Windows 10 1709 and what every Windows
 *       version imports. The key and the certificates are encrypted with
 *       pbeWithSHAAnd3-KeyTripleDES-CBC (2000 iterations); the MAC is HMAC-SHA1 (2000 iterations).
 *       Use it only for old importers: {@link Pkcs12#inspect} reports it as weak (SHA-1 MAC with
 *       fewer than 2048 iterations).
 * </ul>
 */
public enum Pkcs12Protection {
  /** PBES2 AES-256-CBC / PBKDF2-HMAC-SHA256 for key and certificates, HMAC-SHA256 MAC. */
  MODERN,
  /** pbeWithSHAAnd3-KeyTripleDES-CBC for key and certificates, HMAC-SHA1 MAC. */
  WINDOWS_LEGACY
}
