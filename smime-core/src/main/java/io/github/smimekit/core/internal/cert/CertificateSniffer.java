package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.CertificateEncoding;
import io.github.smimekit.core.CertificateFile;
import io.github.smimekit.core.SmimeFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Format detection: finds out what a blob holds and cuts out the DER of every certificate in it,
 * without parsing the certificates themselves: DER (one or several concatenated), PEM, bare base64,
 * PKCS#7 (DER, PEM, base64; also a bare SignedData) and any of the text forms as UTF-16. Anything
 * else is refused with a {@link SmimeFormatException} naming what was found.
 *
 * <p>The pieces it uses: {@link Utf16Text} (UTF-16 text to ASCII), {@link PemArmour} (BEGIN/END
 * blocks and their labels), {@link Base64Text} (base64 bodies), {@link DerProbe} (what a DER
 * structure is) and {@link Pkcs7} (the certificates of a SignedData). PEM blocks that cannot hold
 * certificates (keys, parameters, requests, CRLs, any other label) are passed over and listed in
 * {@link Result#skipped()} by label and position; the input is refused only when no block gives a
 * certificate.
 *
 * <p>Work and memory are bounded by the input size (checked by the caller) and {@code
 * maxCertificates} (which also bounds the number of skipped blocks).
 */
public final class CertificateSniffer {

  /**
   * The outcome: the encoding found, the DER of each certificate in input order, and the PEM blocks
   * (or parts of blocks) that were passed over.
   */
  public record Result(
      CertificateEncoding encoding,
      List<DerSlice> certificates,
      List<CertificateFile.Skipped> skipped) {}

  private final int maxCertificates;
  private final boolean lazyPem;
  private final List<DerSlice> found = new ArrayList<>();
  private final List<CertificateFile.Skipped> skipped = new ArrayList<>();

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
    byte[] der =
        Base64Text.decode(
            pem.buffer(), pem.bodyStart(), pem.bodyEnd(), pem.where(), pem.inputOffset());
    s.binaryIn(der, pem.where(), pem.inputOffset());
    return s.found;
  }

  private Result top(byte[] data) {
    int n = data.length;
    if (n == 0) {
      throw new SmimeFormatException("empty input: no certificate", 0);
    }
    Utf16Text.Form utf16 = Utf16Text.detect(data);
    if (utf16 != null) {
      byte[] ascii = Utf16Text.toAscii(data, utf16);
      CertificateEncoding e = text(ascii, 0, ascii.length, utf16.start(), 2, data);
      return result(
          switch (e) {
            case PEM -> CertificateEncoding.UTF16_PEM;
            case PKCS7_PEM -> CertificateEncoding.UTF16_PKCS7_PEM;
            case BASE64 -> CertificateEncoding.UTF16_BASE64;
            case PKCS7_BASE64 -> CertificateEncoding.UTF16_PKCS7_BASE64;
            default -> throw new IllegalStateException("text gave " + e);
          });
    }
    if (DerProbe.looksLikeDer(data, 0, n)) {
      boolean pkcs7 = binary(data, 0, n, "", -1);
      return result(pkcs7 ? CertificateEncoding.PKCS7_DER : CertificateEncoding.DER);
    }
    DerProbe.refuseKnownBinary(data, 0, n, "");
    int start = 0;
    if (n >= 3
        && (data[0] & 0xff) == 0xef
        && (data[1] & 0xff) == 0xbb
        && (data[2] & 0xff) == 0xbf) {
      start = 3; // UTF-8 byte-order mark
    }
    return result(text(data, start, n, 0, 1, data));
  }

  private Result result(CertificateEncoding e) {
    return new Result(e, List.copyOf(found), List.copyOf(skipped));
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
    int firstBegin = PemArmour.firstBegin(t, from, to);
    if (firstBegin >= 0) {
      return pem(t, firstBegin, to, base, scale);
    }
    int s = from;
    while (s < to && Base64Text.isSpace(t[s])) {
      s++;
    }
    if (s == to) {
      throw new SmimeFormatException("empty input: only whitespace, no certificate", 0);
    }
    for (int i = s; i < to; i++) {
      if (!Base64Text.isBase64OrSpace(t[i])) {
        if (t[i] < 0x20 || t[i] == 0x7f) {
          throw new SmimeFormatException(
              "not a certificate: starts with bytes " + DerProbe.hexPrefix(input, 0, input.length),
              0);
        }
        throw new SmimeFormatException(
            "not a certificate: starts with bytes "
                + DerProbe.hexPrefix(input, 0, input.length)
                + " (text without a -----BEGIN CERTIFICATE----- block, and not base64: character "
                + Base64Text.printable(t[i])
                + " at offset "
                + (base + (long) scale * i)
                + ")",
            base + (long) scale * i);
      }
    }
    String where = "base64 text";
    byte[] decoded;
    try {
      decoded = Base64Text.decode(t, s, to, where, base + (long) scale * s);
    } catch (SmimeFormatException e) {
      // a word of letters is not base64 of a certificate: report the input as unrecognised
      throw new SmimeFormatException(
          "not a certificate: starts with bytes "
              + DerProbe.hexPrefix(input, 0, input.length)
              + " (text without a -----BEGIN CERTIFICATE----- block, and not base64 of DER: "
              + e.getMessage()
              + ")",
          0,
          e);
    }
    if ((decoded[0] & 0xff) != Der.SEQUENCE && !DerProbe.isKnownBinary(decoded)) {
      throw new SmimeFormatException(
          "not a certificate: starts with bytes "
              + DerProbe.hexPrefix(input, 0, input.length)
              + " (text without a -----BEGIN CERTIFICATE----- block; as base64 it decodes to bytes "
              + DerProbe.hexPrefix(decoded, 0, decoded.length)
              + ", not DER)",
          0);
    }
    boolean pkcs7 = binaryIn(decoded, where, base + (long) scale * s);
    return pkcs7 ? CertificateEncoding.PKCS7_BASE64 : CertificateEncoding.BASE64;
  }

  private CertificateEncoding pem(byte[] t, int firstBegin, int to, int base, int scale) {
    int pos = firstBegin;
    int number = 0;
    boolean allPkcs7 = true;
    int lastPemEnd = -1; // end of the previous block if it became a lazy slice
    PemArmour.Block block;
    while ((block = PemArmour.next(t, pos, to, number + 1, base, scale)) != null) {
      number++;
      pos = block.end();
      String label = block.label();
      long at = block.at();
      if (!PemArmour.mayHoldCertificates(label)) {
        skip(label, number, at, false);
        lastPemEnd = -1;
        continue;
      }
      boolean joins = lastPemEnd >= 0 && Base64Text.onlySpace(t, lastPemEnd, block.begin());
      // The JDK factory reads the first block of a run as PKCS#7 if it can (and then ignores the
      // rest), so a run may only start with a block that holds a certificate's DER.
      if (lazyPem
          && PemArmour.isCertificateLabel(label)
          && (joins || PemArmour.startsLikeCertificate(t, block.bodyStart(), block.bodyEnd()))) {
        if (found.size() >= maxCertificates) {
          checkCount(at, block.where());
        }
        found.add(
            DerSlice.pem(
                t,
                block.begin(),
                block.end(),
                at,
                block.bodyStart(),
                block.bodyEnd(),
                number,
                label,
                joins));
        lastPemEnd = block.end();
        allPkcs7 = false;
        continue;
      }
      String where = block.where();
      lastPemEnd = -1;
      byte[] der = Base64Text.decode(t, block.bodyStart(), block.bodyEnd(), where, at);
      boolean pkcs7;
      if (PemArmour.TRUSTED_LABEL.equals(label)) {
        pkcs7 = false;
        trustedCertificate(der, where, number, at);
      } else {
        pkcs7 = binaryIn(der, where, at);
      }
      allPkcs7 &= pkcs7;
    }
    if (found.isEmpty() && !skipped.isEmpty()) {
      throw noCertificate();
    }
    return allPkcs7 ? CertificateEncoding.PKCS7_PEM : CertificateEncoding.PEM;
  }

  /**
   * OpenSSL's TRUSTED CERTIFICATE ({@code X509_AUX}): the certificate's DER followed by its trust
   * settings, which are ignored (and reported as such).
   */
  private void trustedCertificate(byte[] der, String where, int number, long at) {
    try {
      if (der.length == 0 || (der[0] & 0xff) != Der.SEQUENCE) {
        throw new SmimeFormatException("no DER sequence in the base64 content", 0);
      }
      Der.Tlv tlv = Der.header(der, 0, der.length);
      if (tlv.indefinite()) {
        throw new SmimeFormatException("certificate uses an indefinite (BER) length", 0);
      }
      add(der, 0, tlv.end(), where, at);
      if (tlv.end() < der.length) {
        skip(PemArmour.TRUSTED_LABEL, number, at, true);
      }
    } catch (SmimeFormatException e) {
      throw new SmimeFormatException(where + ": " + e.getMessage(), at, e);
    }
  }

  private void skip(String label, int number, long at, boolean trustSettings) {
    if (skipped.size() >= maxCertificates) {
      throw new SmimeFormatException(
          PemArmour.where(number, label, at)
              + ": more than "
              + maxCertificates
              + " pem blocks that are not certificates (the limit)",
          at);
    }
    skipped.add(new CertificateFile.Skipped(label, number, at, trustSettings));
  }

  /** Only blocks that are not certificates: the message names them (label and count only). */
  private SmimeFormatException noCertificate() {
    CertificateFile.Skipped first = skipped.get(0);
    if (skipped.size() == 1) {
      return new SmimeFormatException(
          "pem block #"
              + first.block()
              + " at offset "
              + first.offset()
              + " "
              + PemArmour.refusal(first.label()),
          first.offset());
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CertificateFile.Skipped s : skipped) {
      counts.merge(s.label(), 1, Integer::sum);
    }
    StringBuilder m = new StringBuilder("no certificate in ").append(skipped.size());
    m.append(" pem blocks: ");
    int i = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (i++ > 0) {
        m.append(", ");
      }
      if (i > 8) {
        m.append("and ").append(counts.size() - 8).append(" more labels");
        break;
      }
      m.append(e.getValue()).append(' ').append(e.getKey());
    }
    m.append(" (pem block #1 ").append(PemArmour.refusal(first.label())).append(')');
    return new SmimeFormatException(m.toString(), first.offset());
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
    DerProbe.refuseKnownBinary(b, off, end, "");
    if ((b[off] & 0xff) != Der.SEQUENCE) {
      throw new SmimeFormatException(
          "not a certificate: starts with bytes " + DerProbe.hexPrefix(b, off, end), off);
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
                + DerProbe.hexPrefix(b, p, end),
            p);
      }
      Der.Tlv tlv = Der.header(b, p, end);
      DerProbe.Kind kind = DerProbe.classify(b, tlv, end);
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
                    + DerProbe.hexPrefix(b, e, end),
                e);
          }
          List<byte[]> certs =
              Pkcs7.certificates(
                  b,
                  p,
                  e - p,
                  kind == DerProbe.Kind.BARE_SIGNED_DATA,
                  maxCertificates - found.size());
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
}
