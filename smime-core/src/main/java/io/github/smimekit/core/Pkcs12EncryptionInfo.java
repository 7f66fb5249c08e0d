package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

/**
 * The protection of one part of a PKCS#12 file, as {@link Pkcs12#inspect} found it: an encrypted
 * safe (usually the certificates) or a private key bag.
 *
 * @param target what is protected
 * @param index the position of the safe in the file (for {@link Target#SAFE}) or of the key among
 *     the file's keys (for {@link Target#KEY}), from 0
 * @param scheme e.g. {@code "PBES2 AES-256-CBC PBKDF2-HMAC-SHA256"}, {@code
 *     "pbeWithSHAAnd40BitRC2-CBC"}, {@code "pbeWithSHAAnd3-KeyTripleDES-CBC"}, or {@code "none"}
 *     for an unencrypted key bag
 * @param oid the object identifier of the scheme, empty for {@code "none"}
 * @param iterations key derivation iterations, 0 for {@code "none"}
 * @param weak RC2/RC4 with 40 bits, RC4, single DES, two-key 3DES, any PBES1 scheme, fewer than
 *     1000 iterations, or an unencrypted key
 */
public record Pkcs12EncryptionInfo(
    Target target, int index, String scheme, String oid, int iterations, boolean weak) {

  /** What an encryption protects. */
  public enum Target {
    /** An encrypted safe (an {@code EncryptedData} content of the authenticated safe). */
    SAFE,
    /** A private key bag (shrouded or not). */
    KEY
  }

  /** Checks the components. */
  public Pkcs12EncryptionInfo {
    requireNonNull(target, "target");
    requireNonNull(scheme, "scheme");
    requireNonNull(oid, "oid");
    if (index < 0) {
      throw new IllegalArgumentException("index < 0: " + index);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations < 0: " + iterations);
    }
  }
}
