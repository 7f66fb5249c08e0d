package io.github.smimekit.sst.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/** JDK X.509 decoding and the digests the store format uses. */
public final class X509 {
  private X509() {}

  /** A fresh X.509 certificate factory (factories are not documented as thread-safe). */
  public static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }

  /** Decodes one DER certificate; the whole input must be the certificate. */
  public static X509Certificate certificate(byte[] der) throws CertificateException {
    return certificate(new ByteArrayInputStream(der));
  }

  /** Decodes one DER certificate from an in-memory stream that must hold exactly it. */
  public static X509Certificate certificate(InputStream in) throws CertificateException {
    X509Certificate cert = (X509Certificate) factory().generateCertificate(in);
    int left;
    try {
      left = in.available();
    } catch (IOException e) {
      throw new CertificateException("stream failed", e);
    }
    if (left != 0) {
      throw new CertificateException(left + " byte(s) after the certificate");
    }
    return cert;
  }

  /** Decodes one DER CRL. */
  public static X509CRL crl(byte[] der) throws CRLException {
    try {
      return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
    } catch (RuntimeException e) {
      throw new CRLException("crl not decodable: " + e, e);
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
