package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;

/**
 * A minimal reader of DER/BER tag-length headers over a byte array, enough to classify what a blob
 * holds and to find where each element ends. Every read is bounds-checked against a limit and
 * reports a {@link SmimeFormatException} with the offset of the element.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  static final int CONTEXT_0 = 0xA0;

  /** Maximum nesting followed when measuring indefinite-length (BER) elements. */
  private static final int MAX_DEPTH = 64;

  private Der() {}

  /**
   * The header of one element.
   *
   * @param tag the first identifier octet
   * @param offset where the element starts
   * @param headerLength identifier and length octets
   * @param length content length, or -1 for the indefinite form
   */
  record Tlv(int tag, int offset, int headerLength, int length) {
    int contentOffset() {
      return offset + headerLength;
    }

    boolean indefinite() {
      return length < 0;
    }

    /** End of a definite-length element. */
    int end() {
      return offset + headerLength + length;
    }
  }

  /**
   * Reads the header at {@code offset}; for a definite length, checks that the content fits before
   * {@code limit}.
   */
  static Tlv header(byte[] b, int offset, int limit) {
    int p = offset;
    if (p >= limit) {
      throw new SmimeFormatException(
          "truncated DER: element expected at offset " + offset + " but the input ends", offset);
    }
    int tag = b[p++] & 0xff;
    if ((tag & 0x1f) == 0x1f) { // high tag number form: skip the continuation octets
      int n = 0;
      while (true) {
        if (p >= limit) {
          throw truncatedHeader(offset);
        }
        int t = b[p++] & 0xff;
        if (++n > 4) {
          throw new SmimeFormatException(
              "malformed DER: tag number at offset " + offset + " is too long", offset);
        }
        if ((t & 0x80) == 0) {
          break;
        }
      }
    }
    if (p >= limit) {
      throw truncatedHeader(offset);
    }
    int first = b[p++] & 0xff;
    int length;
    if (first < 0x80) {
      length = first;
    } else if (first == 0x80) {
      if ((tag & 0x20) == 0) {
        throw new SmimeFormatException(
            "malformed DER: primitive element at offset " + offset + " has an indefinite length",
            offset);
      }
      length = -1;
    } else {
      int n = first & 0x7f;
      if (n > 4) {
        throw new SmimeFormatException(
            "malformed DER: length of element at offset " + offset + " uses " + n + " bytes",
            offset);
      }
      if (p + n > limit) {
        throw truncatedHeader(offset);
      }
      long len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[p++] & 0xff);
      }
      if (len > Integer.MAX_VALUE) {
        throw new SmimeFormatException(
            "truncated DER: element at offset "
                + offset
                + " declares "
                + len
                + " content bytes but only "
                + Math.max(0, limit - p)
                + " follow",
            offset);
      }
      length = (int) len;
    }
    int headerLength = p - offset;
    if (length >= 0 && (long) p + length > limit) {
      throw new SmimeFormatException(
          "truncated DER: element at offset "
              + offset
              + " declares "
              + length
              + " content bytes but only "
              + (limit - p)
              + " follow",
          offset);
    }
    return new Tlv(tag, offset, headerLength, length);
  }

  /** The issuer field of a TBSCertificate, for {@link #tbsField}. */
  static final int TBS_ISSUER = 2;

  /** The subjectPublicKeyInfo field of a TBSCertificate, for {@link #tbsField}. */
  static final int TBS_SUBJECT_PUBLIC_KEY_INFO = 5;

  /**
   * The header of one field of the TBSCertificate of the certificate {@code b[offset, end)}:
   * serialNumber (0), signature (1), {@link #TBS_ISSUER} (2), validity (3), subject (4), {@link
   * #TBS_SUBJECT_PUBLIC_KEY_INFO} (5), after the optional version. Reads headers only.
   *
   * @throws SmimeFormatException if the headers on the way are malformed or the field is missing
   */
  static Tlv tbsField(byte[] b, int offset, int end, int field) {
    Tlv cert = header(b, offset, end);
    Tlv tbs = header(b, cert.contentOffset(), cert.end());
    int tbsEnd = tbs.end();
    Tlv t = header(b, tbs.contentOffset(), tbsEnd);
    if (t.tag() == CONTEXT_0) {
      t = header(b, t.end(), tbsEnd); // the version is optional
    }
    for (int i = 0; i < field; i++) {
      t = header(b, t.end(), tbsEnd);
    }
    return t;
  }

  /** Where the element at {@code offset} ends, following indefinite lengths (BER) if needed. */
  static int end(byte[] b, int offset, int limit) {
    return end(b, offset, limit, 0);
  }

  private static int end(byte[] b, int offset, int limit, int depth) {
    Tlv t = header(b, offset, limit);
    if (!t.indefinite()) {
      return t.end();
    }
    if (depth >= MAX_DEPTH) {
      throw new SmimeFormatException(
          "malformed BER: more than "
              + MAX_DEPTH
              + " nested indefinite lengths at offset "
              + offset,
          offset);
    }
    int p = t.contentOffset();
    while (true) {
      if (p + 2 <= limit && b[p] == 0 && b[p + 1] == 0) {
        return p + 2;
      }
      if (p >= limit) {
        throw new SmimeFormatException(
            "truncated BER: element at offset " + offset + " has no end-of-contents marker",
            offset);
      }
      p = end(b, p, limit, depth + 1);
    }
  }

  /** End of the content of {@code t}: its end, or for indefinite lengths the end-of-contents. */
  static int contentEnd(byte[] b, Tlv t, int limit) {
    return t.indefinite() ? end(b, t.offset(), limit) - 2 : t.end();
  }

  /** The value of a small non-negative INTEGER element, or -1 if it is not one. */
  static long smallInteger(byte[] b, Tlv t) {
    if (t.tag() != INTEGER || t.length() < 1 || t.length() > 4) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < t.length(); i++) {
      v = (v << 8) | (b[t.contentOffset() + i] & 0xff);
    }
    return (b[t.contentOffset()] & 0x80) != 0 ? -1 : v;
  }

  /** Whether {@code t} is an OBJECT IDENTIFIER with exactly the encoded value {@code oid}. */
  static boolean isOid(byte[] b, Tlv t, byte[] oid) {
    if (t.tag() != OID || t.length() != oid.length) {
      return false;
    }
    for (int i = 0; i < oid.length; i++) {
      if (b[t.contentOffset() + i] != oid[i]) {
        return false;
      }
    }
    return true;
  }

  /** The dotted form of the OBJECT IDENTIFIER {@code t} (for messages). */
  static String oidString(byte[] b, Tlv t) {
    if (t.tag() != OID || t.length() < 1 || t.length() > 64) {
      return "?";
    }
    StringBuilder s = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (int i = 0; i < t.length(); i++) {
      int v = b[t.contentOffset() + i] & 0xff;
      value = (value << 7) | (v & 0x7f);
      if ((v & 0x80) == 0) {
        if (first) {
          long arc1 = Math.min(value / 40, 2);
          s.append(arc1).append('.').append(value - arc1 * 40);
          first = false;
        } else {
          s.append('.').append(value);
        }
        value = 0;
      }
    }
    return s.toString();
  }

  private static SmimeFormatException truncatedHeader(int offset) {
    return new SmimeFormatException(
        "truncated DER: header of element at offset " + offset + " is cut off", offset);
  }
}
