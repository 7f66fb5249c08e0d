package io.github.smimekit.core;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * An immutable sequence of bytes (model: Okio's {@code ByteString}). Every way in copies and every
 * way out copies or is read-only, so a {@code Bytes} can be shared freely between threads.
 *
 * <p>{@code toString()} shows the size and at most the first 64 bytes as hex, never a whole blob.
 */
public final class Bytes implements Comparable<Bytes> {
  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();
  private static final int TO_STRING_LIMIT = 64;
  private static final int COPY_CHUNK = 8192;

  /** The empty sequence. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;
  private int hash; // 0 = not yet computed (racy single-check, like String)

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** A copy of {@code bytes}. */
  public static Bytes copyOf(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Bytes copyOf(byte[] bytes, int offset, int length) {
    requireNonNull(bytes, "bytes");
    checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** A copy of the remaining bytes of {@code buffer}; the buffer's position is not changed. */
  public static Bytes copyOf(ByteBuffer buffer) {
    requireNonNull(buffer, "buffer");
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy.length == 0 ? EMPTY : new Bytes(copy);
  }

  /** The given bytes (copied). */
  public static Bytes of(byte... bytes) {
    return copyOf(bytes);
  }

  /** Bytes from hexadecimal text (upper or lower case, no separators). */
  public static Bytes fromHex(String hex) {
    requireNonNull(hex, "hex");
    try {
      return new Bytes(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not hexadecimal text of even length", e);
    }
  }

  /** Reads the rest of {@code in} (at most {@code maxBytes}, else a format exception). */
  public static Bytes read(InputStream in, long maxBytes) throws IOException {
    requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
    byte[] data = in.readNBytes(limit);
    if (data.length == limit && in.read() != -1) {
      throw new SmimeFormatException("input is larger than the limit of " + limit + " bytes");
    }
    return data.length == 0 ? EMPTY : new Bytes(data);
  }

  /** The number of bytes. */
  public int size() {
    return data.length;
  }

  /** Whether there are no bytes. */
  public boolean isEmpty() {
    return data.length == 0;
  }

  /** The byte at {@code index}. */
  public byte byteAt(int index) {
    return data[index];
  }

  /** A new array holding a copy of the bytes. */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** A read-only view of the bytes, without a copy. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /**
   * A stream over the bytes, without a copy of the whole value. Its {@code transferTo} hands the
   * target stream copies, never the backing array.
   */
  public InputStream newInputStream() {
    return new CopyingInputStream(data);
  }

  /**
   * Writes the bytes to {@code out}. The stream is given copies (in chunks), never the backing
   * array, so a stream that keeps or overwrites the array it is given cannot change this value.
   */
  public void write(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    writeCopies(data, 0, data.length, out);
  }

  private static void writeCopies(byte[] data, int from, int to, OutputStream out)
      throws IOException {
    byte[] chunk = new byte[Math.min(COPY_CHUNK, to - from)];
    for (int i = from; i < to; i += chunk.length) {
      int n = Math.min(chunk.length, to - i);
      System.arraycopy(data, i, chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }

  /**
   * Copies {@code length} bytes from {@code offset} into {@code target} at {@code targetOffset},
   * without allocating (model: Okio's {@code ByteString.copyInto}).
   *
   * @throws IndexOutOfBoundsException if either range is out of bounds
   */
  public void copyTo(int offset, byte[] target, int targetOffset, int length) {
    requireNonNull(target, "target");
    checkFromIndexSize(offset, length, data.length);
    checkFromIndexSize(targetOffset, length, target.length);
    System.arraycopy(data, offset, target, targetOffset, length);
  }

  /** The bytes {@code [from, to)} as a new value. */
  public Bytes slice(int from, int to) {
    return copyOf(data, from, to - from);
  }

  /** Upper-case hexadecimal text of all bytes, as Windows shows thumbprints. */
  public String hex() {
    return UPPER_HEX.formatHex(data);
  }

  /** Whether these bytes start with {@code prefix}. */
  public boolean startsWith(Bytes prefix) {
    return data.length >= prefix.data.length
        && Arrays.equals(data, 0, prefix.data.length, prefix.data, 0, prefix.data.length);
  }

  /** Constant-time comparison, for comparing MACs or hashes. */
  public boolean constantTimeEquals(Bytes other) {
    return MessageDigest.isEqual(data, other.data);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Bytes other && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0 && data.length > 0) {
      h = Arrays.hashCode(data);
      hash = h;
    }
    return h;
  }

  /** Unsigned lexicographic order. */
  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(data, other.data);
  }

  @Override
  public String toString() {
    if (data.length <= TO_STRING_LIMIT) {
      return "[size=" + data.length + " hex=" + hex() + "]";
    }
    return "[size="
        + data.length
        + " hex="
        + UPPER_HEX.formatHex(data, 0, TO_STRING_LIMIT)
        + "\u2026]";
  }

  /**
   * A {@code ByteArrayInputStream} whose {@code transferTo} writes copies: the JDK 17 one passes
   * its buffer (our backing array) straight to the target stream.
   */
  private static final class CopyingInputStream extends ByteArrayInputStream {
    CopyingInputStream(byte[] data) {
      super(data);
    }

    @Override
    public synchronized long transferTo(OutputStream out) throws IOException {
      requireNonNull(out, "out");
      int n = count - pos;
      writeCopies(buf, pos, count, out);
      pos = count;
      return n;
    }
  }
}
