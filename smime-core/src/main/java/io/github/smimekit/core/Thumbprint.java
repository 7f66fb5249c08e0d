package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A certificate's thumbprint: the SHA-1 or SHA-256 digest of its DER encoding, shown as upper-case
 * hex the way Windows shows it ({@code certmgr}'s "Thumbprint", PowerShell's {@code Get-ChildItem
 * Cert:\...}). Every module names certificates by this one type: the summary of {@code cert info},
 * chain links, PKCS#12 identity selection, {@code .sst} entries and the Exchange read-back.
 *
 * <p>Immutable; equal when algorithm and digest are equal. {@link #toString()} is the hex, so a
 * thumbprint prints as users expect.
 *
 * <pre>{@code
 * Thumbprint t = Thumbprint.sha1(certificate);
 * store.find(Thumbprint.parse("a9 4c 1f ...")); // spaces, colons and lower case accepted
 * }</pre>
 */
public final class Thumbprint implements Comparable<Thumbprint> {
  /** The digest a thumbprint is made with. */
  public enum Algorithm {
    /** SHA-1: 20 bytes, 40 hex digits; the thumbprint Windows and Exchange show. */
    SHA1("SHA-1", 20),
    /** SHA-256: 32 bytes, 64 hex digits. */
    SHA256("SHA-256", 32);

    private final String jcaName;
    private final int length;

    Algorithm(String jcaName, int length) {
      this.jcaName = jcaName;
      this.length = length;
    }

    /** The digest's length in bytes. */
    public int length() {
      return length;
    }

    /** The JCA name of the digest ({@code SHA-1}, {@code SHA-256}). */
    public String jcaName() {
      return jcaName;
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final Algorithm algorithm;
  private final byte[] digest;
  private @Nullable String hex; // made on first use (racy single-check, like String's hash)

  private Thumbprint(Algorithm algorithm, byte[] digest) {
    this.algorithm = algorithm;
    this.digest = digest;
  }

  /**
   * The SHA-1 thumbprint of a certificate.
   *
   * @param certificate the certificate
   * @return its SHA-1 thumbprint
   */
  public static Thumbprint sha1(X509Certificate certificate) {
    return of(Algorithm.SHA1, certificate);
  }

  /**
   * The SHA-256 thumbprint of a certificate.
   *
   * @param certificate the certificate
   * @return its SHA-256 thumbprint
   */
  public static Thumbprint sha256(X509Certificate certificate) {
    return of(Algorithm.SHA256, certificate);
  }

  /**
   * The SHA-1 thumbprint of a certificate's DER encoding.
   *
   * @param der the certificate's encoding (not checked to be a certificate)
   * @return the SHA-1 of the bytes
   */
  public static Thumbprint sha1(Bytes der) {
    return digestOf(Algorithm.SHA1, requireNonNull(der, "der").toByteArray());
  }

  /**
   * The thumbprint of a certificate with {@code algorithm}.
   *
   * @param algorithm the digest
   * @param certificate the certificate
   * @return its thumbprint
   */
  public static Thumbprint of(Algorithm algorithm, X509Certificate certificate) {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(certificate, "certificate");
    byte[] der;
    try {
      der = certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      // Certificates.read only returns certificates whose encoding is at hand.
      throw new IllegalArgumentException("the certificate has no DER encoding", e);
    }
    return digestOf(algorithm, der);
  }

  /**
   * A thumbprint from its digest bytes.
   *
   * @param algorithm the digest the bytes come from
   * @param digest exactly {@link Algorithm#length()} bytes
   * @return the thumbprint
   * @throws IllegalArgumentException if the length does not fit the algorithm
   */
  public static Thumbprint of(Algorithm algorithm, Bytes digest) {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(digest, "digest");
    if (digest.size() != algorithm.length()) {
      throw new IllegalArgumentException(
          "a "
              + algorithm
              + " thumbprint has "
              + algorithm.length()
              + " bytes, not "
              + digest.size());
    }
    return new Thumbprint(algorithm, digest.toByteArray());
  }

  /**
   * Parses a thumbprint as people copy it: 40 hex digits (SHA-1) or 64 (SHA-256), upper or lower
   * case, with or without spaces, colons or hyphens between the digits, as Windows, OpenSSL ({@code
   * -fingerprint}) and certmgr show them. A leading invisible left-to-right mark (U+200E, which
   * certmgr's dialog copies along) is ignored.
   *
   * @param text the thumbprint
   * @return the thumbprint
   * @throws IllegalArgumentException naming what is wrong, if it is not one
   */
  public static Thumbprint parse(String text) {
    requireNonNull(text, "text");
    if (text.length() > 256) {
      throw new IllegalArgumentException(
          "a thumbprint is 40 or 64 hex digits; this text has " + text.length() + " characters");
    }
    StringBuilder hex = new StringBuilder(64);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == ':' || c == '-' || c == '\u200e' || c == '\t') {
        continue;
      }
      if (Character.digit(c, 16) < 0 || c > 0x7f) {
        throw new IllegalArgumentException(
            "a thumbprint is hex digits; character " + (i + 1) + " is not one");
      }
      hex.append(c);
    }
    Algorithm algorithm;
    if (hex.length() == 40) {
      algorithm = Algorithm.SHA1;
    } else if (hex.length() == 64) {
      algorithm = Algorithm.SHA256;
    } else {
      throw new IllegalArgumentException(
          "a thumbprint is 40 (SHA-1) or 64 (SHA-256) hex digits, not " + hex.length());
    }
    byte[] digest = new byte[hex.length() / 2];
    for (int i = 0; i < digest.length; i++) {
      digest[i] =
          (byte)
              ((Character.digit(hex.charAt(2 * i), 16) << 4)
                  | Character.digit(hex.charAt(2 * i + 1), 16));
    }
    return new Thumbprint(algorithm, digest);
  }

  /** The digest this thumbprint is made with. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** The digest bytes. */
  public Bytes bytes() {
    return Bytes.copyOf(digest);
  }

  /** Upper-case hex without separators, as Windows shows thumbprints. */
  public String hex() {
    String h = hex;
    if (h == null) {
      char[] out = new char[digest.length * 2];
      for (int i = 0; i < digest.length; i++) {
        out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[digest[i] & 0xf];
      }
      h = new String(out);
      hex = h;
    }
    return h;
  }

  /**
   * Whether this is the thumbprint of {@code certificate} (with this thumbprint's algorithm).
   *
   * @param certificate the certificate
   * @return whether the digests are equal
   */
  public boolean matches(X509Certificate certificate) {
    return equals(of(algorithm, certificate));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Thumbprint t
        && t.algorithm == algorithm
        && MessageDigest.isEqual(t.digest, digest);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(digest) * 31 + algorithm.hashCode();
  }

  /** Orders by algorithm, then by hex (the order {@code cert info} and plans sort by). */
  @Override
  public int compareTo(Thumbprint other) {
    int c = algorithm.compareTo(other.algorithm);
    return c != 0 ? c : java.util.Arrays.compareUnsigned(digest, other.digest);
  }

  /** The upper-case hex ({@link #hex()}). */
  @Override
  public String toString() {
    return hex();
  }

  private static Thumbprint digestOf(Algorithm algorithm, byte[] data) {
    try {
      return new Thumbprint(algorithm, MessageDigest.getInstance(algorithm.jcaName()).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "the JDK has no " + algorithm.jcaName().toLowerCase(Locale.ROOT), e);
    }
  }
}
