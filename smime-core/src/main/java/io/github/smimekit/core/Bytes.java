package io.github.smimekit.core;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
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

  // The value is data[off, off + len). Slices of an immutable value share its array; nothing else
  // ever sees the array, so sharing is safe.
  private final byte[] data;
  private final int off;
  private final int len;
  private int hash; // 0 = not yet computed (racy single-check, like String)

  private Bytes(byte[] data) {
    this(data, 0, data.length);
  }

  private Bytes(byte[] data, int off, int len) {
    this.data = data;
    this.off = off;
    this.len = len;
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

  /**
   * Reads a whole file, bounded while reading: a regular file whose size exceeds {@code maxBytes}
   * is refused before anything is read, and every file (also {@code /dev/zero}, a FIFO, {@code
   * /dev/stdin}, whose size the file system reports as 0) is refused as soon as more than {@code
   * maxBytes} bytes arrive. This is the one way smimekit reads a file of untrusted input.
   *
   * @param file the file
   * @param maxBytes the largest size accepted
   * @return its bytes
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if it is larger than {@code maxBytes}; the message starts with the
   *     file name
   */
  public static Bytes read(Path file, long maxBytes) throws IOException {
    byte[] data = readArray(file, maxBytes);
    return data.length == 0 ? EMPTY : new Bytes(data);
  }

  /** {@link #read(Path, long)} into an array the caller owns (and may wipe). */
  static byte[] readArray(Path file, long maxBytes) throws IOException {
    requireNonNull(file, "file");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    if (Files.isRegularFile(file)) {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new SmimeFormatException(
            file + ": " + size + " bytes, over the limit of " + maxBytes + " bytes");
      }
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readArray(in, maxBytes, file.toString());
    }
  }

  /** Reads the rest of {@code in} (at most {@code maxBytes}, else a format exception). */
  public static Bytes read(InputStream in, long maxBytes) throws IOException {
    byte[] data = readArray(in, maxBytes, "input");
    return data.length == 0 ? EMPTY : new Bytes(data);
  }

  private static byte[] readArray(InputStream in, long maxBytes, String what) throws IOException {
    requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
    byte[] data = in.readNBytes(limit);
    if (data.length == limit && in.read() != -1) {
      Arrays.fill(data, (byte) 0); // may be a secret (a password file)
      throw new SmimeFormatException(what + ": over the limit of " + limit + " bytes");
    }
    return data;
  }

  /**
   * The shared backing array, for read-only use inside this package (never handed out): the value
   * is {@code array()[offset(), offset() + size())}.
   */
  byte[] array() {
    return data;
  }

  /** Where the value starts in {@link #array()}. */
  int offset() {
    return off;
  }

  /** The number of bytes. */
  public int size() {
    return len;
  }

  /** Whether there are no bytes. */
  public boolean isEmpty() {
    return len == 0;
  }

  /** The byte at {@code index}. */
  public byte byteAt(int index) {
    return data[off + Objects.checkIndex(index, len)];
  }

  /** A new array holding a copy of the bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(data, off, off + len);
  }

  /** A read-only view of the bytes, without a copy. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(data, off, len).slice().asReadOnlyBuffer();
  }

  /**
   * A stream over the bytes, without a copy of the whole value. Its {@code transferTo} hands the
   * target stream copies, never the backing array.
   */
  public InputStream newInputStream() {
    return new CopyingInputStream(data, off, len);
  }

  /**
   * Writes the bytes to {@code out}. The stream is given copies (in chunks), never the backing
   * array, so a stream that keeps or overwrites the array it is given cannot change this value.
   */
  public void write(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    writeCopies(data, off, off + len, out);
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
    checkFromIndexSize(offset, length, len);
    checkFromIndexSize(targetOffset, length, target.length);
    System.arraycopy(data, off + offset, target, targetOffset, length);
  }

  /**
   * The bytes {@code [from, to)} as a value of their own, without a copy: the slice shares this
   * value's (immutable) storage, and so keeps all of it in memory while the slice lives.
   */
  public Bytes slice(int from, int to) {
    Objects.checkFromToIndex(from, to, len);
    if (from == 0 && to == len) {
      return this;
    }
    return to == from ? EMPTY : new Bytes(data, off + from, to - from);
  }

  /** Upper-case hexadecimal text of all bytes, as Windows shows thumbprints. */
  public String hex() {
    return UPPER_HEX.formatHex(data, off, off + len);
  }

  /** Whether these bytes start with {@code prefix}. */
  public boolean startsWith(Bytes prefix) {
    return len >= prefix.len
        && Arrays.equals(
            data, off, off + prefix.len, prefix.data, prefix.off, prefix.off + prefix.len);
  }

  /** Constant-time comparison, for comparing MACs or hashes. */
  public boolean constantTimeEquals(Bytes other) {
    if (len != other.len) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= data[off + i] ^ other.data[other.off + i];
    }
    return diff == 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Bytes other
        && Arrays.equals(data, off, off + len, other.data, other.off, other.off + other.len);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0 && len > 0) {
      h = 1;
      for (int i = off; i < off + len; i++) {
        h = 31 * h + data[i];
      }
      hash = h;
    }
    return h;
  }

  /** Unsigned lexicographic order. */
  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(
        data, off, off + len, other.data, other.off, other.off + other.len);
  }

  @Override
  public String toString() {
    if (len <= TO_STRING_LIMIT) {
      return "[size=" + len + " hex=" + hex() + "]";
    }
    return "[size="
        + len
        + " hex="
        + UPPER_HEX.formatHex(data, off, off + TO_STRING_LIMIT)
        + "\u2026]";
  }

  /**
   * A {@code ByteArrayInputStream} whose {@code transferTo} writes copies: the JDK 17 one passes
   * its buffer (our backing array) straight to the target stream.
   */
  private static final class CopyingInputStream extends ByteArrayInputStream {
    CopyingInputStream(byte[] data, int off, int len) {
      super(data, off, len);
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
