package io.github.smimekit.sst.internal;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.SmimeFormatException;
import java.security.cert.X509Certificate;
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
    String outer = outerFramingProblem(Bytes.copyOf(der));
    return outer != null ? outer : DerDepth.problem(der);
  }

  /**
   * Why {@code der} is not one DER SEQUENCE of definite length filling it, or null; reads the outer
   * header only, in place (the nesting is bounded by the decoder that follows).
   */
  static @Nullable String outerFramingProblem(Bytes der) {
    int size = der.size();
    if (size < 2) {
      return TOO_SHORT;
    }
    int tag = der.byteAt(0) & 0xFF;
    if (tag != 0x30) {
      return NOT_A_SEQUENCE.get(tag);
    }
    int lenByte = der.byteAt(1) & 0xFF;
    if (lenByte == 0x80) {
      return "indefinite length (BER), not DER";
    }
    int p = 2;
    long len;
    if (lenByte < 0x80) {
      len = lenByte;
    } else {
      int n = lenByte & 0x7F;
      if (n > 4) {
        return "DER framing not readable: unsupported length form at 0";
      }
      if (p + n > size) {
        return "DER framing not readable: truncated length at 0";
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der.byteAt(p + i) & 0xFF);
      }
      p += n;
    }
    if (len > size - p) {
      return "DER framing not readable: length " + len + " overruns at 0";
    }
    long end = p + len;
    if (end != size) {
      return (size - end) + " byte(s) after the DER value";
    }
    return null;
  }

  /**
   * The certificate, or the reason it cannot be decoded: smime-core's {@link
   * Certificates#readDer(Bytes)} on the element's bytes in place (no copy, no sniffing for other
   * encodings; core bounds the nesting at 64 levels, extension values included, before any parser
   * recurses, and checks that the certificate's encoding is these bytes).
   *
   * @return an {@link X509Certificate} or a {@link String} reason
   */
  public static Object certificate(Bytes der) {
    String problem = outerFramingProblem(der);
    if (problem != null) {
      return problem;
    }
    try {
      return Certificates.readDer(der);
    } catch (SmimeFormatException e) {
      String m = e.getMessage();
      return m == null ? "not a valid X.509 certificate" : strip(m);
    }
  }

  /** Core's messages name the value "certificate: ...": the entry's own message says that. */
  private static String strip(String m) {
    return m.startsWith(PREFIX) ? m.substring(PREFIX.length()) : m;
  }

  private static final String PREFIX = "certificate: ";
}
