package io.github.smimekit.sst.internal;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.StoreEntry;
import io.github.smimekit.sst.StoreProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes a store: the header, each entry's properties then its context element (encoding 1), and
 * the 12-byte end marker. Values go straight from the model to the stream (no second copy); an
 * entry already held as one piece (read from a file, or packed by a profile) is one copy.
 */
public final class SstWriter {
  private SstWriter() {}

  private static final int SCRATCH = 8192;

  /**
   * Writes {@code entries} to {@code out} (not closed, not flushed). An entry whose elements are
   * held in one piece ({@code wire} gives it) is written as that piece; the others element by
   * element. Values reach the stream through one reused scratch buffer (the stream never sees a
   * value's backing array), or are copied straight into the array of an {@link ArraySink}: no
   * allocation per element.
   *
   * @param wire an entry's elements exactly as a file holds them, or null when not in one piece
   */
  public static void write(
      List<StoreEntry> entries, Function<StoreEntry, @Nullable Bytes> wire, OutputStream out)
      throws IOException {
    if (out instanceof ArraySink sink) {
      sink.writeStore(entries, wire);
      return;
    }
    byte[] header = new byte[12];
    byte[] scratch = new byte[SCRATCH];
    out.write(SstReader.magic());
    for (StoreEntry e : entries) {
      Bytes whole = wire.apply(e);
      if (whole != null) {
        writeValue(whole, out, scratch);
        continue;
      }
      for (StoreProperty p : e.properties()) {
        elementHeader(header, p.id(), 1, p.length());
        out.write(header);
        writeValue(p.value(), out, scratch);
      }
      elementHeader(header, e.contextType().code(), 1, e.encoded().size());
      out.write(header);
      writeValue(e.encoded(), out, scratch);
    }
    elementHeader(header, 0, 0, 0);
    out.write(header);
  }

  /**
   * Writes one element (header with encoding 1, then the value) into {@code b} at {@code pos}.
   *
   * @return the position after it
   */
  public static int element(byte[] b, int pos, int id, Bytes value) {
    putU32(b, pos, id);
    putU32(b, pos + 4, 1);
    putU32(b, pos + 8, value.size());
    value.copyTo(0, b, pos + 12, value.size());
    return pos + 12 + value.size();
  }

  private static void writeValue(Bytes value, OutputStream out, byte[] scratch) throws IOException {
    for (int i = 0; i < value.size(); i += scratch.length) {
      int n = Math.min(scratch.length, value.size() - i);
      value.copyTo(i, scratch, 0, n);
      out.write(scratch, 0, n);
    }
  }

  private static void elementHeader(byte[] b, int id, int encoding, int length) {
    putU32(b, 0, id);
    putU32(b, 4, encoding);
    putU32(b, 8, length);
  }

  private static final VarHandle U32_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static void putU32(byte[] b, int off, int v) {
    U32_LE.set(b, off, v);
  }

  /**
   * The array as {@link Bytes} without a copy: the caller gives up the array (it made it and keeps
   * no reference). {@link Bytes#read} takes what {@code readNBytes} returns as its own, so a stream
   * that returns exactly this array hands it over.
   */
  public static Bytes adopt(byte[] owned) {
    InputStream in =
        new InputStream() {
          private boolean given;

          @Override
          public int read() {
            return -1;
          }

          @Override
          public byte[] readNBytes(int len) {
            if (given || len < owned.length) {
              return new byte[0];
            }
            given = true;
            return owned;
          }
        };
    try {
      Bytes b = Bytes.read(in, owned.length);
      return b.size() == owned.length ? b : Bytes.copyOf(owned);
    } catch (IOException e) {
      return Bytes.copyOf(owned);
    }
  }

  /** An output stream filling a pre-sized array, for encoding without a growing buffer. */
  public static final class ArraySink extends OutputStream {
    private final byte[] buf;
    private int pos;

    /** A sink writing into a new array of exactly {@code size} bytes. */
    public ArraySink(int size) {
      this.buf = new byte[size];
    }

    @Override
    public void write(int b) {
      buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
    }

    /** The whole store, headers written in place and values copied once. */
    void writeStore(List<StoreEntry> entries, Function<StoreEntry, @Nullable Bytes> wire) {
      byte[] magic = SstReader.magic();
      System.arraycopy(magic, 0, buf, pos, magic.length);
      pos += magic.length;
      for (StoreEntry e : entries) {
        Bytes whole = wire.apply(e);
        if (whole != null) {
          whole.copyTo(0, buf, pos, whole.size());
          pos += whole.size();
          continue;
        }
        for (StoreProperty p : e.properties()) {
          pos = element(buf, pos, p.id(), p.value());
        }
        pos = element(buf, pos, e.contextType().code(), e.encoded());
      }
      putU32(buf, pos, 0);
      putU32(buf, pos + 4, 0);
      putU32(buf, pos + 8, 0);
      pos += 12;
    }

    /** The filled array (not a copy). */
    public byte[] array() {
      if (pos != buf.length) {
        throw new IllegalStateException("wrote " + pos + " of " + buf.length + " bytes");
      }
      return buf;
    }
  }
}
