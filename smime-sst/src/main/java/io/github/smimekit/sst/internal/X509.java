package io.github.smimekit.sst.internal;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * CRL decoding and the digests the store format uses. Certificates are decoded by smime-core
 * ({@link EntryDecoding}); core has no CRL API, so CRLs go to the JDK here, after the same depth
 * check.
 */
public final class X509 {
  private X509() {}

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }

  /**
   * Decodes one DER CRL, or gives the reason it cannot be decoded.
   *
   * @return an {@link X509CRL} or a {@link String} reason
   */
  public static Object crl(byte[] der) {
    String problem = EntryDecoding.framingProblem(der);
    if (problem != null) {
      return problem;
    }
    try {
      return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
    } catch (CRLException | RuntimeException e) {
      return "not a valid X.509 CRL";
    }
  }

  /**
   * The CRLs of a DER PKCS#7 SignedData (already depth-checked), in order; empty when there are
   * none or they cannot be decoded.
   */
  public static List<X509CRL> pkcs7Crls(byte @Nullable [] der) {
    if (der == null || DerDepth.problem(der) != null) {
      return List.of();
    }
    try {
      return factory().generateCRLs(new ByteArrayInputStream(der)).stream()
          .map(c -> (X509CRL) c)
          .toList();
    } catch (CRLException | RuntimeException e) {
      return List.of();
    }
  }

  /** The digest of {@code data[from, to)} with a JDK algorithm (SHA-1, MD5, SHA-256). */
  public static byte[] digest(String algorithm, byte[] data, int from, int to) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      md.update(data, from, to - from);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  /** The digest of a buffer's remaining bytes (consumed). */
  public static byte[] digest(String algorithm, ByteBuffer data) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      md.update(data);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  /** The digest of all of {@code data}. */
  public static byte[] digest(String algorithm, byte[] data) {
    return digest(algorithm, data, 0, data.length);
  }
}
