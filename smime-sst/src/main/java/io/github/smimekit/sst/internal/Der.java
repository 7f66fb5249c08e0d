package io.github.smimekit.sst.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A small DER walker for the pieces of a certificate the store format hashes (tbsCertificate,
 * subject, public key bits, subject key identifier) and for OID lists. Bounds-checked; malformed
 * input gives {@link IllegalArgumentException}, which callers turn into typed exceptions.
 */
public final class Der {
  private static final int MAX_OIDS = 10_000;

  private Der() {}

  /** Tag, start of the header, start and length of the value. */
  record Tlv(int tag, int start, int valueStart, int valueLength) {
    int end() {
      return valueStart + valueLength;
    }
  }

  static Tlv tlv(byte[] b, int pos, int limit) {
    if (pos + 2 > limit) {
      throw new IllegalArgumentException("truncated tlv at " + pos);
    }
    int tag = b[pos] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new IllegalArgumentException("multi-byte tag at " + pos);
    }
    int lenByte = b[pos + 1] & 0xFF;
    int p = pos + 2;
    long len;
    if (lenByte < 0x80) {
      len = lenByte;
    } else {
      int n = lenByte & 0x7F;
      if (n == 0 || n > 4) {
        throw new IllegalArgumentException("unsupported length form at " + pos);
      }
      if (p + n > limit) {
        throw new IllegalArgumentException("truncated length at " + pos);
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[p + i] & 0xFF);
      }
      p += n;
    }
    if (len > limit - p) {
      throw new IllegalArgumentException("length " + len + " overruns at " + pos);
    }
    return new Tlv(tag, pos, p, (int) len);
  }

  /** The certificate pieces hashed by the store properties (internal; arrays not copied). */
  @SuppressWarnings("ArrayRecordComponent")
  public record CertFields(
      byte[] der,
      int tbsStart,
      int tbsEnd,
      int subjectStart,
      int subjectEnd,
      int spkiStart,
      int spkiEnd,
      int keyBitsStart,
      int keyBitsEnd,
      byte @Nullable [] subjectKeyIdentifier,
      boolean explicitDefaultCritical) {}

  private static final byte[] SKI_OID = {0x55, 0x1D, 0x0E};

  /** Parses the certificate structure far enough to find the hashed pieces. */
  public static CertFields certFields(byte[] der) {
    Tlv cert = tlv(der, 0, der.length);
    if (cert.tag() != 0x30) {
      throw new IllegalArgumentException("certificate is not a sequence");
    }
    Tlv tbs = tlv(der, cert.valueStart(), cert.end());
    if (tbs.tag() != 0x30) {
      throw new IllegalArgumentException("tbsCertificate is not a sequence");
    }
    int p = tbs.valueStart();
    Tlv t = tlv(der, p, tbs.end());
    if (t.tag() == 0xA0) {
      p = t.end();
      t = tlv(der, p, tbs.end());
    }
    // serial, signature, issuer, validity, subject, spki
    Tlv[] f = new Tlv[6];
    for (int i = 0; i < 6; i++) {
      f[i] = tlv(der, p, tbs.end());
      p = f[i].end();
    }
    Tlv subject = f[4];
    Tlv spki = f[5];
    if (subject.tag() != 0x30 || spki.tag() != 0x30) {
      throw new IllegalArgumentException("subject or subjectPublicKeyInfo is not a sequence");
    }
    Tlv alg = tlv(der, spki.valueStart(), spki.end());
    Tlv bits = tlv(der, alg.end(), spki.end());
    if (bits.tag() != 0x03 || bits.valueLength() < 1) {
      throw new IllegalArgumentException("subjectPublicKey is not a bit string");
    }
    byte[] ski = null;
    boolean explicitDefault = false;
    while (p < tbs.end()) {
      Tlv opt = tlv(der, p, tbs.end());
      p = opt.end();
      if (opt.tag() != 0xA3) {
        continue;
      }
      Tlv exts = tlv(der, opt.valueStart(), opt.end());
      int q = exts.valueStart();
      while (q < exts.end()) {
        Tlv ext = tlv(der, q, exts.end());
        q = ext.end();
        Tlv oid = tlv(der, ext.valueStart(), ext.end());
        Tlv next = tlv(der, oid.end(), ext.end());
        if (next.tag() == 0x01) {
          if (next.valueLength() == 1 && der[next.valueStart()] == 0) {
            explicitDefault = true; // DER forbids encoding the DEFAULT FALSE
          }
          next = tlv(der, next.end(), ext.end());
        }
        if (oid.tag() == 0x06
            && oid.valueLength() == 3
            && der[oid.valueStart()] == SKI_OID[0]
            && der[oid.valueStart() + 1] == SKI_OID[1]
            && der[oid.valueStart() + 2] == SKI_OID[2]
            && next.tag() == 0x04) {
          Tlv inner = tlv(der, next.valueStart(), next.end());
          if (inner.tag() == 0x04) {
            ski = java.util.Arrays.copyOfRange(der, inner.valueStart(), inner.end());
          }
        }
      }
    }
    return new CertFields(
        der,
        tbs.start(),
        tbs.end(),
        subject.start(),
        subject.end(),
        spki.start(),
        spki.end(),
        bits.valueStart() + 1,
        bits.end(),
        ski,
        explicitDefault);
  }

  /** DER of {@code SEQUENCE OF OBJECT IDENTIFIER}. */
  public static byte[] encodeOidSequence(List<String> oids) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String oid : oids) {
      byte[] v = encodeOid(oid);
      body.write(0x06);
      writeLength(body, v.length);
      body.writeBytes(v);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int len) {
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >>> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >>> 16);
      out.write(len >>> 8);
      out.write(len);
    }
  }

  static byte[] encodeOid(String oid) {
    String[] parts = oid.split("\\.", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a dotted oid: " + oid);
    }
    BigInteger[] arcs = new BigInteger[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty() || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("not a dotted oid: " + oid);
      }
      arcs[i] = new BigInteger(parts[i]);
    }
    int first = arcs[0].intValueExact();
    if (first > 2 || (first < 2 && arcs[1].compareTo(BigInteger.valueOf(39)) > 0)) {
      throw new IllegalArgumentException("not a valid oid: " + oid);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeArc(out, BigInteger.valueOf(40L * first).add(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeArc(out, arcs[i]);
    }
    return out.toByteArray();
  }

  private static void writeArc(ByteArrayOutputStream out, BigInteger arc) {
    int groups = Math.max(1, (arc.bitLength() + 6) / 7);
    for (int g = groups - 1; g >= 0; g--) {
      int seven = arc.shiftRight(7 * g).intValue() & 0x7F;
      out.write(g == 0 ? seven : seven | 0x80);
    }
  }

  /**
   * The longest arc accepted, in bits. Real OIDs use arcs of at most 128 bits (UUID arcs under
   * 2.25); anything longer is refused before any work, which keeps decoding linear.
   */
  public static final int MAX_ARC_BITS = 128;

  /** Base-128 digits of the longest arc accepted. */
  private static final int MAX_ARC_BYTES = (MAX_ARC_BITS + 6) / 7;

  /** A malformed OID list, with the offset of the offending byte within the value. */
  public static final class OidException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    OidException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    /** The offset of the offending byte in the decoded value. */
    public int offset() {
      return offset;
    }
  }

  /**
   * Dotted OIDs from a DER {@code SEQUENCE OF OBJECT IDENTIFIER}. Linear in the input: every arc is
   * at most {@link #MAX_ARC_BITS} bits.
   *
   * @throws OidException (an {@link IllegalArgumentException}) if the value is not one
   */
  public static List<String> decodeOidSequence(byte[] b) {
    Tlv seq;
    try {
      seq = tlv(b, 0, b.length);
    } catch (IllegalArgumentException e) {
      throw new OidException(String.valueOf(e.getMessage()), 0);
    }
    if (seq.tag() != 0x30 || seq.end() != b.length) {
      throw new OidException("not a single sequence", 0);
    }
    List<String> out = new ArrayList<>();
    int p = seq.valueStart();
    while (p < seq.end()) {
      Tlv oid;
      try {
        oid = tlv(b, p, seq.end());
      } catch (IllegalArgumentException e) {
        throw new OidException(String.valueOf(e.getMessage()), p);
      }
      if (oid.tag() != 0x06 || oid.valueLength() == 0) {
        throw new OidException("element at " + p + " is not an oid", p);
      }
      if (out.size() >= MAX_OIDS) {
        throw new OidException("more than " + MAX_OIDS + " oids", p);
      }
      out.add(oidString(b, oid.valueStart(), oid.valueLength()));
      p = oid.end();
    }
    return List.copyOf(out);
  }

  /** The dotted form of an OID value; each arc is checked for length before it is decoded. */
  static String oidString(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len * 3);
    int arcStart = off;
    boolean first = true;
    int end = off + len;
    for (int i = off; i < end; i++) {
      int c = b[i] & 0xFF;
      if (i - arcStart >= MAX_ARC_BYTES) {
        throw new OidException(
            "arc at " + arcStart + " is longer than " + MAX_ARC_BITS + " bits", arcStart);
      }
      if ((c & 0x80) != 0) {
        if (i == end - 1) {
          throw new OidException("oid ends inside an arc at " + arcStart, arcStart);
        }
        continue;
      }
      if (i + 1 - arcStart == MAX_ARC_BYTES
          && (b[arcStart] & 0x7F) >= 1 << (MAX_ARC_BITS - 7 * (MAX_ARC_BYTES - 1))) {
        throw new OidException(
            "arc at " + arcStart + " is longer than " + MAX_ARC_BITS + " bits", arcStart);
      }
      appendArc(sb, b, arcStart, i + 1, first);
      first = false;
      arcStart = i + 1;
    }
    return sb.toString();
  }

  /** Appends the arc in {@code b[from, to)} (base 128, at most {@link #MAX_ARC_BYTES} digits). */
  private static void appendArc(StringBuilder sb, byte[] b, int from, int to, boolean first) {
    if (to - from <= 9) { // up to 63 bits: a long
      long v = 0;
      for (int i = from; i < to; i++) {
        v = (v << 7) | (b[i] & 0x7F);
      }
      if (first) {
        long a = v >= 80 ? 2 : v / 40;
        sb.append(a).append('.').append(v - 40 * a);
      } else {
        sb.append('.').append(v);
      }
      return;
    }
    BigInteger v = BigInteger.ZERO; // at most MAX_ARC_BYTES digits: bounded work per arc
    for (int i = from; i < to; i++) {
      v = v.shiftLeft(7).or(BigInteger.valueOf(b[i] & 0x7F));
    }
    if (first) {
      sb.append("2.").append(v.subtract(BigInteger.valueOf(80)));
    } else {
      sb.append('.').append(v);
    }
  }
}
