package io.github.smimekit.testing.exchange;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A minimal reader of the serialized certificate store framing (spec {@code sst-format.md}): the
 * header, then elements {@code id, encoding, length, bytes} up to the end marker, certificates (id
 * 0x20) parsed with the JDK. Enough for the fake's {@code Set-SmimeConfig} checks; the real reader
 * is smime-sst.
 */
final class SstFraming {
  private SstFraming() {}

  /** A certificate of the store. */
  record Cert(String sha1, Instant notAfter) {}

  /** Thrown for bytes that are not a store. */
  static final class NotAStore extends Exception {
    private static final long serialVersionUID = 1L;

    NotAStore(String message) {
      super(message);
    }
  }

  static List<Cert> certificates(byte[] b) throws NotAStore {
    if (b.length < 8 || u32(b, 0) != 0 || u32(b, 4) != 0x54524543L) {
      throw new NotAStore("no serialized store header");
    }
    List<Cert> out = new ArrayList<>();
    int off = 8;
    CertificateFactory cf;
    MessageDigest sha1;
    try {
      cf = CertificateFactory.getInstance("X.509");
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (CertificateException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    while (true) {
      if (off + 12 > b.length) {
        throw new NotAStore("truncated element at offset " + off);
      }
      long id = u32(b, off);
      long len = u32(b, off + 8);
      if (id == 0) {
        return out;
      }
      if (len > b.length - off - 12) {
        throw new NotAStore("element at offset " + off + " longer than the store");
      }
      int start = off + 12;
      if (id == 0x20) {
        try {
          X509Certificate c =
              (X509Certificate)
                  cf.generateCertificate(new ByteArrayInputStream(b, start, (int) len));
          sha1.update(b, start, (int) len);
          out.add(
              new Cert(
                  HexFormat.of().withUpperCase().formatHex(sha1.digest()),
                  c.getNotAfter().toInstant()));
        } catch (CertificateException e) {
          throw new NotAStore("certificate at offset " + start + " does not parse");
        }
      }
      off = start + (int) len;
    }
  }

  private static long u32(byte[] b, int off) {
    return (b[off] & 0xFFL)
        | (b[off + 1] & 0xFFL) << 8
        | (b[off + 2] & 0xFFL) << 16
        | (b[off + 3] & 0xFFL) << 24;
  }
}
