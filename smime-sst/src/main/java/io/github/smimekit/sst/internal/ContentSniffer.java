package io.github.smimekit.sst.internal;

import io.github.smimekit.sst.SstFormatException;
import io.github.smimekit.sst.SstProblem;
import io.github.smimekit.sst.StoreFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Content detection (spec section 4) and decoding of PKCS#7 and certificate files. */
public final class ContentSniffer {
  private static final byte[] SIGNED_DATA_OID = {
    0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x02
  };
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private ContentSniffer() {}

  /** Certificates and CRLs decoded from a PKCS#7 or certificate file. */
  public record Decoded(List<X509Certificate> certificates, List<X509CRL> crls) {}

  /** What the content is. Never throws. */
  public static StoreFormat detect(byte[] data) {
    try {
      return detectUnchecked(data);
    } catch (RuntimeException e) {
      return StoreFormat.UNKNOWN;
    }
  }

  private static StoreFormat detectUnchecked(byte[] data) {
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
    List<byte[]> blocks = derBlocks(data);
    if (blocks.isEmpty()) {
      return StoreFormat.UNKNOWN;
    }
    if (blocks.size() == 1 && isPkcs7(blocks.get(0))) {
      return StoreFormat.PKCS7;
    }
    for (byte[] b : blocks) {
      if (!isCertificate(b)) {
        return StoreFormat.UNKNOWN;
      }
    }
    return StoreFormat.CERTIFICATES;
  }

  static boolean isPkcs7(byte[] der) {
    Der.Tlv outer = Der.tlv(der, 0, der.length);
    if (outer.tag() != 0x30 || outer.end() != der.length) {
      return false;
    }
    int p = outer.valueStart();
    if (der.length - p < SIGNED_DATA_OID.length) {
      return false;
    }
    for (int i = 0; i < SIGNED_DATA_OID.length; i++) {
      if (der[p + i] != SIGNED_DATA_OID[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean isCertificate(byte[] der) {
    Der.Tlv outer = Der.tlv(der, 0, der.length);
    if (outer.end() != der.length) {
      return false;
    }
    Der.certFields(der);
    return true;
  }

  /** The DER blocks of the content: itself if DER, else the PEM blocks or base64 text decoded. */
  static List<byte[]> derBlocks(byte[] data) {
    if ((data[0] & 0xFF) == 0x30) {
      return List.of(data);
    }
    String text = asText(data);
    if (text == null) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    if (text.contains("-----BEGIN ")) {
      Matcher m = PEM.matcher(text);
      while (m.find()) {
        String label = m.group(1);
        if (label.equals("CERTIFICATE")
            || label.equals("X509 CERTIFICATE")
            || label.equals("TRUSTED CERTIFICATE")
            || label.equals("PKCS7")
            || label.equals("CMS")) {
          out.add(Base64.getMimeDecoder().decode(m.group(2)));
        }
      }
      return out;
    }
    String b64 = text.replaceAll("\\s", "");
    if (b64.isEmpty() || !b64.matches("[A-Za-z0-9+/]+={0,2}")) {
      return List.of();
    }
    byte[] der = Base64.getDecoder().decode(b64);
    return der.length > 0 && (der[0] & 0xFF) == 0x30 ? List.of(der) : List.of();
  }

  /** ASCII text, or UTF-16LE text (with or without BOM); null when not text. */
  private static String asText(byte[] data) {
    boolean utf16 =
        (data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE)
            || (data.length >= 2 && data[1] == 0 && data[0] != 0);
    String s;
    if (utf16) {
      int start = (data[0] & 0xFF) == 0xFF ? 2 : 0;
      if ((data.length - start) % 2 != 0) {
        return null;
      }
      s = new String(data, start, data.length - start, StandardCharsets.UTF_16LE);
    } else {
      s = new String(data, StandardCharsets.ISO_8859_1);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7E || (c < 0x20 && c != '\r' && c != '\n' && c != '\t')) {
        return null;
      }
    }
    return s;
  }

  /** Decodes a file {@link #detect} found to be PKCS#7 or certificates. */
  public static Decoded decodeCertificates(byte[] data, StoreFormat format) {
    List<X509Certificate> certs = new ArrayList<>();
    List<X509CRL> crls = new ArrayList<>();
    CertificateFactory cf = X509.factory();
    String what = format == StoreFormat.PKCS7 ? "pkcs#7 bundle" : "certificate";
    try {
      for (byte[] der : derBlocks(data)) {
        for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(der))) {
          certs.add((X509Certificate) c);
        }
        if (format == StoreFormat.PKCS7) {
          for (CRL c : cf.generateCRLs(new ByteArrayInputStream(der))) {
            crls.add((X509CRL) c);
          }
        }
      }
    } catch (CertificateException | CRLException | RuntimeException e) {
      throw new SstFormatException(
          SstProblem.UNDECODABLE_CONTEXT,
          what + " cannot be decoded (its DER is not a valid X.509 structure)",
          0,
          -1,
          e);
    }
    return new Decoded(List.copyOf(certs), List.copyOf(crls));
  }

  /** At most the first 8 bytes as hex, for messages. */
  public static String hexPrefix(byte[] data) {
    return SstReader.hex(data, 0, 8);
  }
}
