package io.github.smimekit.sst.internal;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.ContextType;
import io.github.smimekit.sst.SstFormatException;
import io.github.smimekit.sst.SstProblem;
import io.github.smimekit.sst.SstReadOptions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks the element stream of a serialized store (spec sections 1, 2 and 8) and hands every element
 * to a {@link Sink}. Every length is checked against the bytes remaining and the limits before the
 * sink copies anything.
 */
public final class SstReader {
  /** File header: version 0, then "CERT". */
  private static final byte[] MAGIC = {0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54};

  /** Receives the elements in file order. */
  public interface Sink {
    /** A property element; its value is the input's bytes {@code [valueOffset, +length)}. */
    void property(int id, int valueOffset, int length, long headerOffset, int index);

    /** A context element; the properties received since the previous context belong to it. */
    void context(ContextType type, int valueOffset, int length, long headerOffset, int index);

    /** A deviation accepted as a warning. */
    void warning(SstProblem problem, long offset, int index, String message);

    /** The properties received since the last context are orphans and are dropped (lenient). */
    void dropPendingProperties();
  }

  private SstReader() {}

  /** A copy of the 8-byte file header: version 0, then "CERT". */
  public static byte[] magic() {
    return MAGIC.clone();
  }

  /** Whether {@code data} starts with the file header of a version-0 store. */
  public static boolean hasHeader(byte[] data) {
    if (data.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static final VarHandle U32_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** The unsigned little-endian 32-bit value at {@code off} (the caller checked the bounds). */
  static long u32(byte[] b, int off) {
    return Integer.toUnsignedLong((int) U32_LE.get(b, off));
  }

  /**
   * Reads a store (with the 8-byte header and the end marker) or, when {@code headerless}, a bare
   * element stream (no header; the end marker is optional).
   */
  public static void read(Bytes input, boolean headerless, SstReadOptions options, Sink sink) {
    // a view of the input, not a copy: framing reads the headers in place
    final ByteBuffer data = input.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    final int len = data.limit();
    final boolean lenient = options.isLenient();
    if (len > options.limits().maxInputBytes()) {
      throw error(
          SstProblem.LIMIT_EXCEEDED,
          "input of " + len + " bytes is over the limit of " + options.limits().maxInputBytes(),
          0,
          -1);
    }
    int pos;
    if (headerless) {
      pos = 0;
    } else {
      if (len == 0) {
        report(sink, lenient, SstProblem.EMPTY_INPUT, 0, -1, "empty input (0 bytes), no store");
        return;
      }
      if (len < 8) {
        throw error(
            SstProblem.TRUNCATED_FILE_HEADER,
            "input of " + len + " bytes is shorter than the 8-byte file header",
            0,
            -1);
      }
      if (data.get(4) != 'C' || data.get(5) != 'E' || data.get(6) != 'R' || data.get(7) != 'T') {
        throw error(
            SstProblem.NOT_A_SERIALIZED_STORE,
            "not a serialized store: the file header is not 00000000 'CERT' (first bytes "
                + hex(input.slice(0, 8).toByteArray(), 0, 8)
                + ")",
            0,
            -1);
      }
      long version = Integer.toUnsignedLong(data.getInt(0));
      if (version != 0) {
        throw error(
            SstProblem.UNSUPPORTED_VERSION,
            "file header version " + version + " is not supported (expected 0)",
            0,
            -1);
      }
      pos = 8;
    }
    int index = 0;
    int certificates = 0;
    int pending = 0;
    long firstPendingOffset = -1;
    int firstPendingIndex = -1;
    while (true) {
      if (pos == len) {
        if (!headerless) {
          report(
              sink,
              lenient,
              SstProblem.MISSING_END_MARKER,
              pos,
              index,
              at(index, pos) + "input ends without the 12-byte end marker");
        }
        break;
      }
      if (len - pos < 12) {
        report(
            sink,
            lenient,
            SstProblem.TRUNCATED_ELEMENT_HEADER,
            pos,
            index,
            at(index, pos)
                + "only "
                + (len - pos)
                + " bytes left for a 12-byte element header"
                + salvaged(pending));
        pending = truncated(sink, pending);
        break;
      }
      long id = Integer.toUnsignedLong(data.getInt(pos));
      long encoding = Integer.toUnsignedLong(data.getInt(pos + 4));
      long length = Integer.toUnsignedLong(data.getInt(pos + 8));
      if (id == 0) {
        if (encoding != 0 || length != 0) {
          report(
              sink,
              lenient,
              SstProblem.MALFORMED_END_MARKER,
              pos,
              index,
              at(index, pos)
                  + "end marker has encoding "
                  + encoding
                  + " and length "
                  + length
                  + ", expected 0 and 0");
        }
        int after = pos + 12;
        if (after < len) {
          report(
              sink,
              lenient,
              SstProblem.TRAILING_BYTES,
              after,
              -1,
              (len - after) + " byte(s) after the end marker at offset " + pos);
        }
        break;
      }
      long remaining = (long) len - pos - 12;
      if (length > remaining) {
        report(
            sink,
            lenient,
            SstProblem.ELEMENT_LENGTH_OUT_OF_RANGE,
            pos,
            index,
            at(index, pos)
                + "id "
                + id
                + " claims "
                + length
                + " bytes but only "
                + remaining
                + " remain"
                + salvaged(pending));
        pending = truncated(sink, pending);
        break;
      }
      if (length > options.maxElementBytes()) {
        throw error(
            SstProblem.LIMIT_EXCEEDED,
            at(index, pos)
                + "length "
                + length
                + " is over the element limit of "
                + options.maxElementBytes(),
            pos,
            index);
      }
      if (index >= options.maxElements()) {
        throw error(
            SstProblem.LIMIT_EXCEEDED,
            at(index, pos) + "more than " + options.maxElements() + " elements",
            pos,
            index);
      }
      if (encoding != 1) {
        report(
            sink,
            lenient,
            SstProblem.ENCODING_NOT_ONE,
            pos,
            index,
            at(index, pos) + "id " + id + " has encoding " + encoding + ", expected 1");
      }
      int valueOffset = pos + 12;
      int n = (int) length;
      if (id >= 32 && id <= 34) {
        ContextType type = ContextType.fromCode(id).orElseThrow();
        if (type == ContextType.CERTIFICATE
            && ++certificates > options.limits().maxCertificates()) {
          throw error(
              SstProblem.LIMIT_EXCEEDED,
              at(index, pos)
                  + "more than "
                  + options.limits().maxCertificates()
                  + " certificate entries",
              pos,
              index);
        }
        if (n == 0) {
          throw error(
              SstProblem.EMPTY_CONTEXT,
              at(index, pos) + type.label() + " element of length 0",
              pos,
              index);
        }
        sink.context(type, valueOffset, n, pos, index);
        pending = 0;
      } else if (id > 0xFFFF) {
        throw error(
            SstProblem.PROPERTY_ID_OUT_OF_RANGE,
            at(index, pos) + "property id " + id + " (0x" + Long.toHexString(id) + ") > 0xffff",
            pos,
            index);
      } else {
        if (pending == 0) {
          firstPendingOffset = pos;
          firstPendingIndex = index;
        }
        pending++;
        sink.property((int) id, valueOffset, n, pos, index);
      }
      pos = valueOffset + n;
      index++;
    }
    if (pending > 0) {
      report(
          sink,
          lenient,
          SstProblem.ORPHANED_PROPERTIES,
          firstPendingOffset,
          firstPendingIndex,
          at(firstPendingIndex, firstPendingOffset)
              + pending
              + " propert"
              + (pending == 1 ? "y" : "ies")
              + " with no context element after them");
      sink.dropPendingProperties();
    }
  }

  /** The lenient message tail: what is kept of a store cut short. */
  private static String salvaged(int pending) {
    return "; the store is cut short here: the entries before this offset are kept"
        + (pending > 0
            ? ", the "
                + pending
                + " propert"
                + (pending == 1 ? "y" : "ies")
                + " of the cut entry dropped"
            : "");
  }

  /** Drops the properties of an entry whose context element was cut off (lenient). */
  private static int truncated(Sink sink, int pending) {
    if (pending > 0) {
      sink.dropPendingProperties();
    }
    return 0;
  }

  private static String at(int index, long offset) {
    return "sst element #" + index + " at offset " + offset + ": ";
  }

  private static void report(
      Sink sink, boolean lenient, SstProblem problem, long offset, int index, String message) {
    if (lenient && problem.isWarningWhenLenient()) {
      sink.warning(problem, offset, index, message);
    } else {
      throw error(problem, message, offset, index);
    }
  }

  private static SstFormatException error(
      SstProblem problem, String message, long offset, int index) {
    return new SstFormatException(problem, message, offset, index, null);
  }

  static String hex(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < Math.min(to, b.length); i++) {
      sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(b[i] & 0xF, 16));
    }
    return sb.toString();
  }
}
