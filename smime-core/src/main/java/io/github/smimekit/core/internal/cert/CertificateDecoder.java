package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.internal.Providers;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.NoSuchProviderException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns what {@link CertificateSniffer} found into {@link X509Certificate}s with the JDK's own
 * factory: runs of validated PEM blocks in one {@code generateCertificates} call (the JDK decodes
 * the base64), DER one certificate at a time. Certificates the JDK refuses are tried with Bouncy
 * Castle's factory before they are reported. Not thread-safe: one instance per read.
 */
public final class CertificateDecoder {
  /**
   * The SUN provider's X.509 factory, shared: it keeps no state per instance (its certificate cache
   * is static and synchronized), so one instance serves every thread and no read pays the provider
   * lookup. Null when SUN is absent; each decoder then looks up the default factory.
   */
  private static final @Nullable CertificateFactory SUN = sun();

  private final CertificateFactory jdk;
  private @Nullable CertificateFactory bc;

  private CertificateDecoder(CertificateFactory jdk) {
    this.jdk = jdk;
  }

  private static @Nullable CertificateFactory sun() {
    try {
      return CertificateFactory.getInstance("X.509", "SUN");
    } catch (NoSuchProviderException | CertificateException e) {
      return null;
    }
  }

  /** A decoder over the JDK's "SUN" X.509 factory (or the default one if SUN is absent). */
  public static CertificateDecoder create() {
    CertificateFactory f = SUN;
    if (f != null) {
      return new CertificateDecoder(f);
    }
    try {
      return new CertificateDecoder(CertificateFactory.getInstance("X.509"));
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }

  /**
   * Decodes every slice, in order. Runs of PEM blocks separated by whitespace only go to the JDK's
   * {@code generateCertificates} in one call (it decodes the base64 itself); when it refuses a run
   * or finds another number of certificates, each block of the run gets the full treatment ({@link
   * CertificateSniffer#expandPem}: Commons Codec, DER classification, precise errors).
   */
  public List<X509Certificate> decodeAll(List<DerSlice> slices, int maxCertificates) {
    List<X509Certificate> out = new ArrayList<>(slices.size());
    int i = 0;
    while (i < slices.size()) {
      DerSlice s = slices.get(i);
      if (!s.pemText()) {
        out.add(decode(s));
        i++;
        continue;
      }
      int j = i + 1;
      while (j < slices.size() && slices.get(j).pemText() && slices.get(j).joinsPrevious()) {
        j++;
      }
      List<DerSlice> run = slices.subList(i, j);
      if (!decodePemRun(run, out)) {
        for (DerSlice block : run) {
          for (DerSlice d : CertificateSniffer.expandPem(block, maxCertificates - out.size())) {
            out.add(decode(d));
          }
          if (out.size() > maxCertificates) {
            throw new SmimeFormatException(
                "more than " + maxCertificates + " certificates (the limit)", block.inputOffset());
          }
        }
      }
      i = j;
    }
    return out;
  }

  /**
   * The JDK factory on a run of validated PEM CERTIFICATE blocks; adds the certificates and returns
   * true, or returns false (adding nothing) if it refuses them or finds another number.
   */
  private boolean decodePemRun(List<DerSlice> run, List<X509Certificate> out) {
    DerSlice first = run.get(0);
    DerSlice last = run.get(run.size() - 1);
    int from = first.offset();
    int to = last.offset() + last.length();
    Collection<? extends Certificate> certs;
    try {
      certs = jdk.generateCertificates(new ByteArrayInputStream(first.buffer(), from, to - from));
    } catch (CertificateException | RuntimeException e) {
      return false;
    }
    if (certs.size() != run.size()) {
      return false;
    }
    List<X509Certificate> read = new ArrayList<>(certs.size());
    int k = 0;
    for (Certificate c : certs) {
      if (!(c instanceof X509Certificate x)) {
        return false;
      }
      byte[] der;
      try {
        der = x.getEncoded();
      } catch (CertificateException e) {
        return false;
      }
      DerSlice block = run.get(k++);
      Nesting.check(der, 0, der.length, Nesting.MAX_DEPTH, block.where(), block.inputOffset());
      read.add(x);
    }
    out.addAll(read);
    return true;
  }

  /** The JDK's factory alone on one certificate's DER (no fallback, no checks). */
  X509Certificate jdk(byte[] der) throws CertificateException {
    return (X509Certificate) jdk.generateCertificate(new ByteArrayInputStream(der));
  }

  /** Decodes one DER slice. */
  public X509Certificate decode(DerSlice s) {
    return decode(s.buffer(), s.offset(), s.length(), s.where(), s.inputOffset());
  }

  /**
   * Decodes the DER of one certificate, {@code b[offset, offset + length)}. Certificates the JDK
   * refuses are tried with Bouncy Castle's factory; what that one accepts is returned only if every
   * accessor of {@link X509Certificate} works on it (see {@link Usability}).
   *
   * @param where names the certificate for messages, e.g. {@code "certificate #2 at offset 80"}
   * @param inputOffset its offset in the input, for the exception
   * @throws SmimeFormatException if neither factory accepts it, it is nested too deeply, or its
   *     public key or another field cannot be decoded
   */
  public X509Certificate decode(byte[] b, int offset, int length, String where, long inputOffset) {
    Nesting.check(b, offset, offset + length, Nesting.MAX_DEPTH, where, inputOffset);
    Exception jdkFailure;
    try {
      return (X509Certificate) jdk.generateCertificate(new ByteArrayInputStream(b, offset, length));
    } catch (CertificateException | RuntimeException e) {
      // refused by the JDK: try Bouncy Castle, which accepts more (e.g. empty issuer names)
      jdkFailure = e;
    }
    return bouncyCastle(b, offset, length, where, inputOffset, jdkFailure);
  }

  /**
   * Bouncy Castle's factory on a certificate the JDK refused (nesting already bounded); what it
   * accepts is returned only if every accessor works on it.
   */
  private X509Certificate bouncyCastle(
      byte[] b, int offset, int length, String where, long inputOffset, Exception jdkFailure) {
    String other = notACertificate(b, offset, length);
    if (other != null) {
      throw new SmimeFormatException(where + ": " + other, inputOffset, jdkFailure);
    }
    X509Certificate x = null;
    try {
      CertificateFactory f = bc;
      if (f == null) {
        f = CertificateFactory.getInstance("X.509", Providers.bc());
        bc = f;
      }
      var c = f.generateCertificate(new ByteArrayInputStream(b, offset, length));
      if (c instanceof X509Certificate cert) {
        x = cert;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      jdkFailure.addSuppressed(e);
    }
    if (x == null) {
      String rule = brokenRule(b, offset, length);
      throw new SmimeFormatException(
          where
              + ": not a valid X.509 certificate"
              + (rule == null ? "" : ": " + rule)
              + " (neither the JDK's parser nor Bouncy Castle's accepts it)",
          inputOffset,
          jdkFailure);
    }
    Usability.check(x, b, offset, length, where, inputOffset);
    return x;
  }

  /**
   * Decodes {@code b[offset, offset + length)} as exactly one DER certificate, without sniffing for
   * other encodings: for bytes that are a certificate's DER by their container (a serialized
   * store's certificate element). The range must hold one SEQUENCE of definite length that fills
   * it; the nesting bound, the parsers and the checks are then {@link #decode}'s, and the
   * certificate's encoding must be the input bytes (a BER certificate that Bouncy Castle re-encodes
   * is refused).
   *
   * @throws SmimeFormatException naming {@code where} and the problem, with the offset in the input
   */
  public X509Certificate decodeDer(
      byte[] b, int offset, int length, String where, long inputOffset) {
    int end = offset + length;
    Der.Tlv tlv;
    try {
      tlv = Der.header(b, offset, end);
    } catch (SmimeFormatException e) {
      throw new SmimeFormatException(where + ": " + e.getMessage(), inputOffset, e);
    }
    if (tlv.tag() != Der.SEQUENCE) {
      throw new SmimeFormatException(
          where + ": not a certificate: starts with bytes " + DerProbe.hexPrefix(b, offset, end),
          inputOffset);
    }
    if (tlv.indefinite()) {
      throw new SmimeFormatException(
          where + ": uses an indefinite (BER) length, not DER", inputOffset);
    }
    if (tlv.end() != end) {
      throw new SmimeFormatException(
          where + ": " + (end - tlv.end()) + " byte(s) after the certificate",
          inputOffset + (tlv.end() - offset));
    }
    if (!minimalLength(tlv)) {
      throw new SmimeFormatException(
          where + ": the certificate's length is not minimally encoded (BER, not DER)",
          inputOffset);
    }
    Nesting.check(b, offset, end, Nesting.MAX_DEPTH, where, inputOffset);
    Exception jdkFailure;
    try {
      // The JDK's factory reads exactly this TLV and re-encodes only its header, which is the
      // input's (minimal): the certificate's encoding is the input bytes, unchecked
      return (X509Certificate) jdk.generateCertificate(new ByteArrayInputStream(b, offset, length));
    } catch (CertificateException | RuntimeException e) {
      jdkFailure = e; // Bouncy Castle's parser is tried below, and its encoding compared
    }
    X509Certificate x = bouncyCastle(b, offset, length, where, inputOffset, jdkFailure);
    byte[] encoded;
    try {
      encoded = x.getEncoded();
    } catch (CertificateException e) {
      throw new SmimeFormatException(where + ": cannot be re-encoded", inputOffset, e);
    }
    if (!Arrays.equals(encoded, 0, encoded.length, b, offset, end)) {
      throw new SmimeFormatException(
          where + ": not the DER encoding of a certificate (Bouncy Castle's parser re-encodes it)",
          inputOffset);
    }
    return x;
  }

  /**
   * What {@code b[offset, offset + length)} is when its shape says it is no certificate, or null.
   * Bouncy Castle's factory must not see such bytes: given a PKCS#7 signed data it returns the
   * first certificate inside.
   */
  private static @Nullable String notACertificate(byte[] b, int offset, int length) {
    Der.Tlv tlv;
    try {
      tlv = Der.header(b, offset, offset + length);
    } catch (SmimeFormatException e) {
      return null; // the parsers' refusal says why
    }
    if (tlv.tag() != Der.SEQUENCE) {
      return null;
    }
    DerProbe.Kind kind = DerProbe.classify(b, tlv, offset + length);
    return switch (kind) {
      case CERTIFICATE, UNKNOWN -> null;
      case PKCS7, BARE_SIGNED_DATA ->
          "a PKCS#7 signed data, not one certificate (Certificates.read takes its certificates)";
      default -> kind.describe(b, tlv);
    };
  }

  /** Whether the definite length of the SEQUENCE {@code tlv} uses the fewest octets. */
  private static boolean minimalLength(Der.Tlv tlv) {
    int lengthBytes = tlv.headerLength() - 1; // a SEQUENCE: one identifier octet
    int length = tlv.length();
    int needed = length < 0x80 ? 1 : 1 + (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
    return lengthBytes == needed;
  }

  /** The RFC 5280 rule both parsers enforce that the certificate breaks, where we can tell. */
  private static @Nullable String brokenRule(byte[] b, int offset, int length) {
    try {
      Der.Tlv issuer = Der.tbsField(b, offset, offset + length, Der.TBS_ISSUER);
      if (issuer.tag() == Der.SEQUENCE && issuer.length() == 0) {
        return "its issuer name is empty, which RFC 5280 4.1.2.4 forbids";
      }
      return null;
    } catch (SmimeFormatException e) {
      return null;
    }
  }
}
