package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.internal.pkcs12.Pkcs12Codec;
import io.github.smimekit.core.internal.pkcs12.Pkcs12Writer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads, inspects and encodes PKCS#12 files ({@code .p12}/{@code .pfx}, RFC 7292): a person's
 * private key with its certificate and chain.
 *
 * <p>Reading accepts what OpenSSL (1.x and 3, including {@code -legacy} and {@code -nomac}),
 * Windows, the JDK's keytool and Bouncy Castle write: the RFC 7292 MAC with SHA-1/SHA-2 and the RFC
 * 9579 PBMAC1 MAC (strictly: PBKDF2 parameters must carry the key length); PKCS#12 PBE (3DES, RC2,
 * RC4), PBES1 and PBES2 (PBKDF2 with any HMAC-SHA-1/2 PRF, or scrypt of RFC 7914 with its cost
 * bounded by {@link Pkcs12ReadOptions#maxScryptMemory()}; AES-CBC, 3DES, DES); plain and encrypted
 * key and certificate bags.
 *
 * <p>{@link #inspect} describes every well-formed file: one identity, several, certificates only,
 * or a key without its certificate. {@link #read} needs exactly one identity, chosen by {@link
 * Pkcs12ReadOptions} when there are several. Bytes after the end of the PFX structure (Windows and
 * .NET pad files) are ignored with a warning in {@link Pkcs12Info#warnings()}, or refused with
 * {@link Pkcs12ReadOptions.Builder#strict(boolean)}.
 *
 * <p>Passwords: the RFC 7292 encoding (BMPString with two zero bytes) is tried first. If the MAC
 * does not match, a password with non-ASCII characters is tried in the encoding OpenSSL used before
 * 1.1.0 (UTF-8 bytes widened to characters), and the empty password as "no password" (zero bytes,
 * as Windows writes it). PBES2, PBES1 and PBMAC1 use the UTF-8 bytes. The password is used for the
 * call only; every copy is wiped before the method returns.
 *
 * <p>Failures: {@link WrongPasswordException} (fixed message) when the MAC or a decryption fails;
 * {@link SmimeFormatException} for input that is not PKCS#12, is damaged or truncated (with the
 * offset where known) or exceeds a limit of {@link Pkcs12ReadOptions}; {@link
 * UnsupportedAlgorithmException} naming the OID of an unknown algorithm; {@link
 * IdentitySelectionException} when the file does not hold exactly the identity asked for.
 */
public final class Pkcs12 {
  private Pkcs12() {}

  /** Reads the file's only identity (see {@link #read(byte[], Password, Pkcs12ReadOptions)}). */
  public static Pkcs12Identity read(byte[] pfx, Password password) {
    return read(pfx, password, Pkcs12ReadOptions.defaults());
  }

  /** Reads the file's only identity (see {@link #read(byte[], Password, Pkcs12ReadOptions)}). */
  public static Pkcs12Identity read(Bytes pfx, Password password) {
    return read(pfx, password, Pkcs12ReadOptions.defaults());
  }

  /**
   * Reads the identity that {@code options} selects (by alias or thumbprint), or the file's only
   * one. Only the selected private key is decrypted.
   *
   * @throws IdentitySelectionException if the file holds no private key, or several and none is
   *     selected, or none matches the selection
   * @throws WrongPasswordException if the password does not open the file
   * @throws SmimeFormatException if the input is not a well-formed PKCS#12 file or exceeds a limit
   * @throws UnsupportedAlgorithmException if the file uses an algorithm this library lacks
   */
  public static Pkcs12Identity read(byte[] pfx, Password password, Pkcs12ReadOptions options) {
    requireNonNull(pfx, "pfx");
    requireNonNull(password, "password");
    requireNonNull(options, "options");
    return Pkcs12Codec.read(pfx, password, options);
  }

  /**
   * Reads the identity that {@code options} selects (see {@link #read(byte[], Password,
   * Pkcs12ReadOptions)}).
   */
  public static Pkcs12Identity read(Bytes pfx, Password password, Pkcs12ReadOptions options) {
    requireNonNull(pfx, "pfx");
    return read(pfx.toByteArray(), password, options);
  }

  /** Reads the file's only identity from {@code file}. */
  public static Pkcs12Identity read(Path file, Password password) throws IOException {
    return read(file, password, Pkcs12ReadOptions.defaults());
  }

  /**
   * Reads the identity that {@code options} selects from {@code file}; a file larger than {@link
   * Pkcs12ReadOptions#limits()} is refused before it is read.
   */
  public static Pkcs12Identity read(Path file, Password password, Pkcs12ReadOptions options)
      throws IOException {
    return read(readFile(file, options), password, options);
  }

  /**
   * All certificates of the file, in file order, without decrypting any private key. Works on files
   * that hold no key. The password is still needed for the MAC and encrypted safes.
   */
  public static List<X509Certificate> readCertificatesOnly(byte[] pfx, Password password) {
    return readCertificatesOnly(pfx, password, Pkcs12ReadOptions.defaults());
  }

  /** All certificates of the file (see {@link #readCertificatesOnly(byte[], Password)}). */
  public static List<X509Certificate> readCertificatesOnly(Bytes pfx, Password password) {
    requireNonNull(pfx, "pfx");
    return readCertificatesOnly(pfx.toByteArray(), password, Pkcs12ReadOptions.defaults());
  }

  /** All certificates of the file, with the limits of {@code options}. */
  public static List<X509Certificate> readCertificatesOnly(
      byte[] pfx, Password password, Pkcs12ReadOptions options) {
    requireNonNull(pfx, "pfx");
    requireNonNull(password, "password");
    requireNonNull(options, "options");
    return Pkcs12Codec.readCertificates(pfx, password, options);
  }

  /**
   * How the file is protected (MAC, the encryption of each safe and key, weakness) and what it
   * holds: each private key (friendly name, local key id, algorithm and size, certificate and
   * chain) and every certificate. Works on every well-formed file, also one without a key or with
   * several. Verifies the MAC and decrypts the certificates, but no private key.
   */
  public static Pkcs12Info inspect(byte[] pfx, Password password) {
    return inspect(pfx, password, Pkcs12ReadOptions.defaults());
  }

  /** See {@link #inspect(byte[], Password)}. */
  public static Pkcs12Info inspect(Bytes pfx, Password password) {
    requireNonNull(pfx, "pfx");
    return inspect(pfx.toByteArray(), password, Pkcs12ReadOptions.defaults());
  }

  /** See {@link #inspect(byte[], Password)}; with the limits of {@code options}. */
  public static Pkcs12Info inspect(byte[] pfx, Password password, Pkcs12ReadOptions options) {
    requireNonNull(pfx, "pfx");
    requireNonNull(password, "password");
    requireNonNull(options, "options");
    return Pkcs12Codec.inspect(pfx, password, options);
  }

  /**
   * All certificates of a file (see {@link #readCertificatesOnly(byte[], Password)}); a file larger
   * than {@link Pkcs12ReadOptions#limits()} is refused while it is read.
   *
   * @param file the PKCS#12 file
   * @param password its password
   * @param options the limits
   * @return the certificates in file order
   * @throws IOException if the file cannot be read
   */
  public static List<X509Certificate> readCertificatesOnly(
      Path file, Password password, Pkcs12ReadOptions options) throws IOException {
    return readCertificatesOnly(readFile(file, options), password, options);
  }

  /**
   * How a file is protected and what it holds (see {@link #inspect(byte[], Password)}); a file
   * larger than {@link Pkcs12ReadOptions#limits()} is refused while it is read.
   *
   * @param file the PKCS#12 file
   * @param password its password
   * @param options the limits
   * @return the protection and entries
   * @throws IOException if the file cannot be read
   */
  public static Pkcs12Info inspect(Path file, Password password, Pkcs12ReadOptions options)
      throws IOException {
    return inspect(readFile(file, options), password, options);
  }

  /**
   * The identity {@code options} selects and the inspection of the file ({@link #read} and {@link
   * #inspect} in one call: the file is parsed, its MAC checked and its keys derived once).
   *
   * @param pfx the PKCS#12 bytes
   * @param password its password
   * @param options the selection and limits
   * @return the identity and the inspection
   * @throws IdentitySelectionException if the file does not hold exactly the identity asked for
   * @throws WrongPasswordException if the password does not open the file
   * @throws SmimeFormatException if the input is not a well-formed PKCS#12 file or exceeds a limit
   * @throws UnsupportedAlgorithmException if the file uses an algorithm this library lacks
   */
  public static Inspected readAndInspect(byte[] pfx, Password password, Pkcs12ReadOptions options) {
    requireNonNull(pfx, "pfx");
    requireNonNull(password, "password");
    requireNonNull(options, "options");
    return Pkcs12Codec.readAndInspect(pfx, password, options);
  }

  /**
   * {@link #readAndInspect(byte[], Password, Pkcs12ReadOptions)} on a file; a file larger than
   * {@link Pkcs12ReadOptions#limits()} is refused while it is read (also a FIFO or {@code
   * /dev/zero}, whose size the file system reports as 0).
   *
   * @param file the PKCS#12 file
   * @param password its password
   * @param options the selection and limits
   * @return the identity and the inspection
   * @throws IOException if the file cannot be read
   */
  public static Inspected readAndInspect(Path file, Password password, Pkcs12ReadOptions options)
      throws IOException {
    return readAndInspect(readFile(file, options), password, options);
  }

  /** Encodes {@code identity} (its friendly name, if any, is written too). */
  public static Bytes encode(
      Pkcs12Identity identity, Password password, Pkcs12Protection protection) {
    return encode(identity, password, protection, new SecureRandom());
  }

  /** Encodes {@code identity}, taking salts and IVs from {@code random}. */
  public static Bytes encode(
      Pkcs12Identity identity,
      Password password,
      Pkcs12Protection protection,
      SecureRandom random) {
    requireNonNull(identity, "identity");
    return encode(
        identity.privateKey(),
        identity.certificate(),
        identity.chain(),
        identity.friendlyName().orElse(null),
        password,
        protection,
        random);
  }

  /**
   * Encodes a key with its certificate and chain as a PKCS#12 file.
   *
   * @param chain the issuers, leaf-up (the certificate itself, if present, is not written twice)
   * @param friendlyName the name Windows shows and keytool uses as alias; {@code null} for none
   */
  public static Bytes encode(
      PrivateKey privateKey,
      X509Certificate certificate,
      List<X509Certificate> chain,
      @Nullable String friendlyName,
      Password password,
      Pkcs12Protection protection) {
    return encode(
        privateKey, certificate, chain, friendlyName, password, protection, new SecureRandom());
  }

  /**
   * Encodes a key with its certificate and chain, taking salts and IVs from {@code random} (a
   * seeded generator makes the output deterministic, for tests).
   *
   * <p>Both protections write the friendly name (if given) and the local key id (the SHA-1 of the
   * certificate) on the key bag and on the certificate's bag.
   */
  public static Bytes encode(
      PrivateKey privateKey,
      X509Certificate certificate,
      List<X509Certificate> chain,
      @Nullable String friendlyName,
      Password password,
      Pkcs12Protection protection,
      SecureRandom random) {
    requireNonNull(privateKey, "privateKey");
    requireNonNull(certificate, "certificate");
    requireNonNull(chain, "chain");
    requireNonNull(password, "password");
    requireNonNull(protection, "protection");
    requireNonNull(random, "random");
    return Pkcs12Writer.write(
        privateKey, certificate, List.copyOf(chain), friendlyName, password, protection, random);
  }

  private static byte[] readFile(Path file, Pkcs12ReadOptions options) throws IOException {
    requireNonNull(file, "file");
    requireNonNull(options, "options");
    return Bytes.read(file, options.limits().maxInputBytes()).toByteArray();
  }

  /**
   * What {@link #readAndInspect} returns: the identity and how the file protects it, from one parse
   * and one MAC check.
   *
   * @param identity the identity {@link #read} would return
   * @param info what {@link #inspect} would return
   */
  public record Inspected(Pkcs12Identity identity, Pkcs12Info info) {
    /** Checks the components. */
    public Inspected {
      requireNonNull(identity, "identity");
      requireNonNull(info, "info");
    }
  }
}
