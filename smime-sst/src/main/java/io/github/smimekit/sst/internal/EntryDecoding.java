package io.github.smimekit.sst.internal;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.SmimeFormatException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the certificate of a store entry with smime-core's {@link Certificates}, after checks
 * that keep hostile bytes away from the decoders: one DER TLV filling the element (core then bounds
 * the nesting at 64 levels before any parser recurses; CRLs, which core does not decode, are
 * checked here with {@link DerDepth}). A failure is a short reason (a {@link String}), not an
 * exception, so a store of many undecodable entries keeps no stack traces.
 */
public final class EntryDecoding {
  private EntryDecoding() {}

  private static final String TOO_SHORT = "too short for a DER value (fewer than 2 bytes)";

  /** The reasons for a first byte that is not SEQUENCE, made once: entries share them. */
  private static final List<String> NOT_A_SEQUENCE = notASequence();

  private static List<String> notASequence() {
    String[] out = new String[256];
    for (int i = 0; i < 256; i++) {
      out[i] =
          "not a DER sequence (first byte 0x" + SstReader.hex(new byte[] {(byte) i}, 0, 1) + ")";
    }
    return List.of(out);
  }

  /**
   * Why {@code der} is not one well-framed DER value within the depth bound, or null. Cheap: no
   * allocation on success.
   */
  public static @Nullable String framingProblem(byte[] der) {
    String outer = outerFramingProblem(der);
    return outer != null ? outer : DerDepth.problem(der);
  }

  /**
   * Why {@code der} is not one DER SEQUENCE of definite length filling the array, or null; reads
   * the outer header only (the nesting is bounded by the decoder that follows).
   */
  static @Nullable String outerFramingProblem(byte[] der) {
    if (der.length < 2) {
      return TOO_SHORT;
    }
    if ((der[0] & 0xFF) != 0x30) {
      return NOT_A_SEQUENCE.get(der[0] & 0xFF);
    }
    if ((der[1] & 0xFF) == 0x80) {
      return "indefinite length (BER), not DER";
    }
    Der.Tlv outer;
    try {
      outer = Der.tlv(der, 0, der.length);
    } catch (IllegalArgumentException e) {
      return "DER framing not readable: " + e.getMessage();
    }
    if (outer.end() != der.length) {
      return (der.length - outer.end()) + " byte(s) after the DER value";
    }
    return null;
  }

  /**
   * The certificate, or the reason it cannot be decoded.
   *
   * @return an {@link X509Certificate} or a {@link String} reason
   */
  public static Object certificate(byte[] der) {
    // core bounds the nesting (64 levels, extension values included) before any parser recurses
    String problem = outerFramingProblem(der);
    if (problem != null) {
      return problem;
    }
    List<X509Certificate> certs;
    try {
      certs = Certificates.read(der);
    } catch (SmimeFormatException e) {
      String m = e.getMessage();
      return m == null ? "not a valid X.509 certificate" : m;
    }
    if (certs.size() != 1) {
      return "holds " + certs.size() + " certificates, not one";
    }
    X509Certificate c = certs.get(0);
    try {
      if (!Arrays.equals(c.getEncoded(), der)) {
        return "not the DER encoding of one certificate";
      }
    } catch (CertificateEncodingException e) {
      return "not the DER encoding of one certificate";
    }
    return c;
  }
}
