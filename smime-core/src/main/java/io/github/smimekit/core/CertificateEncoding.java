package io.github.smimekit.core;

/**
 * The encoding {@link Certificates#detect(byte[])} found (and {@link Certificates#read(byte[])}
 * read): the container (certificates or PKCS#7 SignedData) and its representation (binary DER, PEM
 * text, bare base64 text, and the text forms as UTF-16).
 */
public enum CertificateEncoding {
  /** Binary DER: one certificate, or several concatenated ({@code .cer}, {@code .crt}). */
  DER(false, false, false),
  /**
   * PEM text: one or more {@code CERTIFICATE}, {@code X509 CERTIFICATE} or {@code TRUSTED
   * CERTIFICATE} blocks (possibly mixed with PKCS#7 blocks), with or without surrounding text.
   */
  PEM(true, false, false),
  /** Bare base64 text of DER certificates, with or without line breaks. */
  BASE64(true, false, false),
  /** Binary PKCS#7 / CMS SignedData ({@code .p7b}, {@code .p7c}), in a ContentInfo or bare. */
  PKCS7_DER(false, true, false),
  /** PEM text with only {@code PKCS7} (or {@code CMS}) blocks. */
  PKCS7_PEM(true, true, false),
  /** Bare base64 text of a PKCS#7 SignedData (as Exchange shows {@code userSMIMECertificate}). */
  PKCS7_BASE64(true, true, false),
  /**
   * {@link #PEM} as UTF-16 text (little-endian with or without byte-order mark, as Windows writes).
   */
  UTF16_PEM(true, false, true),
  /** {@link #BASE64} as UTF-16 text. */
  UTF16_BASE64(true, false, true),
  /** {@link #PKCS7_PEM} as UTF-16 text. */
  UTF16_PKCS7_PEM(true, true, true),
  /** {@link #PKCS7_BASE64} as UTF-16 text. */
  UTF16_PKCS7_BASE64(true, true, true);

  private final boolean text;
  private final boolean pkcs7;
  private final boolean utf16;

  CertificateEncoding(boolean text, boolean pkcs7, boolean utf16) {
    this.text = text;
    this.pkcs7 = pkcs7;
    this.utf16 = utf16;
  }

  /**
   * Whether this is a text encoding (PEM or base64).
   *
   * @return true for text, false for binary DER
   */
  public boolean isText() {
    return text;
  }

  /**
   * Whether the certificates came out of a PKCS#7 SignedData.
   *
   * @return true for the PKCS#7 encodings
   */
  public boolean isPkcs7() {
    return pkcs7;
  }

  /**
   * Whether the text was UTF-16 (big-endian only with a byte-order mark).
   *
   * @return true for the UTF-16 encodings
   */
  public boolean isUtf16() {
    return utf16;
  }
}
