package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.CertificateEncoding;
import io.github.smimekit.core.CertificateFile;
import io.github.smimekit.core.SmimeException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.commons.codec.binary.Base64;

/** Reading (sniff + decode), writing and hashing of certificates; the facade delegates here. */
public final class CertificateCodec {
  /** PEM body encoder: 64-character lines, LF. Immutable and thread-safe. */
  private static final Base64 PEM_BASE64 =
      Base64.builder().setLineLength(64).setLineSeparator((byte) '\n').get();

  private CertificateCodec() {}

  /** Every certificate in {@code data} (at least one). */
  public static List<X509Certificate> read(byte[] data, int maxCertificates) {
    return readFile(data, maxCertificates).certificates();
  }

  /** Every certificate in {@code data} (at least one), with the encoding and what was skipped. */
  public static CertificateFile readFile(byte[] data, int maxCertificates) {
    CertificateSniffer.Result r = CertificateSniffer.sniff(data, maxCertificates, true);
    List<X509Certificate> certs =
        CertificateDecoder.create().decodeAll(r.certificates(), maxCertificates);
    return new CertificateFile(r.encoding(), certs, r.skipped());
  }

  /** The encoding of {@code data}, from its structure (the certificates are not parsed). */
  public static CertificateEncoding detect(byte[] data, int maxCertificates) {
    return CertificateSniffer.sniff(data, maxCertificates, false).encoding();
  }

  /** The certificate's DER. */
  public static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new SmimeException(
          "certificate cannot be encoded: " + c.getSubjectX500Principal().getName(), e);
    }
  }

  /** One PEM CERTIFICATE block per certificate, 64-character lines, LF line ends. */
  public static String pem(List<X509Certificate> certificates) {
    StringBuilder s = new StringBuilder(certificates.size() * 1800);
    for (X509Certificate c : certificates) {
      s.append("-----BEGIN CERTIFICATE-----\n");
      s.append(new String(PEM_BASE64.encode(der(c)), StandardCharsets.US_ASCII));
      s.append("-----END CERTIFICATE-----\n");
    }
    return s.toString();
  }

  /** A certs-only PKCS#7 SignedData, DER. */
  public static byte[] pkcs7(List<X509Certificate> certificates) {
    return Pkcs7.encodeCertsOnly(certificates);
  }
}
