package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * DER probing: what a binary blob is, from its first bytes and the shape of its first elements,
 * without parsing it (a certificate, a PKCS#7 SignedData, or one of the things people mistake for a
 * certificate: a PKCS#12 file, a CRL, a CSR, a key, a Windows serialized store).
 */
final class DerProbe {
  static final byte[] SIGNED_DATA = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02
  };
  private static final byte[] PKCS7_PREFIX = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07
  };

  private DerProbe() {}

  /** Whether b[off, end) starts like DER rather than text that happens to start with '0'. */
  static boolean looksLikeDer(byte[] b, int off, int end) {
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

  /** Whether the bytes are a container {@link #refuseKnownBinary} recognises. */
  static boolean isKnownBinary(byte[] b) {
    try {
      refuseKnownBinary(b, 0, b.length, "");
      return false;
    } catch (SmimeFormatException e) {
      return true;
    }
  }

  /** Refuses containers that are recognised by their first bytes: .sst files and elements. */
  static void refuseKnownBinary(byte[] b, int off, int end, String prefix) {
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

  /** Up to the first 8 bytes as spaced upper-case hex, with an ellipsis when there are more. */
  static String hexPrefix(byte[] b, int off, int end) {
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
