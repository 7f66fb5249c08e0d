package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.internal.cert.KeyDescriptions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What protects a PKCS#12 file and what it holds, from {@link Pkcs12#inspect}: every well-formed
 * file is described, whether it holds one identity, several, certificates only or a key without its
 * certificate.
 *
 * @param mac the integrity protection, empty when the file has no MAC
 * @param encryptions each encrypted safe and each private key bag, in file order
 * @param keys each private key, in file order, with its certificate and chain when the file has
 *     them
 * @param certificates every certificate of the file, in file order
 * @param warnings what was read but is not as the format says, e.g. bytes after the end of the PFX
 *     structure; empty for a clean file
 */
public record Pkcs12Info(
    Optional<Mac> mac,
    List<Encryption> encryptions,
    List<Key> keys,
    List<Certificate> certificates,
    List<String> warnings) {
  /** Checks and copies the components. */
  public Pkcs12Info {
    requireNonNull(mac, "mac");
    encryptions = List.copyOf(encryptions);
    keys = List.copyOf(keys);
    certificates = List.copyOf(certificates);
    warnings = List.copyOf(warnings);
  }

  /**
   * Whether the file's protection is weak: it has no MAC, or its MAC is weak (see {@link
   * Mac#weak()}), or any encryption is weak (see {@link Encryption#weak()}).
   *
   * @return true if weak
   */
  public boolean weak() {
    return mac.isEmpty() || mac.get().weak() || encryptions.stream().anyMatch(Encryption::weak);
  }

  /**
   * The MAC as text, e.g. {@code "HMAC-SHA256, 2048 iterations, 8-byte salt"}, or "none".
   *
   * @return the description
   */
  public String macDescription() {
    return mac.map(Mac::describe).orElse("none");
  }

  /**
   * The integrity protection (MAC) of a PKCS#12 file.
   *
   * @param algorithm for the RFC 7292 MAC the HMAC, e.g. {@code "HMAC-SHA256"}; for RFC 9579 PBMAC1
   *     e.g. {@code "PBMAC1 HMAC-SHA256 PBKDF2-HMAC-SHA256"}
   * @param iterations key derivation iterations (PBKDF2 iterations for PBMAC1)
   * @param saltLength salt length in bytes (PBKDF2 salt for PBMAC1)
   * @param weak MD5, or SHA-1 with fewer than 2048 iterations, or any digest with fewer than 1000
   *     iterations
   */
  public record Mac(String algorithm, int iterations, int saltLength, boolean weak) {
    /** Checks the components. */
    public Mac {
      requireNonNull(algorithm, "algorithm");
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations < 1: " + iterations);
      }
      if (saltLength < 0) {
        throw new IllegalArgumentException("saltLength < 0: " + saltLength);
      }
    }

    /**
     * E.g. {@code "HMAC-SHA256, 2048 iterations, 8-byte salt"}.
     *
     * @return the description
     */
    public String describe() {
      return algorithm + ", " + iterations + " iterations, " + saltLength + "-byte salt";
    }
  }

  /**
   * The protection of one part of a PKCS#12 file: an encrypted safe (usually the certificates) or a
   * private key bag.
   *
   * @param target what is protected
   * @param index the position of the safe in the file (for {@link Target#SAFE}) or of the key among
   *     the file's keys (for {@link Target#KEY}), from 0
   * @param scheme e.g. {@code "PBES2 AES-256-CBC PBKDF2-HMAC-SHA256"}, {@code "PBES2 AES-256-CBC
   *     scrypt"}, {@code "pbeWithSHAAnd40BitRC2-CBC"}, or {@code "none"} for an unencrypted key bag
   * @param oid the object identifier of the scheme, empty for {@code "none"}
   * @param iterations key derivation iterations (for scrypt its cost parameter N), 0 for none
   * @param weak RC2/RC4 with 40 bits, RC4, single DES, two-key 3DES, a PBES1 scheme, fewer than
   *     1000 iterations, or an unencrypted key
   */
  public record Encryption(
      Target target, int index, String scheme, String oid, int iterations, boolean weak) {

    /** What an encryption protects. */
    public enum Target {
      /** An encrypted safe (an {@code EncryptedData} content of the authenticated safe). */
      SAFE,
      /** A private key bag (shrouded or not). */
      KEY
    }

    /** Checks the components. */
    public Encryption {
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

  /**
   * One certificate bag of a PKCS#12 file.
   *
   * @param certificate the certificate
   * @param friendlyName the friendly name attribute (the alias keytool shows, the name Windows
   *     shows)
   * @param localKeyId the local key id attribute that pairs a key with its certificate
   * @param hasKey whether the file holds this certificate's private key
   */
  public record Certificate(
      X509Certificate certificate,
      Optional<String> friendlyName,
      Optional<Bytes> localKeyId,
      boolean hasKey) {
    /** Checks the components. */
    public Certificate {
      requireNonNull(certificate, "certificate");
      requireNonNull(friendlyName, "friendlyName");
      requireNonNull(localKeyId, "localKeyId");
    }

    /**
     * The certificate's subject (RFC 2253, with {@code E=} for e-mail addresses).
     *
     * @return the subject
     */
    public String subject() {
      return KeyDescriptions.displayName(certificate.getSubjectX500Principal());
    }

    /**
     * The certificate's SHA-1 thumbprint.
     *
     * @return the thumbprint
     */
    public Thumbprint sha1() {
      return Thumbprint.sha1(certificate);
    }
  }

  /**
   * One private key of a PKCS#12 file, described without decrypting it: its algorithm and size come
   * from its certificate, or from an unencrypted key bag.
   *
   * @param index the position of the key among the file's keys, from 0
   * @param friendlyName the friendly name of the key bag, or of its certificate
   * @param localKeyId the local key id of the key bag, or of its certificate
   * @param algorithm the key algorithm ({@code "RSA"}, {@code "EC"}, ...); empty for an encrypted
   *     key without certificate
   * @param size the key size in bits; empty when not known without decrypting the key
   * @param certificate the key's certificate; empty when the file does not hold it
   * @param chain the issuers of {@code certificate} found in the file, leaf-up, without {@code
   *     certificate} itself
   */
  public record Key(
      int index,
      Optional<String> friendlyName,
      Optional<Bytes> localKeyId,
      Optional<String> algorithm,
      OptionalInt size,
      Optional<X509Certificate> certificate,
      List<X509Certificate> chain) {
    /** Checks and copies the components. */
    public Key {
      if (index < 0) {
        throw new IllegalArgumentException("index < 0: " + index);
      }
      requireNonNull(friendlyName, "friendlyName");
      requireNonNull(localKeyId, "localKeyId");
      requireNonNull(algorithm, "algorithm");
      requireNonNull(size, "size");
      requireNonNull(certificate, "certificate");
      chain = List.copyOf(chain);
      if (certificate.isEmpty() && !chain.isEmpty()) {
        throw new IllegalArgumentException("a chain without a certificate");
      }
    }
  }
}
