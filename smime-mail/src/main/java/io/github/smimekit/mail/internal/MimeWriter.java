package io.github.smimekit.mail.internal;

import io.github.smimekit.core.SmimeException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes the MIME entities of a test message with CRLF line ends (the canonical form RFC 8551
 * section 3.1.1 signs), boundaries and Message-ID derived from the content so the same input gives
 * the same entity.
 */
final class MimeWriter {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final String CRLF = "\r\n";

  private MimeWriter() {}

  /** The text/plain entity (7bit for ASCII text, else quoted-printable UTF-8), CRLF line ends. */
  static byte[] textPart(String text) {
    String canonical = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", CRLF);
    if (!canonical.endsWith(CRLF)) {
      canonical += CRLF;
    }
    boolean ascii =
        canonical.chars().allMatch(c -> c < 0x80)
            && canonical.lines().allMatch(l -> l.length() <= 998);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (ascii) {
      write(
          out,
          "Content-Type: text/plain; charset=us-ascii"
              + CRLF
              + "Content-Transfer-Encoding: 7bit"
              + CRLF
              + CRLF
              + canonical);
      return out.toByteArray();
    }
    write(
        out,
        "Content-Type: text/plain; charset=UTF-8"
            + CRLF
            + "Content-Transfer-Encoding: quoted-printable"
            + CRLF
            + CRLF);
    try (OutputStream qp = MimeUtility.encode(new NoClose(out), "quoted-printable")) {
      qp.write(canonical.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new SmimeException("quoted-printable encoding failed", e);
    }
    byte[] b = out.toByteArray();
    String s = new String(b, StandardCharsets.US_ASCII);
    return (s.endsWith(CRLF) ? s : s + CRLF).getBytes(StandardCharsets.US_ASCII);
  }

  /** A clear-signed multipart/signed entity around the signed entity and its detached signature. */
  static byte[] multipartSigned(byte[] signedEntity, byte[] signature, String micalg) {
    String boundary = "----=_smimekit_signed_" + shortHash(signedEntity);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(
        out,
        "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg="
            + micalg
            + ";"
            + CRLF
            + "\tboundary=\""
            + boundary
            + "\""
            + CRLF
            + CRLF);
    write(out, "This is an S/MIME signed message" + CRLF + CRLF);
    write(out, "--" + boundary + CRLF);
    out.writeBytes(signedEntity);
    write(out, CRLF + "--" + boundary + CRLF);
    write(
        out,
        "Content-Type: application/pkcs7-signature; name=\"smime.p7s\""
            + CRLF
            + "Content-Transfer-Encoding: base64"
            + CRLF
            + "Content-Disposition: attachment; filename=\"smime.p7s\""
            + CRLF
            + "Content-Description: S/MIME Cryptographic Signature"
            + CRLF
            + CRLF);
    write(out, base64(signature));
    write(out, CRLF + "--" + boundary + "--" + CRLF);
    return out.toByteArray();
  }

  /** An application/pkcs7-mime entity (signed-data or enveloped-data) without outer headers. */
  static byte[] pkcs7Mime(String smimeType, byte[] der) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, pkcs7MimeHeaders(smimeType) + CRLF);
    write(out, base64(der) + CRLF);
    return out.toByteArray();
  }

  private static String pkcs7MimeHeaders(String smimeType) {
    return "Content-Type: application/pkcs7-mime; smime-type="
        + smimeType
        + "; name=\"smime.p7m\""
        + CRLF
        + "Content-Transfer-Encoding: base64"
        + CRLF
        + "Content-Disposition: attachment; filename=\"smime.p7m\""
        + CRLF;
  }

  /** The whole message: RFC 5322 headers and the enveloped-data body. */
  static byte[] message(
      String from, List<String> to, String subject, Instant date, byte[] envelopedDer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "From: " + address(from) + CRLF);
    write(
        out,
        "To: "
            + String.join("," + CRLF + " ", to.stream().map(MimeWriter::address).toList())
            + CRLF);
    write(out, "Subject: " + encodeSubject(subject) + CRLF);
    write(out, "Date: " + DATE.format(date) + CRLF);
    write(
        out,
        "Message-ID: <"
            + shortHash(envelopedDer)
            + "."
            + date.getEpochSecond()
            + "@smimekit.invalid>"
            + CRLF);
    write(out, "MIME-Version: 1.0" + CRLF);
    write(out, pkcs7MimeHeaders("enveloped-data") + CRLF);
    write(out, base64(envelopedDer) + CRLF);
    return out.toByteArray();
  }

  private static String address(String a) {
    try {
      InternetAddress parsed = new InternetAddress(a, true);
      return parsed.getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException("not an SMTP address: '" + a + "'", e);
    }
  }

  private static String encodeSubject(String subject) {
    try {
      return MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", "Q"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  private static String base64(byte[] der) {
    return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
  }

  private static String shortHash(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Keeps the target open when the encoder is closed (closing flushes its last line). */
  private static final class NoClose extends java.io.FilterOutputStream {
    NoClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
