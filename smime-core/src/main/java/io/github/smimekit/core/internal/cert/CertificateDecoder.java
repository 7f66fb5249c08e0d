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
  private final CertificateFactory jdk;
  private @Nullable CertificateFactory bc;

  private CertificateDecoder(CertificateFactory jdk) {
    this.jdk = jdk;
  }

  /** A decoder over the JDK's "SUN" X.509 factory (or the default one if SUN is absent). */
  public static CertificateDecoder create() {
    try {
      CertificateFactory f;
      try {
        f = CertificateFactory.getInstance("X.509", "SUN");
      } catch (NoSuchProviderException e) {
        f = CertificateFactory.getInstance("X.509");
      }
      return new CertificateDecoder(f);
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
      // refused by the JDK: try Bouncy Castle below, which accepts more (e.g. empty issuer names)
      jdkFailure = e;
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

  /** The RFC 5280 rule both parsers enforce that the certificate breaks, where we can tell. */
  private static @Nullable String brokenRule(byte[] b, int offset, int length) {
    try {
      Der.Tlv cert = Der.header(b, offset, offset + length);
      Der.Tlv tbs = Der.header(b, cert.contentOffset(), cert.end());
      int p = tbs.contentOffset();
      Der.Tlv t = Der.header(b, p, tbs.end());
      if (t.tag() == Der.CONTEXT_0) {
        t = Der.header(b, t.end(), tbs.end()); // serial number
      }
      Der.Tlv signature = Der.header(b, t.end(), tbs.end());
      Der.Tlv issuer = Der.header(b, signature.end(), tbs.end());
      if (issuer.tag() == Der.SEQUENCE && issuer.length() == 0) {
        return "its issuer name is empty, which RFC 5280 4.1.2.4 forbids";
      }
      return null;
    } catch (SmimeFormatException e) {
      return null;
    }
  }
}
