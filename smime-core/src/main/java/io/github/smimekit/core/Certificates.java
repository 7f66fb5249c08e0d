package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.internal.cert.CertificateCodec;
import io.github.smimekit.core.internal.cert.CertificateDecoder;
import io.github.smimekit.core.internal.cert.CertificateFields;
import io.github.smimekit.core.internal.cert.KeyDescriptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Certificate I/O in every common encoding, thumbprints and e-mail addresses.
 *
 * <p>Reading detects the encoding from the content (never from a file name): binary DER (one or
 * several concatenated), PEM ({@code CERTIFICATE}, {@code X509 CERTIFICATE}, {@code TRUSTED
 * CERTIFICATE} blocks, with or without surrounding text, CRLF, byte-order mark), bare base64,
 * PKCS#7 certs-only SignedData ({@code .p7b}/{@code .p7c}, DER, PEM or base64, also a CMS
 * ContentInfo of a signed message: its certificates are taken) and any of the text forms as UTF-16
 * (as Windows tools write). PEM blocks of other types beside certificates (private keys, as in
 * {@code openssl pkcs12 -nodes} output, public keys, parameters, requests, CRLs, any other label)
 * are passed over; {@link #readFile(byte[])} lists them by label and position, never their content.
 * Anything else is refused with a {@link SmimeFormatException} that says what was found: an empty
 * input, a PKCS#12 file, a private key, a CRL, PEM blocks without a certificate (naming their
 * labels), a Microsoft serialized store ({@code .sst}), truncated DER (with its offset), DER
 * followed by other bytes, or the first bytes of unrecognised input. Input size and certificate
 * count are bounded by {@link ReadLimits}.
 *
 * <p>Certificates are decoded with the JDK's X.509 factory, falling back to Bouncy Castle's for
 * certificates the JDK refuses. Where the line is drawn:
 *
 * <ul>
 *   <li>Every certificate {@code read} returns is safe for every other call: its names, validity,
 *       serial, extensions and public key ({@code getPublicKey()} is never null and never throws)
 *       can all be read, so {@link #summarize}, the thumbprints, {@link #emailAddresses}, {@link
 *       SmimeFitness} and chain building work on it.
 *   <li>Refused with a {@link SmimeFormatException} that names the certificate and the problem: a
 *       certificate neither parser accepts (for the rules both enforce, such as an empty issuer
 *       name, the message names the rule), one whose public key cannot be decoded (an EC point in
 *       compressed form that is not on its curve, explicit curve parameters the point does not fit,
 *       an unknown named curve, RSA key bits that are not an RSAPublicKey, a key algorithm no
 *       provider knows in a certificate the JDK refuses), and BER/DER nested deeper than 64 levels
 *       (checked before any parser recurses, also inside extension values).
 *   <li>Returned, with an ERROR finding of {@link SmimeFitness}: a key that decodes but that nobody
 *       can use ({@link FindingCode#INVALID_PUBLIC_KEY}: an uncompressed EC point off its curve,
 *       which the JDK accepts unchecked, an RSA modulus that is negative or even, an absurd RSA
 *       exponent), and a certificate only Bouncy Castle's parser accepts because it breaks a
 *       profile rule the JDK enforces, such as explicit EC curve parameters ({@link
 *       FindingCode#PROFILE_VIOLATION}), so {@code smime cert info} still shows it.
 *   <li>A key of an algorithm the JDK does not know, in a certificate it otherwise accepts, is
 *       returned as the JDK's generic key: its algorithm is its OID and the fitness check reports
 *       that it can neither sign nor encrypt.
 * </ul>
 *
 * <p>All methods are thread-safe.
 */
public final class Certificates {
  private Certificates() {}

  // --- reading -----------------------------------------------------------------------------

  /**
   * Reads every certificate in {@code data}, with the default limits.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @return the certificates in input order, never empty
   * @throws SmimeFormatException if the bytes hold no certificate or are malformed
   */
  public static List<X509Certificate> read(byte[] data) {
    return read(data, ReadLimits.defaults());
  }

  /**
   * Reads every certificate in {@code data}.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @param limits input size and certificate count limits
   * @return the certificates in input order, never empty
   * @throws SmimeFormatException if the bytes hold no certificate, are malformed or exceed a limit
   */
  public static List<X509Certificate> read(byte[] data, ReadLimits limits) {
    requireNonNull(data, "data");
    requireNonNull(limits, "limits");
    checkSize(data.length, limits);
    return CertificateCodec.read(data, limits.maxCertificates());
  }

  /**
   * Reads every certificate in {@code data}, with the default limits.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @return the certificates in input order, never empty
   * @throws SmimeFormatException if the bytes hold no certificate or are malformed
   */
  public static List<X509Certificate> read(Bytes data) {
    return read(data, ReadLimits.defaults());
  }

  /**
   * Reads every certificate in {@code data}.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @param limits input size and certificate count limits
   * @return the certificates in input order, never empty
   * @throws SmimeFormatException if the bytes hold no certificate, are malformed or exceed a limit
   */
  public static List<X509Certificate> read(Bytes data, ReadLimits limits) {
    requireNonNull(data, "data");
    requireNonNull(limits, "limits");
    checkSize(data.size(), limits);
    return CertificateCodec.read(data.toByteArray(), limits.maxCertificates());
  }

  /**
   * Reads every certificate in a file, with the default limits.
   *
   * @param file a certificate file in any supported encoding
   * @return the certificates in file order, never empty
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if the file holds no certificate or is malformed; the message
   *     starts with the file name
   */
  public static List<X509Certificate> read(Path file) throws IOException {
    return read(file, ReadLimits.defaults());
  }

  /**
   * Reads every certificate in a file. Its size is checked before it is read.
   *
   * @param file a certificate file in any supported encoding
   * @param limits input size and certificate count limits
   * @return the certificates in file order, never empty
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if the file holds no certificate, is malformed or exceeds a limit;
   *     the message starts with the file name
   */
  public static List<X509Certificate> read(Path file, ReadLimits limits) throws IOException {
    requireNonNull(file, "file");
    requireNonNull(limits, "limits");
    byte[] data = readBytes(file, limits);
    try {
      return CertificateCodec.read(data, limits.maxCertificates());
    } catch (SmimeFormatException e) {
      throw inFile(file, e);
    }
  }

  /**
   * Reads every certificate from the rest of a stream, with the default limits. The stream is not
   * closed.
   *
   * @param in the stream
   * @return the certificates in stream order, never empty
   * @throws IOException if reading the stream fails
   * @throws SmimeFormatException if the stream holds no certificate or is malformed
   */
  public static List<X509Certificate> read(InputStream in) throws IOException {
    return read(in, ReadLimits.defaults());
  }

  /**
   * Reads every certificate from the rest of a stream. At most {@code limits.maxInputBytes() + 1}
   * bytes are read. The stream is not closed.
   *
   * @param in the stream
   * @param limits input size and certificate count limits
   * @return the certificates in stream order, never empty
   * @throws IOException if reading the stream fails
   * @throws SmimeFormatException if the stream holds no certificate, is malformed or exceeds a
   *     limit
   */
  public static List<X509Certificate> read(InputStream in, ReadLimits limits) throws IOException {
    requireNonNull(in, "in");
    requireNonNull(limits, "limits");
    return CertificateCodec.read(readStream(in, limits), limits.maxCertificates());
  }

  /**
   * Reads every certificate in {@code data}, with the default limits, and says what was passed
   * over: {@link #read(byte[])} with the encoding and the skipped PEM blocks.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @return the encoding, the certificates (never empty) and the skipped blocks
   * @throws SmimeFormatException if the bytes hold no certificate or are malformed
   */
  public static CertificateFile readFile(byte[] data) {
    return readFile(data, ReadLimits.defaults());
  }

  /**
   * Reads every certificate in {@code data} and says what was passed over: {@link #read(byte[],
   * ReadLimits)} with the encoding and the skipped PEM blocks.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @param limits input size and certificate count limits (the count also bounds the skipped
   *     blocks)
   * @return the encoding, the certificates (never empty) and the skipped blocks
   * @throws SmimeFormatException if the bytes hold no certificate, are malformed or exceed a limit
   */
  public static CertificateFile readFile(byte[] data, ReadLimits limits) {
    requireNonNull(data, "data");
    requireNonNull(limits, "limits");
    checkSize(data.length, limits);
    return CertificateCodec.readFile(data, limits.maxCertificates());
  }

  /**
   * Reads every certificate in a file, with the default limits, and says what was passed over.
   *
   * @param file a certificate file in any supported encoding
   * @return the encoding, the certificates (never empty) and the skipped blocks
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if the file holds no certificate or is malformed; the message
   *     starts with the file name
   */
  public static CertificateFile readFile(Path file) throws IOException {
    return readFile(file, ReadLimits.defaults());
  }

  /**
   * Reads every certificate in a file and says what was passed over. Its size is checked before it
   * is read.
   *
   * @param file a certificate file in any supported encoding
   * @param limits input size and certificate count limits
   * @return the encoding, the certificates (never empty) and the skipped blocks
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if the file holds no certificate, is malformed or exceeds a limit;
   *     the message starts with the file name
   */
  public static CertificateFile readFile(Path file, ReadLimits limits) throws IOException {
    requireNonNull(file, "file");
    requireNonNull(limits, "limits");
    byte[] data = readBytes(file, limits);
    try {
      return CertificateCodec.readFile(data, limits.maxCertificates());
    } catch (SmimeFormatException e) {
      throw inFile(file, e);
    }
  }

  /**
   * Reads exactly one certificate.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @return the certificate
   * @throws SmimeFormatException if the bytes hold no certificate, more than one, or are malformed
   */
  public static X509Certificate readOne(byte[] data) {
    return one(read(data));
  }

  /**
   * Reads exactly one certificate.
   *
   * @param data the bytes of a certificate file in any supported encoding
   * @return the certificate
   * @throws SmimeFormatException if the bytes hold no certificate, more than one, or are malformed
   */
  public static X509Certificate readOne(Bytes data) {
    return one(read(data));
  }

  /**
   * Decodes exactly one DER certificate, without looking for any other encoding: for bytes that are
   * a certificate's DER by their container, such as a serialized store's certificate element. The
   * certificate is accepted by the same rules as {@link #read(byte[])}'s (the JDK's parser, Bouncy
   * Castle's for what the JDK refuses, the nesting bound and the public-key checks), and its {@link
   * X509Certificate#getEncoded()} equals {@code der}.
   *
   * @param der one DER certificate and nothing else
   * @return the certificate
   * @throws SmimeFormatException if {@code der} is not exactly one DER SEQUENCE of definite length,
   *     is larger than the default {@link ReadLimits#maxInputBytes()}, or is not a certificate that
   *     either parser accepts
   */
  public static X509Certificate readDer(byte[] der) {
    requireNonNull(der, "der");
    checkSize(der.length, ReadLimits.defaults());
    return CertificateDecoder.create().decodeDer(der, 0, der.length, "certificate", 0);
  }

  /**
   * Decodes exactly one DER certificate; see {@link #readDer(byte[])}.
   *
   * @param der one DER certificate and nothing else
   * @return the certificate
   * @throws SmimeFormatException if {@code der} is not one DER certificate
   */
  public static X509Certificate readDer(Bytes der) {
    requireNonNull(der, "der");
    checkSize(der.size(), ReadLimits.defaults());
    return CertificateDecoder.create()
        .decodeDer(der.array(), der.offset(), der.size(), "certificate", 0);
  }

  /**
   * Reads exactly one certificate from a file.
   *
   * @param file a certificate file in any supported encoding
   * @return the certificate
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if the file holds no certificate, more than one, or is malformed
   */
  public static X509Certificate readOne(Path file) throws IOException {
    List<X509Certificate> certs = read(file);
    try {
      return one(certs);
    } catch (SmimeFormatException e) {
      throw inFile(file, e);
    }
  }

  /**
   * Reads exactly one certificate from the rest of a stream. The stream is not closed.
   *
   * @param in the stream
   * @return the certificate
   * @throws IOException if reading the stream fails
   * @throws SmimeFormatException if the stream holds no certificate, more than one, or is malformed
   */
  public static X509Certificate readOne(InputStream in) throws IOException {
    return one(read(in));
  }

  /**
   * Detects the encoding of {@code data} from its structure, with the default limits. The
   * certificates themselves are not parsed, so {@link #read(byte[])} may still refuse a certificate
   * whose outer structure is sound.
   *
   * @param data the bytes of a certificate file
   * @return the encoding found
   * @throws SmimeFormatException if the bytes are not in a supported encoding (the same message
   *     {@link #read(byte[])} gives)
   */
  public static CertificateEncoding detect(byte[] data) {
    requireNonNull(data, "data");
    ReadLimits limits = ReadLimits.defaults();
    checkSize(data.length, limits);
    return CertificateCodec.detect(data, limits.maxCertificates());
  }

  // --- writing -----------------------------------------------------------------------------

  /**
   * The certificate's DER encoding (what Windows' export wizard writes as "DER encoded binary X.509
   * (.CER)").
   *
   * @param certificate the certificate
   * @return its DER
   */
  public static Bytes encodeDer(X509Certificate certificate) {
    requireNonNull(certificate, "certificate");
    return Bytes.copyOf(CertificateCodec.der(certificate));
  }

  /**
   * The certificate as one PEM {@code CERTIFICATE} block: 64-character base64 lines, LF line ends,
   * a final LF.
   *
   * @param certificate the certificate
   * @return the PEM text
   */
  public static String encodePem(X509Certificate certificate) {
    requireNonNull(certificate, "certificate");
    return CertificateCodec.pem(List.of(certificate));
  }

  /**
   * The certificates as consecutive PEM {@code CERTIFICATE} blocks, in list order.
   *
   * @param certificates the certificates, at least one
   * @return the PEM text
   * @throws IllegalArgumentException if the list is empty
   */
  public static String encodePem(List<X509Certificate> certificates) {
    return CertificateCodec.pem(checkList(certificates));
  }

  /**
   * A certs-only PKCS#7 SignedData ({@code .p7b}) holding the certificates in list order, DER. The
   * same certificates give the same bytes.
   *
   * @param certificates the certificates, at least one
   * @return the DER of the ContentInfo
   * @throws IllegalArgumentException if the list is empty
   */
  public static Bytes encodePkcs7(List<X509Certificate> certificates) {
    return Bytes.copyOf(CertificateCodec.pkcs7(checkList(certificates)));
  }

  /**
   * Writes the certificate's DER to a file, replacing it.
   *
   * @param file the file
   * @param certificate the certificate
   * @throws IOException if writing fails
   */
  public static void writeDer(Path file, X509Certificate certificate) throws IOException {
    requireNonNull(file, "file");
    Files.write(file, CertificateCodec.der(requireNonNull(certificate, "certificate")));
  }

  /**
   * Writes the certificate as PEM ({@link #encodePem(X509Certificate)}) to a file, replacing it.
   *
   * @param file the file
   * @param certificate the certificate
   * @throws IOException if writing fails
   */
  public static void writePem(Path file, X509Certificate certificate) throws IOException {
    requireNonNull(file, "file");
    Files.write(file, encodePem(certificate).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Writes the certificates as PEM ({@link #encodePem(List)}) to a file, replacing it.
   *
   * @param file the file
   * @param certificates the certificates, at least one
   * @throws IOException if writing fails
   */
  public static void writePem(Path file, List<X509Certificate> certificates) throws IOException {
    requireNonNull(file, "file");
    Files.write(file, encodePem(certificates).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Writes a certs-only PKCS#7 ({@link #encodePkcs7(List)}) to a file, replacing it.
   *
   * @param file the file
   * @param certificates the certificates, at least one
   * @throws IOException if writing fails
   */
  public static void writePkcs7(Path file, List<X509Certificate> certificates) throws IOException {
    requireNonNull(file, "file");
    Files.write(file, CertificateCodec.pkcs7(checkList(certificates)));
  }

  // --- thumbprints and e-mail addresses ------------------------------------------------------

  /**
   * A name as Windows and {@code smime cert info} show it: RFC 2253, with {@code E=} for the
   * emailAddress attribute (which the JDK prints as an OID).
   *
   * @param name a subject or issuer name
   * @return its display form
   */
  public static String displayName(X500Principal name) {
    return KeyDescriptions.displayName(requireNonNull(name, "name"));
  }

  /**
   * The fields people look at: names, serial, validity, thumbprints, e-mail addresses, key, key
   * usages.
   *
   * @param certificate the certificate
   * @return its summary
   * @throws SmimeFormatException if its extended key usage extension is malformed
   */
  public static CertificateSummary summarize(X509Certificate certificate) {
    requireNonNull(certificate, "certificate");
    List<String> eku;
    try {
      eku = KeyDescriptions.extendedKeyUsageNames(certificate);
    } catch (CertificateParsingException e) {
      throw new SmimeFormatException("malformed extended key usage extension", e);
    }
    return new CertificateSummary(
        KeyDescriptions.displayName(certificate.getSubjectX500Principal()),
        KeyDescriptions.displayName(certificate.getIssuerX500Principal()),
        certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        Thumbprint.sha1(certificate),
        Thumbprint.sha256(certificate),
        emailAddresses(certificate),
        KeyDescriptions.keyAlgorithm(certificate),
        KeyDescriptions.keySize(certificate),
        KeyDescriptions.keyUsageNames(certificate),
        eku);
  }

  /**
   * The key size in bits, as {@code smime cert info} and {@link CertificateSummary#keySize()} show
   * it and as smime-sst stores it (property 92): the RSA modulus, the EC field (256 for P-256, 521
   * for P-521), the DSA prime; 256 for Ed25519 and X25519, 456 for Ed448, 448 for X448; 0 when the
   * key type has no size core knows. Unlike {@link #summarize}, it reads only the key, so a
   * malformed extension elsewhere in the certificate does not affect it.
   *
   * @param certificate the certificate
   * @return the size in bits, or 0
   */
  public static int keySize(X509Certificate certificate) {
    return KeyDescriptions.keySize(requireNonNull(certificate, "certificate"));
  }

  /**
   * The certificate's e-mail addresses: the subjectAltName rfc822Name values in order, then the
   * subject's {@code E=} (emailAddress, 1.2.840.113549.1.9.1) values, without duplicates that
   * differ only in case (the first spelling is kept).
   *
   * @param certificate the certificate
   * @return the addresses, possibly empty
   * @throws SmimeFormatException if the subjectAltName extension is malformed
   */
  public static List<String> emailAddresses(X509Certificate certificate) {
    return CertificateFields.emailAddresses(requireNonNull(certificate, "certificate"));
  }

  /**
   * The address Outlook on the web and Outlook match against the recipient (CryptoAPI's {@code
   * CERT_NAME_EMAIL_TYPE}): the first subjectAltName rfc822Name, else the first subject {@code E=}.
   *
   * @param certificate the certificate
   * @return the first of {@link #emailAddresses}, or empty if there is none
   */
  public static Optional<String> primaryEmail(X509Certificate certificate) {
    List<String> all = emailAddresses(certificate);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  // --- helpers -------------------------------------------------------------------------------

  private static X509Certificate one(List<X509Certificate> certs) {
    if (certs.size() != 1) {
      throw new SmimeFormatException(
          "expected exactly one certificate but found "
              + certs.size()
              + " (first: '"
              + displayName(certs.get(0).getSubjectX500Principal())
              + "')");
    }
    return certs.get(0);
  }

  private static List<X509Certificate> checkList(List<X509Certificate> certificates) {
    requireNonNull(certificates, "certificates");
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificates");
    }
    for (int i = 0; i < certificates.size(); i++) {
      requireNonNull(certificates.get(i), "certificates[" + i + "]");
    }
    return List.copyOf(certificates);
  }

  private static void checkSize(long size, ReadLimits limits) {
    if (size > limits.maxInputBytes()) {
      throw new SmimeFormatException(
          "input: " + size + " bytes, over the limit of " + limits.maxInputBytes() + " bytes");
    }
  }

  private static byte[] readBytes(Path file, ReadLimits limits) throws IOException {
    return Bytes.read(file, limits.maxInputBytes()).toByteArray();
  }

  private static byte[] readStream(InputStream in, ReadLimits limits) throws IOException {
    int limit = (int) limits.maxInputBytes();
    byte[] data = in.readNBytes(limit);
    if (data.length == limit && in.read() != -1) {
      throw new SmimeFormatException(
          "input: over the limit of " + limits.maxInputBytes() + " bytes");
    }
    return data;
  }

  private static SmimeFormatException inFile(Path file, SmimeFormatException e) {
    return new SmimeFormatException(
        file + ": " + e.getMessage(), e.offset().isPresent() ? e.offset().getAsLong() : -1, e);
  }
}
