package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.CertificateEncoding;
import io.github.smimekit.core.SmimeFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Finds out what a blob holds and cuts out the DER of every certificate in it, without parsing the
 * certificates themselves: DER (one or several concatenated), PEM, bare base64, PKCS#7 (DER, PEM,
 * base64; also a bare SignedData) and any of the text forms as UTF-16. Anything else is refused
 * with a {@link SmimeFormatException} naming what was found.
 *
 * <p>Work and memory are bounded by the input size (checked by the caller) and {@code
 * maxCertificates}.
 */
public final class CertificateSniffer {

  /** The outcome: the encoding found and the DER of each certificate, in input order. */
  public record Result(CertificateEncoding encoding, List<DerSlice> certificates) {}

  /**
   * One certificate: either its DER ({@code length} bytes of {@code buffer} at {@code offset}), or
   * (when {@link #pemText()}) a whole validated PEM {@code CERTIFICATE} block, BEGIN line to END
   * line, whose base64 body is {@code buffer[bodyStart, bodyEnd)}. {@code where} says where it came
   * from, for messages; {@code inputOffset} is its offset in the input (or of the text block it was
   * decoded from).
   */
  public static final class DerSlice {
    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final @Nullable String where; // built on demand for PEM blocks (hot path)
    private final long inputOffset;
    private final boolean pemText;
    private final int bodyStart;
    private final int bodyEnd;
    private final int block;
    private final String label;
    private final boolean joinsPrevious;

    DerSlice(byte[] buffer, int offset, int length, String where, long inputOffset) {
      this(buffer, offset, length, where, inputOffset, false, 0, 0, 0, "", false);
    }

    private DerSlice(
        byte[] buffer,
        int offset,
        int length,
        @Nullable String where,
        long inputOffset,
        boolean pemText,
        int bodyStart,
        int bodyEnd,
        int block,
        String label,
        boolean joinsPrevious) {
      this.buffer = buffer;
      this.offset = offset;
      this.length = length;
      this.where = where;
      this.inputOffset = inputOffset;
      this.pemText = pemText;
      this.bodyStart = bodyStart;
      this.bodyEnd = bodyEnd;
      this.block = block;
      this.label = label;
      this.joinsPrevious = joinsPrevious;
    }

    /**
     * Whether this PEM block directly follows the previous slice, also a PEM block, with only
     * whitespace between them, in the same buffer: a run of such blocks can go to the JDK factory
     * at once.
     */
    public boolean joinsPrevious() {
      return joinsPrevious;
    }

    /** The array holding the DER or PEM text (shared, not copied). */
    public byte[] buffer() {
      return buffer;
    }

    /** Where the DER or PEM block starts in {@link #buffer()}. */
    public int offset() {
      return offset;
    }

    /** The length of the DER or PEM block. */
    public int length() {
      return length;
    }

    /** Where it came from, for messages, e.g. {@code "pem block #2 (CERTIFICATE) at offset 80"}. */
    public String where() {
      return where != null ? where : pemWhere(block, label, inputOffset);
    }

    /** Its offset in the input (or of the text block it was decoded from). */
    public long inputOffset() {
      return inputOffset;
    }

    /** Whether this is a PEM CERTIFICATE block (text) rather than DER. */
    public boolean pemText() {
      return pemText;
    }
  }

  private static final byte[] SIGNED_DATA = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02
  };
  private static final byte[] PKCS7_PREFIX = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07
  };
  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_PREFIX = "-----END ".getBytes(StandardCharsets.US_ASCII);

  private static final Set<String> CERTIFICATE_LABELS =
      Set.of("CERTIFICATE", "X509 CERTIFICATE", "X.509 CERTIFICATE");
  private static final String TRUSTED_LABEL = "TRUSTED CERTIFICATE";
  private static final Set<String> PKCS7_LABELS = Set.of("PKCS7", "PKCS #7 SIGNED DATA", "CMS");

  /** Immutable (no line length); decodes whole arrays that were validated beforehand. */
  // lenient only about the unused bits of the last character (the alphabet, padding and length
  // are checked before): the JDK's decoder, which read() uses for PEM runs, ignores them too, so
  // detect() and read() accept the same text
  private static final Base64 BASE64 =
      Base64.builder().setDecodingPolicy(CodecPolicy.LENIENT).get();

  private static final int MAX_LABEL = 64;

  private final int maxCertificates;
  private final boolean lazyPem;
  private final List<DerSlice> found = new ArrayList<>();

  private CertificateSniffer(int maxCertificates, boolean lazyPem) {
    this.maxCertificates = maxCertificates;
    this.lazyPem = lazyPem;
  }

  /**
   * Classifies {@code data} and returns each certificate in it (at least one).
   *
   * @param lazyPem if true, PEM {@code CERTIFICATE} blocks are validated (label, END line, base64
   *     alphabet) but not decoded: they are returned as text for the JDK's factory, which decodes
   *     them itself ({@link #expandPem} does the full work when it refuses one). If false, every
   *     block is decoded and its DER classified (what {@code detect} needs).
   * @throws SmimeFormatException for anything that is not one of the supported encodings
   */
  public static Result sniff(byte[] data, int maxCertificates, boolean lazyPem) {
    return new CertificateSniffer(maxCertificates, lazyPem).top(data);
  }

  /**
   * The full treatment of a lazily returned PEM block: decodes its base64 with Commons Codec and
   * classifies the DER, giving the certificates in it or the precise error.
   */
  static List<DerSlice> expandPem(DerSlice pem, int maxCertificates) {
    CertificateSniffer s = new CertificateSniffer(Math.max(1, maxCertificates), false);
    byte[] der = decodeBase64(pem.buffer, pem.bodyStart, pem.bodyEnd, pem.where(), pem.inputOffset);
    s.binaryIn(der, pem.where(), pem.inputOffset);
    return s.found;
  }

  private Result top(byte[] data) {
    int n = data.length;
    if (n == 0) {
      throw new SmimeFormatException("empty input: no certificate", 0);
    }
    // UTF-16 text, as Windows tools (PowerShell 5 Out-File, Notepad "Unicode") write it.
    int u = n >= 2 ? (data[0] & 0xff) << 8 | (data[1] & 0xff) : -1;
    if (u == 0xfffe) {
      return utf16(data, 2, true);
    }
    if (u == 0xfeff) {
      return utf16(data, 2, false);
    }
    if (n >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0) {
      return utf16(data, 0, true);
    }
    if (n >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0) {
      return utf16(data, 0, false);
    }
    if (looksLikeDer(data, 0, n)) {
      boolean pkcs7 = binary(data, 0, n, "", -1);
      return result(pkcs7 ? CertificateEncoding.PKCS7_DER : CertificateEncoding.DER);
    }
    refuseKnownBinary(data, 0, n, "");
    int start = 0;
    if (n >= 3
        && (data[0] & 0xff) == 0xef
        && (data[1] & 0xff) == 0xbb
        && (data[2] & 0xff) == 0xbf) {
      start = 3; // UTF-8 byte-order mark
    }
    CertificateEncoding e = text(data, start, n, 0, 1, data);
    return result(e);
  }

  private Result result(CertificateEncoding e) {
    return new Result(e, List.copyOf(found));
  }

  private static boolean looksLikeDer(byte[] b, int off, int end) {
    if ((b[off] & 0xff) != Der.SEQUENCE) {
      return false;
    }
    if (end - off < 2) {
      return true;
    }
    int second = b[off + 1] & 0xff;
    // '0' followed by printable text is text; a certificate's length octet is 0x80 or more, and a
    // short structure (an EC key) has a short length that spans exactly the whole input.
    return second >= 0x80
        || second == end - off - 2
        || (second < 0x20 && second != '\t' && second != '\r' && second != '\n');
  }

  // ---------------------------------------------------------------------------------------------
  // UTF-16

  private Result utf16(byte[] data, int bom, boolean littleEndian) {
    int bytes = data.length - bom;
    if (bytes % 2 != 0) {
      if (data[data.length - 1] != 0) {
        throw new SmimeFormatException(
            "utf-16 text has an odd number of bytes (" + bytes + ")", data.length - 1L);
      }
      bytes--;
    }
    byte[] ascii = new byte[bytes / 2];
    for (int i = 0, p = bom; i < ascii.length; i++, p += 2) {
      int lo = littleEndian ? data[p] & 0xff : data[p + 1] & 0xff;
      int hi = littleEndian ? data[p + 1] & 0xff : data[p] & 0xff;
      // Non-ASCII characters can only be in surrounding text; '?' breaks any base64 they are in.
      ascii[i] = hi == 0 && lo < 0x80 ? (byte) lo : (byte) '?';
    }
    int end = ascii.length;
    while (end > 0 && ascii[end - 1] == 0) {
      end--; // trailing NUL characters (C strings written whole)
    }
    if (end == 0) {
      throw new SmimeFormatException("empty input: utf-16 text without characters", 0);
    }
    CertificateEncoding e = text(ascii, 0, end, bom, 2, data);
    return result(
        switch (e) {
          case PEM -> CertificateEncoding.UTF16_PEM;
          case PKCS7_PEM -> CertificateEncoding.UTF16_PKCS7_PEM;
          case BASE64 -> CertificateEncoding.UTF16_BASE64;
          case PKCS7_BASE64 -> CertificateEncoding.UTF16_PKCS7_BASE64;
          default -> throw new IllegalStateException("text gave " + e);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // text: PEM or bare base64

  /**
   * @param t the text as ASCII bytes
   * @param base offset in the input of t[0]
   * @param scale input bytes per text byte (1, or 2 for UTF-16)
   * @param input the original input, for messages
   */
  private CertificateEncoding text(byte[] t, int from, int to, int base, int scale, byte[] input) {
    int firstBegin = indexOf(t, BEGIN, from, to);
    if (firstBegin >= 0) {
      return pem(t, firstBegin, to, base, scale);
    }
    int s = from;
    while (s < to && isSpace(t[s])) {
      s++;
    }
    if (s == to) {
      throw new SmimeFormatException("empty input: only whitespace, no certificate", 0);
    }
    for (int i = s; i < to; i++) {
      if (!isBase64OrSpace(t[i])) {
        if (t[i] < 0x20 || t[i] == 0x7f) {
          throw new SmimeFormatException(
              "not a certificate: starts with bytes " + hexPrefix(input, 0, input.length), 0);
        }
        throw new SmimeFormatException(
            "not a certificate: starts with bytes "
                + hexPrefix(input, 0, input.length)
                + " (text without a -----BEGIN CERTIFICATE----- block, and not base64: character "
                + printable(t[i])
                + " at offset "
                + (base + (long) scale * i)
                + ")",
            base + (long) scale * i);
      }
    }
    String where = "base64 text";
    byte[] decoded;
    try {
      decoded = decodeBase64(t, s, to, where, base + (long) scale * s);
    } catch (SmimeFormatException e) {
      // a word of letters is not base64 of a certificate: report the input as unrecognised
      throw new SmimeFormatException(
          "not a certificate: starts with bytes "
              + hexPrefix(input, 0, input.length)
              + " (text without a -----BEGIN CERTIFICATE----- block, and not base64 of DER: "
              + e.getMessage()
              + ")",
          0,
          e);
    }
    if ((decoded[0] & 0xff) != Der.SEQUENCE && !isKnownBinary(decoded)) {
      throw new SmimeFormatException(
          "not a certificate: starts with bytes "
              + hexPrefix(input, 0, input.length)
              + " (text without a -----BEGIN CERTIFICATE----- block; as base64 it decodes to bytes "
              + hexPrefix(decoded, 0, decoded.length)
              + ", not DER)",
          0);
    }
    boolean pkcs7 = binaryIn(decoded, where, base + (long) scale * s);
    return pkcs7 ? CertificateEncoding.PKCS7_BASE64 : CertificateEncoding.BASE64;
  }

  private CertificateEncoding pem(byte[] t, int firstBegin, int to, int base, int scale) {
    int pos = firstBegin;
    int block = 0;
    boolean allPkcs7 = true;
    int lastPemEnd = -1; // end of the previous block if it became a lazy slice
    int b;
    while ((b = indexOf(t, BEGIN, pos, to)) >= 0) {
      block++;
      long at = base + (long) scale * b;
      int labelStart = b + BEGIN.length;
      int labelEnd =
          indexOf(t, DASHES, labelStart, Math.min(to, labelStart + MAX_LABEL + DASHES.length));
      if (labelEnd < 0 || !printableLabel(t, labelStart, labelEnd)) {
        throw new SmimeFormatException(
            "pem block #" + block + " at offset " + at + ": malformed -----BEGIN line", at);
      }
      String label = new String(t, labelStart, labelEnd - labelStart, StandardCharsets.US_ASCII);
      boolean certificateLabel = CERTIFICATE_LABELS.contains(label);
      boolean trusted = !certificateLabel && TRUSTED_LABEL.equals(label);
      boolean isPkcs7Label = !certificateLabel && PKCS7_LABELS.contains(label);
      if (!trusted && !isPkcs7Label && !certificateLabel) {
        throw new SmimeFormatException(
            "pem block #" + block + " at offset " + at + " " + refusal(label), at);
      }
      // One pass over the body: base64 alphabet and whitespace up to the next '-'.
      int bodyStart = labelEnd + DASHES.length;
      int bodyEnd = bodyStart;
      while (bodyEnd < to && t[bodyEnd] != '-') {
        if (!isBase64OrSpace(t[bodyEnd])) {
          throw invalidBodyCharacter(t, bodyEnd, pemWhere(block, label, at), base, scale);
        }
        bodyEnd++;
      }
      int endLength = 9 + label.length() + 5; // "-----END " label "-----"
      if (!isEndLine(t, bodyEnd, to, label)) {
        throw new SmimeFormatException(
            pemWhere(block, label, at)
                + ": no -----END "
                + label
                + "----- line follows (truncated?)",
            at);
      }
      int blockEnd = bodyEnd + endLength;
      pos = blockEnd;
      boolean joins = lastPemEnd >= 0 && onlySpace(t, lastPemEnd, b);
      // The JDK factory reads the first block of a run as PKCS#7 if it can (and then ignores the
      // rest), so a run may only start with a block that holds a certificate's DER.
      if (lazyPem && certificateLabel && (joins || startsLikeCertificate(t, bodyStart, bodyEnd))) {
        if (found.size() >= maxCertificates) {
          checkCount(at, pemWhere(block, label, at));
        }
        found.add(
            new DerSlice(
                t, b, blockEnd - b, null, at, true, bodyStart, bodyEnd, block, label, joins));
        lastPemEnd = blockEnd;
        allPkcs7 = false;
        continue;
      }
      String where = pemWhere(block, label, at);
      lastPemEnd = -1;
      byte[] der = decodeBase64(t, bodyStart, bodyEnd, where, at);
      boolean pkcs7;
      if (trusted) {
        // OpenSSL's TRUSTED CERTIFICATE: the certificate followed by its trust settings.
        pkcs7 = false;
        try {
          if (der.length == 0 || (der[0] & 0xff) != Der.SEQUENCE) {
            throw new SmimeFormatException("no DER sequence in the base64 content", 0);
          }
          Der.Tlv tlv = Der.header(der, 0, der.length);
          if (tlv.indefinite()) {
            throw new SmimeFormatException("certificate uses an indefinite (BER) length", 0);
          }
          add(der, 0, tlv.end(), where, at);
        } catch (SmimeFormatException e) {
          throw new SmimeFormatException(where + ": " + e.getMessage(), at, e);
        }
      } else {
        pkcs7 = binaryIn(der, where, at);
      }
      allPkcs7 &= pkcs7;
    }
    return allPkcs7 ? CertificateEncoding.PKCS7_PEM : CertificateEncoding.PEM;
  }

  /**
   * Whether base64 in t[from, to) starts like the DER of a certificate: a SEQUENCE whose first
   * element is a SEQUENCE (a PKCS#7 ContentInfo starts with an OID instead).
   */
  private static boolean startsLikeCertificate(byte[] t, int from, int to) {
    byte[] first = new byte[8];
    int n = 0;
    for (int i = from; i < to && n < first.length; i++) {
      if (!isSpace(t[i])) {
        first[n++] = t[i];
      }
    }
    if (n < first.length) {
      return false;
    }
    byte[] d;
    try {
      d = BASE64.decode(first);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (d.length < 6 || (d[0] & 0xff) != Der.SEQUENCE) {
      return false;
    }
    int len = d[1] & 0xff;
    int inner = len < 0x80 ? 2 : len >= 0x81 && len <= 0x83 ? 2 + (len & 0x7f) : -1;
    return inner > 0 && (d[inner] & 0xff) == Der.SEQUENCE;
  }

  private static boolean onlySpace(byte[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isSpace(t[i])) {
        return false;
      }
    }
    return true;
  }

  private static String pemWhere(int block, String label, long at) {
    return "pem block #" + block + " (" + label + ") at offset " + at;
  }

  private static boolean isEndLine(byte[] t, int at, int to, String label) {
    int n = 9 + label.length() + 5;
    if (to - at < n || !startsWith(t, at, to, END_PREFIX)) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      if (t[at + 9 + i] != label.charAt(i)) {
        return false;
      }
    }
    return startsWith(t, at + 9 + label.length(), to, DASHES);
  }

  private static SmimeFormatException invalidBodyCharacter(
      byte[] t, int i, String where, int base, int scale) {
    byte c = t[i];
    long at = base + (long) scale * i;
    String hint = c == ':' ? " (encrypted or header-carrying blocks are not certificates)" : "";
    return new SmimeFormatException(
        where + ": invalid base64 character " + printable(c) + " at offset " + at + hint, at);
  }

  private static String refusal(String label) {
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

  /** Decodes base64 in t[from, to) (only alphabet, '=' and whitespace, checked by the caller). */
  private static byte[] decodeBase64(byte[] t, int from, int to, String where, long at) {
    byte[] clean = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = t[i];
      if (!isSpace(c)) {
        clean[n++] = c;
      }
    }
    int pad = 0;
    while (pad < n && pad < 3 && clean[n - 1 - pad] == '=') {
      pad++;
    }
    for (int i = 0; i < n - pad; i++) {
      if (clean[i] == '=') {
        throw new SmimeFormatException(where + ": '=' inside the base64 content", at);
      }
    }
    if (n == 0) {
      throw new SmimeFormatException(where + ": empty base64 content", at);
    }
    if (n % 4 != 0 || pad > 2) {
      throw new SmimeFormatException(
          where + ": base64 content of " + n + " characters is not a multiple of 4 (truncated?)",
          at);
    }
    byte[] exact = n == clean.length ? clean : java.util.Arrays.copyOf(clean, n);
    try {
      return BASE64.decode(exact);
    } catch (IllegalArgumentException e) {
      throw new SmimeFormatException(where + ": malformed base64: " + e.getMessage(), at, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // binary

  /** {@link #binary} on decoded text content; errors are prefixed with where the text was. */
  private boolean binaryIn(byte[] der, String where, long at) {
    if (der.length == 0) {
      throw new SmimeFormatException(where + ": empty content", at);
    }
    try {
      return binary(der, 0, der.length, where, at);
    } catch (SmimeFormatException e) {
      throw new SmimeFormatException(where + ": " + e.getMessage(), at, e);
    }
  }

  /**
   * Classifies DER in b[off, end): one or more certificates, or one PKCS#7. Returns whether it was
   * PKCS#7. Offsets in messages are relative to {@code b}.
   */
  private boolean binary(byte[] b, int off, int end, String where, long at) {
    refuseKnownBinary(b, off, end, "");
    if ((b[off] & 0xff) != Der.SEQUENCE) {
      throw new SmimeFormatException(
          "not a certificate: starts with bytes " + hexPrefix(b, off, end), off);
    }
    int p = off;
    int index = 0;
    while (p < end) {
      if ((b[p] & 0xff) != Der.SEQUENCE) {
        throw new SmimeFormatException(
            "unexpected bytes at offset "
                + p
                + " after certificate #"
                + index
                + ": starts with bytes "
                + hexPrefix(b, p, end),
            p);
      }
      Der.Tlv tlv = Der.header(b, p, end);
      Kind kind = classify(b, tlv, end);
      index++;
      switch (kind) {
        case CERTIFICATE -> {
          if (tlv.indefinite()) {
            throw new SmimeFormatException(
                "certificate #" + index + " at offset " + p + " uses an indefinite (BER) length",
                p);
          }
          add(b, p, tlv.end() - p, certWhere(where, index, p), at < 0 ? p : at);
          p = tlv.end();
        }
        case PKCS7, BARE_SIGNED_DATA -> {
          if (index > 1) {
            throw new SmimeFormatException(
                "PKCS#7 signed data at offset " + p + " follows certificates", p);
          }
          int e = Der.end(b, p, end);
          if (e != end) {
            throw new SmimeFormatException(
                "unexpected bytes at offset "
                    + e
                    + " after the PKCS#7 signed data: starts with bytes "
                    + hexPrefix(b, e, end),
                e);
          }
          List<byte[]> certs =
              Pkcs7.certificates(
                  b, p, e - p, kind == Kind.BARE_SIGNED_DATA, maxCertificates - found.size());
          int i = 0;
          for (byte[] c : certs) {
            i++;
            String w = (where.isEmpty() ? "" : where + ": ") + "PKCS#7 certificate #" + i;
            add(c, 0, c.length, w, at < 0 ? p : at);
          }
          return true;
        }
        default ->
            throw new SmimeFormatException(
                (index > 1 ? "element at offset " + p + ": " : "") + kind.describe(b, tlv), p);
      }
    }
    return false;
  }

  private static String certWhere(String where, int index, int offset) {
    String w = "certificate #" + index + " at offset " + offset;
    return where.isEmpty() ? w : where + ": " + w;
  }

  private void add(byte[] b, int off, int len, String where, long inputOffset) {
    checkCount(inputOffset, "");
    found.add(new DerSlice(b, off, len, where, inputOffset));
  }

  private static boolean isKnownBinary(byte[] b) {
    try {
      refuseKnownBinary(b, 0, b.length, "");
      return false;
    } catch (SmimeFormatException e) {
      return true;
    }
  }

  private void checkCount(long inputOffset, String where) {
    if (found.size() >= maxCertificates) {
      throw new SmimeFormatException(
          (where.isEmpty() ? "" : where + ": ")
              + "more than "
              + maxCertificates
              + " certificates (the limit)",
          inputOffset);
    }
  }

  /** Refuses containers that are recognised by their first bytes: .sst files and elements. */
  private static void refuseKnownBinary(byte[] b, int off, int end, String prefix) {
    int n = end - off;
    if (n >= 8
        && b[off] == 0
        && b[off + 1] == 0
        && b[off + 2] == 0
        && b[off + 3] == 0
        && b[off + 4] == 'C'
        && b[off + 5] == 'E'
        && b[off + 6] == 'R'
        && b[off + 7] == 'T') {
      throw new SmimeFormatException(
          prefix
              + "a Microsoft serialized certificate store (.sst, header 00000000 'CERT'), not a"
              + " certificate: read it with smime-sst",
          off);
    }
    if (n >= 12
        && (b[off] & 0xff) != 0
        && b[off + 1] == 0
        && b[off + 2] == 0
        && b[off + 3] == 0
        && b[off + 4] == 1
        && b[off + 5] == 0
        && b[off + 6] == 0
        && b[off + 7] == 0) {
      throw new SmimeFormatException(
          prefix
              + "a Windows serialized certificate store element (property id "
              + (b[off] & 0xff)
              + ", encoding 1), not a certificate: read it with smime-sst",
          off);
    }
  }

  /** What a DER SEQUENCE holds, decided from the shape of its first elements. */
  enum Kind {
    CERTIFICATE,
    PKCS7,
    BARE_SIGNED_DATA,
    PKCS12,
    CRL,
    CSR,
    PUBLIC_KEY,
    PRIVATE_KEY_PKCS8,
    ENCRYPTED_PRIVATE_KEY,
    PRIVATE_KEY_RSA,
    PRIVATE_KEY_EC,
    OTHER_CONTENT_INFO,
    MALFORMED_SIGNED_DATA,
    UNKNOWN;

    String describe(byte[] b, Der.Tlv tlv) {
      return switch (this) {
        case PKCS12 -> "this is a PKCS#12 (.p12/.pfx) file, not a certificate: use Pkcs12.read";
        case CRL -> "a certificate revocation list (crl), not a certificate";
        case CSR -> "a certificate request (pkcs#10), not a certificate";
        case PUBLIC_KEY -> "a public key (SubjectPublicKeyInfo) without a certificate";
        case PRIVATE_KEY_PKCS8 -> "a private key (pkcs#8), not a certificate";
        case ENCRYPTED_PRIVATE_KEY -> "an encrypted private key (pkcs#8), not a certificate";
        case PRIVATE_KEY_RSA -> "a private key (pkcs#1 rsa), not a certificate";
        case PRIVATE_KEY_EC -> "a private key (sec1 ec), not a certificate";
        case MALFORMED_SIGNED_DATA ->
            "a malformed PKCS#7 signed data (no digestAlgorithms set before the content info, as"
                + " wine's CertSaveStore writes it), not a certificate";
        case OTHER_CONTENT_INFO -> {
          Der.Tlv oid = Der.header(b, tlv.contentOffset(), b.length);
          yield "a CMS/PKCS#7 content info of type "
              + Der.oidString(b, oid)
              + ", not signed data with certificates";
        }
        default ->
            "not a certificate: a DER sequence of unknown content, starts with bytes "
                + hexPrefix(b, tlv.offset(), b.length);
      };
    }
  }

  static Kind classify(byte[] b, Der.Tlv seq, int limit) {
    try {
      int end = seq.indefinite() ? limit : seq.end();
      int c = seq.contentOffset();
      if (c >= end) {
        return Kind.UNKNOWN;
      }
      Der.Tlv e1 = Der.header(b, c, end);
      switch (e1.tag()) {
        case Der.SEQUENCE -> {
          Der.Tlv e2 = next(b, e1, end);
          if (e2 != null && e2.tag() == Der.OCTET_STRING) {
            return Kind.ENCRYPTED_PRIVATE_KEY;
          }
          if (e2 != null && e2.tag() == Der.BIT_STRING) {
            return Kind.PUBLIC_KEY;
          }
          return classifyTbs(b, e1);
        }
        case Der.OID -> {
          if (Der.isOid(b, e1, SIGNED_DATA)) {
            return Kind.PKCS7;
          }
          return Kind.OTHER_CONTENT_INFO;
        }
        case Der.INTEGER -> {
          long v = Der.smallInteger(b, e1);
          Der.Tlv e2 = next(b, e1, end);
          if (e2 == null) {
            return Kind.UNKNOWN;
          }
          if (v == 3 && e2.tag() == Der.SEQUENCE) {
            Der.Tlv inner = Der.header(b, e2.contentOffset(), end);
            if (inner.tag() == Der.OID && startsWithOid(b, inner, PKCS7_PREFIX)) {
              return Kind.PKCS12;
            }
          }
          if (e2.tag() == Der.SET && v >= 0 && v <= 5) {
            return Kind.BARE_SIGNED_DATA;
          }
          if (v >= 0 && v <= 5 && e2.tag() == Der.SEQUENCE) {
            Der.Tlv e3 = next(b, e2, end);
            if (v == 0 && e3 != null && e3.tag() == Der.OCTET_STRING) {
              return Kind.PRIVATE_KEY_PKCS8;
            }
            if (e3 != null && e3.tag() == Der.CONTEXT_0) {
              return Kind.MALFORMED_SIGNED_DATA;
            }
          }
          if (v == 0 && e2.tag() == Der.INTEGER) {
            return Kind.PRIVATE_KEY_RSA;
          }
          if (v == 1 && e2.tag() == Der.OCTET_STRING) {
            return Kind.PRIVATE_KEY_EC;
          }
          return Kind.UNKNOWN;
        }
        default -> {
          return Kind.UNKNOWN;
        }
      }
    } catch (SmimeFormatException e) {
      // Inner structure is damaged: let the certificate parser report it.
      return Kind.CERTIFICATE;
    }
  }

  /** Certificate, CRL or CSR, by the shape of the to-be-signed part. */
  private static Kind classifyTbs(byte[] b, Der.Tlv tbs) {
    int end = tbs.indefinite() ? b.length : tbs.end();
    if (tbs.contentOffset() >= end) {
      return Kind.UNKNOWN;
    }
    Der.Tlv f1 = Der.header(b, tbs.contentOffset(), end);
    if (f1.tag() == Der.CONTEXT_0) {
      return Kind.CERTIFICATE; // explicit version: v2/v3 certificate
    }
    if (f1.tag() == Der.SEQUENCE) { // v1 CRL: signature, issuer, thisUpdate
      Der.Tlv f2 = next(b, f1, end);
      Der.Tlv f3 = f2 == null ? null : next(b, f2, end);
      return f3 != null && isTime(f3) ? Kind.CRL : Kind.UNKNOWN;
    }
    if (f1.tag() == Der.INTEGER) {
      Der.Tlv f2 = next(b, f1, end);
      Der.Tlv f3 = f2 == null ? null : next(b, f2, end);
      Der.Tlv f4 = f3 == null ? null : next(b, f3, end);
      if (f4 != null && isTime(f4)) {
        return Kind.CRL;
      }
      if (f4 != null && f4.tag() == Der.CONTEXT_0) {
        return Kind.CSR;
      }
      return Kind.CERTIFICATE; // v1 certificate
    }
    return Kind.UNKNOWN;
  }

  private static boolean isTime(Der.Tlv t) {
    return t.tag() == Der.UTC_TIME || t.tag() == Der.GENERALIZED_TIME;
  }

  private static Der.@Nullable Tlv next(byte[] b, Der.Tlv t, int end) {
    if (t.indefinite()) {
      int e = Der.end(b, t.offset(), end);
      return e < end ? Der.header(b, e, end) : null;
    }
    return t.end() < end ? Der.header(b, t.end(), end) : null;
  }

  private static boolean startsWithOid(byte[] b, Der.Tlv t, byte[] prefix) {
    if (t.length() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[t.contentOffset() + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // bytes

  private static int indexOf(byte[] h, byte[] needle, int from, int to) {
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

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0b;
  }

  /** Base64 alphabet, '=' and whitespace; written once here, never changed. */
  private static final boolean[] BASE64_OR_SPACE = base64OrSpaceTable();

  private static boolean[] base64OrSpaceTable() {
    boolean[] t = new boolean[256];
    for (int c = 0; c < 256; c++) {
      t[c] =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '='
              || isSpace((byte) c);
    }
    return t;
  }

  private static boolean isBase64OrSpace(byte c) {
    return BASE64_OR_SPACE[c & 0xff];
  }

  private static String printable(byte c) {
    int v = c & 0xff;
    return v >= 0x21 && v <= 0x7e ? "'" + (char) v + "'" : String.format(Locale.ROOT, "0x%02x", v);
  }

  /** Up to the first 8 bytes as spaced upper-case hex, with an ellipsis when there are more. */
  public static String hexPrefix(byte[] b, int off, int end) {
    int n = Math.min(8, end - off);
    StringBuilder s = new StringBuilder(3 * n + 2);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(String.format(Locale.ROOT, "%02X", b[off + i] & 0xff));
    }
    if (end - off > n) {
      s.append(" \u2026");
    }
    return s.toString();
  }
}
