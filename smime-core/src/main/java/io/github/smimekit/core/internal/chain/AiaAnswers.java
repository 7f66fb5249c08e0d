package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ReadLimits;
import io.github.smimekit.core.SmimeFormatException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decodes the answer of a caIssuers URL (RFC 5280 section 4.2.2.1: a DER certificate or a "certs
 * only" CMS/PKCS#7 bundle; PEM is accepted too, as the JDK and browsers do) with core's certificate
 * decoder and fixed limits, so an answer can never make the decoder allocate or work beyond them.
 */
public final class AiaAnswers {
  /** The most certificates one answer may hold. */
  public static final int MAX_CERTIFICATES = 64;

  private AiaAnswers() {}

  /**
   * The certificates of one answer.
   *
   * @param answer the bytes received
   * @param maxBytes the largest answer accepted
   * @return the certificates, never empty
   * @throws SmimeFormatException if the answer is too large, holds no certificate, more than {@link
   *     #MAX_CERTIFICATES}, or is malformed
   */
  public static List<X509Certificate> parse(byte[] answer, int maxBytes) {
    if (answer.length > maxBytes) {
      throw new SmimeFormatException(
          "the answer is " + answer.length + " bytes, more than the limit of " + maxBytes);
    }
    return Certificates.read(
        answer,
        ReadLimits.defaults()
            .withMaxInputBytes(Math.max(1, maxBytes))
            .withMaxCertificates(MAX_CERTIFICATES));
  }
}
