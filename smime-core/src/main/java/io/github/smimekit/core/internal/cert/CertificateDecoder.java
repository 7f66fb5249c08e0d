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
      throw new IllegalStateException("the jdk has no x.509 certificate factory", e);
    }
  }

  /**
   * Decodes every slice, in order. Runs of PEM blocks separated by whitespace only go to the JDK's
   * {@code generateCertificates} in one call (it decodes the base64 itself); when it refuses a run
   * or finds another number of certificates, each block of the run gets the full treatment ({@link
   * CertificateSniffer#expandPem}: Commons Codec, DER classification, precise errors).
   */
  public List<X509Certificate> decodeAll(
      List<CertificateSniffer.DerSlice> slices, int maxCertificates) {
    List<X509Certificate> out = new ArrayList<>(slices.size());
    int i = 0;
    while (i < slices.size()) {
      CertificateSniffer.DerSlice s = slices.get(i);
      if (!s.pemText()) {
        out.add(decode(s));
        i++;
        continue;
      }
      int j = i + 1;
      while (j < slices.size() && slices.get(j).pemText() && slices.get(j).joinsPrevious()) {
        j++;
      }
      List<CertificateSniffer.DerSlice> run = slices.subList(i, j);
      if (!decodePemRun(run, out)) {
        for (CertificateSniffer.DerSlice block : run) {
          for (CertificateSniffer.DerSlice d :
              CertificateSniffer.expandPem(block, maxCertificates - out.size())) {
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
  private boolean decodePemRun(List<CertificateSniffer.DerSlice> run, List<X509Certificate> out) {
    CertificateSniffer.DerSlice first = run.get(0);
    CertificateSniffer.DerSlice last = run.get(run.size() - 1);
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
    for (Certificate c : certs) {
      if (!(c instanceof X509Certificate x)) {
        return false;
      }
      read.add(x);
    }
    out.addAll(read);
    return true;
  }

  /** Decodes one DER slice. */
  public X509Certificate decode(CertificateSniffer.DerSlice s) {
    Exception jdkFailure;
    try {
      return (X509Certificate)
          jdk.generateCertificate(new ByteArrayInputStream(s.buffer(), s.offset(), s.length()));
    } catch (CertificateException | RuntimeException e) {
      jdkFailure = e;
    }
    try {
      CertificateFactory f = bc;
      if (f == null) {
        f = CertificateFactory.getInstance("X.509", Providers.bc());
        bc = f;
      }
      var c = f.generateCertificate(new ByteArrayInputStream(s.buffer(), s.offset(), s.length()));
      if (c instanceof X509Certificate x) {
        return x;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      jdkFailure.addSuppressed(e);
    }
    throw new SmimeFormatException(
        s.where() + ": not a valid X.509 certificate (its DER does not decode as one)",
        s.inputOffset(),
        jdkFailure);
  }
}
