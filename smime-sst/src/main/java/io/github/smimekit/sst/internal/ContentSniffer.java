package io.github.smimekit.sst.internal;

import io.github.smimekit.core.CertificateEncoding;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ReadLimits;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.sst.SstFormatException;
import io.github.smimekit.sst.SstProblem;
import io.github.smimekit.sst.StoreFormat;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Content detection of {@code .sst}-named files (spec section 4): the serialized store forms here,
 * every other encoding by smime-core's detector ({@link Certificates#detect}), so a file opens with
 * {@code sst} commands exactly when {@code cert info} reads it.
 */
public final class ContentSniffer {
  private ContentSniffer() {}

  /** Certificates and CRLs decoded from a PKCS#7 or certificate file. */
  public record Decoded(List<X509Certificate> certificates, List<X509CRL> crls) {}

  /** What the content is. Never throws. */
  public static StoreFormat detect(byte[] data) {
    int n = data.length;
    if (n == 0) {
      return StoreFormat.EMPTY;
    }
    if (n >= 8 && data[4] == 'C' && data[5] == 'E' && data[6] == 'R' && data[7] == 'T') {
      return StoreFormat.SERIALIZED_STORE;
    }
    if (n >= 12) {
      long id = SstReader.u32(data, 0);
      if (SstReader.u32(data, 4) == 1
          && id > 0
          && id <= 0xFFFF
          && SstReader.u32(data, 8) <= n - 12L) {
        return StoreFormat.HEADERLESS_ELEMENTS;
      }
    }
    if (DerDepth.problemInAnyEncoding(data) != null) {
      return StoreFormat.UNKNOWN;
    }
    try {
      CertificateEncoding e = Certificates.detect(data);
      return e.isPkcs7() ? StoreFormat.PKCS7 : StoreFormat.CERTIFICATES;
    } catch (RuntimeException e) { // SmimeFormatException, or anything core lets escape
      return StoreFormat.UNKNOWN;
    }
  }

  /**
   * Decodes a file {@link #detect} found to be PKCS#7 or certificates: the certificates with
   * smime-core, and for PKCS#7 its CRLs with the JDK (core reads no CRLs).
   */
  public static Decoded decodeCertificates(byte[] data, StoreFormat format, ReadLimits limits) {
    String what = format == StoreFormat.PKCS7 ? "pkcs#7 bundle" : "certificate file";
    String depth = DerDepth.problemInAnyEncoding(data);
    if (depth != null) {
      throw new SstFormatException(
          SstProblem.UNDECODABLE_CONTEXT, what + " cannot be decoded: " + depth, 0, -1, null);
    }
    List<X509Certificate> certs;
    try {
      certs = Certificates.read(data, limits);
    } catch (SmimeFormatException e) {
      throw new SstFormatException(
          SstProblem.UNDECODABLE_CONTEXT,
          what + " cannot be decoded: " + e.getMessage(),
          e.offset().orElse(0),
          -1,
          e);
    }
    List<X509CRL> crls = List.of();
    if (format == StoreFormat.PKCS7) {
      crls = X509.pkcs7Crls((data[0] & 0xFF) == 0x30 ? data : DerDepth.firstTextBlock(data));
    }
    return new Decoded(List.copyOf(certs), crls);
  }

  /** At most the first 8 bytes as hex, for messages. */
  public static String hexPrefix(byte[] data) {
    return SstReader.hex(data, 0, 8);
  }
}
