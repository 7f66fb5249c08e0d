package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * PEM armour scanning (RFC 7468): finds the next {@code -----BEGIN LABEL-----} line, checks its
 * label, and finds where the block's body and its {@code -----END LABEL-----} line are.
 *
 * <p>The body of a block that may hold certificates ({@link #isCertificateLabel}, {@link
 * #TRUSTED_LABEL}, {@link #isPkcs7Label}) must be base64 and whitespace only, checked in the same
 * pass. Any other block (a private key, possibly encrypted with RFC 1421 headers, a public key,
 * parameters, a CSR, a CRL) is passed over to its END line without looking at its content, so
 * nothing of it can reach a message.
 */
final class PemArmour {
  static final String TRUSTED_LABEL = "TRUSTED CERTIFICATE";

  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_PREFIX = "-----END ".getBytes(StandardCharsets.US_ASCII);
  private static final Set<String> CERTIFICATE_LABELS =
      Set.of("CERTIFICATE", "X509 CERTIFICATE", "X.509 CERTIFICATE");
  private static final Set<String> PKCS7_LABELS = Set.of("PKCS7", "PKCS #7 SIGNED DATA", "CMS");
  private static final int MAX_LABEL = 64;

  private PemArmour() {}

  /**
   * One block: BEGIN line at {@code begin}, base64 body {@code [bodyStart, bodyEnd)} (for blocks
   * that are not read, everything up to the END line), the block ending at {@code end}; {@code at}
   * is the offset of the BEGIN line in the input.
   */
  record Block(int number, String label, int begin, int bodyStart, int bodyEnd, int end, long at) {
    /** How messages name it: {@code "pem block #2 (CERTIFICATE) at offset 80"}. */
    String where() {
      return PemArmour.where(number, label, at);
    }
  }

  /** Where the first BEGIN line is in t[from, to), or -1. */
  static int firstBegin(byte[] t, int from, int to) {
    return indexOf(t, BEGIN, from, to);
  }

  /**
   * The next block in t[from, to), or null if there is no further BEGIN line.
   *
   * @param number the block's number (1 for the first) for messages
   * @param base offset in the input of t[0]
   * @param scale input bytes per text byte (1, or 2 for UTF-16)
   * @throws SmimeFormatException for a malformed BEGIN line, a body character that is not base64 in
   *     a block that may hold certificates, or a missing END line
   */
  static @Nullable Block next(byte[] t, int from, int to, int number, int base, int scale) {
    int b = indexOf(t, BEGIN, from, to);
    if (b < 0) {
      return null;
    }
    long at = base + (long) scale * b;
    int labelStart = b + BEGIN.length;
    int labelEnd =
        indexOf(t, DASHES, labelStart, Math.min(to, labelStart + MAX_LABEL + DASHES.length));
    if (labelEnd < 0 || !printableLabel(t, labelStart, labelEnd)) {
      throw new SmimeFormatException(
          "pem block #" + number + " at offset " + at + ": malformed -----BEGIN line", at);
    }
    String label = new String(t, labelStart, labelEnd - labelStart, StandardCharsets.US_ASCII);
    int bodyStart = labelEnd + DASHES.length;
    int bodyEnd;
    if (mayHoldCertificates(label)) {
      // One pass over the body: base64 alphabet and whitespace up to the next '-'.
      bodyEnd = bodyStart;
      while (bodyEnd < to && t[bodyEnd] != '-') {
        if (!Base64Text.isBase64OrSpace(t[bodyEnd])) {
          throw invalidBodyCharacter(t, bodyEnd, where(number, label, at), base, scale);
        }
        bodyEnd++;
      }
      if (!isEndLine(t, bodyEnd, to, label)) {
        throw noEndLine(number, label, at);
      }
    } else {
      bodyEnd = indexOf(t, endLine(label), bodyStart, to);
      if (bodyEnd < 0) {
        throw noEndLine(number, label, at);
      }
    }
    int end = bodyEnd + END_PREFIX.length + label.length() + DASHES.length;
    return new Block(number, label, b, bodyStart, bodyEnd, end, at);
  }

  static boolean isCertificateLabel(String label) {
    return CERTIFICATE_LABELS.contains(label);
  }

  static boolean isPkcs7Label(String label) {
    return PKCS7_LABELS.contains(label);
  }

  /** Whether blocks with this label are read (certificates, trusted certificates, PKCS#7). */
  static boolean mayHoldCertificates(String label) {
    return CERTIFICATE_LABELS.contains(label)
        || TRUSTED_LABEL.equals(label)
        || PKCS7_LABELS.contains(label);
  }

  static String where(int block, String label, long at) {
    return "pem block #" + block + " (" + label + ") at offset " + at;
  }

  /**
   * Whether base64 in t[from, to) starts like the DER of a certificate: a SEQUENCE whose first
   * element is a SEQUENCE (a PKCS#7 ContentInfo starts with an OID instead).
   */
  static boolean startsLikeCertificate(byte[] t, int from, int to) {
    byte[] first = new byte[8];
    int n = 0;
    for (int i = from; i < to && n < first.length; i++) {
      if (!Base64Text.isSpace(t[i])) {
        first[n++] = t[i];
      }
    }
    if (n < first.length) {
      return false;
    }
    byte[] d = Base64Text.decodePrefix(first);
    if (d == null || d.length < 6 || (d[0] & 0xff) != Der.SEQUENCE) {
      return false;
    }
    int len = d[1] & 0xff;
    int inner = len < 0x80 ? 2 : len >= 0x81 && len <= 0x83 ? 2 + (len & 0x7f) : -1;
    return inner > 0 && (d[inner] & 0xff) == Der.SEQUENCE;
  }

  /** Why a block of this label is not a certificate, as a sentence fragment. */
  static String refusal(String label) {
    String l = label.toUpperCase(Locale.ROOT);
    if (l.contains("PRIVATE KEY")) {
      return "is a private key (" + label + "), not a certificate";
    }
    if (l.contains("CRL")) {
      return "is a certificate revocation list (" + label + "), not a certificate";
    }
    if (l.contains("CERTIFICATE REQUEST")) {
      return "is a certificate request (" + label + "), not a certificate";
    }
    if (l.contains("PUBLIC KEY")) {
      return "is a public key (" + label + ") without a certificate";
    }
    if (l.contains("PKCS12") || l.contains("PFX")) {
      return "is a PKCS#12 (.p12/.pfx) file ("
          + label
          + "), not a certificate: use Pkcs12.read on its decoded bytes";
    }
    return "has type '" + label + "', not a certificate";
  }

  private static byte[] endLine(String label) {
    return ("-----END " + label + "-----").getBytes(StandardCharsets.US_ASCII);
  }

  private static SmimeFormatException noEndLine(int number, String label, long at) {
    return new SmimeFormatException(
        where(number, label, at) + ": no -----END " + label + "----- line follows (truncated?)",
        at);
  }

  private static boolean isEndLine(byte[] t, int at, int to, String label) {
    int n = END_PREFIX.length + label.length() + DASHES.length;
    if (to - at < n || !startsWith(t, at, to, END_PREFIX)) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      if (t[at + END_PREFIX.length + i] != label.charAt(i)) {
        return false;
      }
    }
    return startsWith(t, at + END_PREFIX.length + label.length(), to, DASHES);
  }

  private static SmimeFormatException invalidBodyCharacter(
      byte[] t, int i, String where, int base, int scale) {
    byte c = t[i];
    long at = base + (long) scale * i;
    String hint = c == ':' ? " (encrypted or header-carrying blocks are not certificates)" : "";
    return new SmimeFormatException(
        where + ": invalid base64 character " + Base64Text.printable(c) + " at offset " + at + hint,
        at);
  }

  static int indexOf(byte[] h, byte[] needle, int from, int to) {
    byte first = needle[0];
    int last = to - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (h[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (h[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] h, int at, int to, byte[] prefix) {
    if (to - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (h[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean printableLabel(byte[] t, int from, int to) {
    if (to <= from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (t[i] < 0x20 || t[i] > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
