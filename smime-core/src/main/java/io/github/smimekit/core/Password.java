package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.jspecify.annotations.Nullable;

/**
 * A password, held as a {@code char[]} that {@link #destroy()} overwrites.
 *
 * <p>It never becomes a {@code String}, {@code toString()} prints {@code Password[***]}, and {@code
 * equals}/{@code hashCode} are identity-based, so a password cannot leak through logs, maps or
 * exception messages. Methods that take a {@code Password} use it for the call only and keep no
 * copy.
 */
public final class Password implements Destroyable {
  private final char[] chars;
  private volatile boolean destroyed;

  private Password(char[] chars) {
    this.chars = chars;
  }

  /** A password holding a copy of {@code chars}; the caller may wipe its array afterwards. */
  public static Password of(char[] chars) {
    requireNonNull(chars, "chars");
    return new Password(chars.clone());
  }

  /**
   * A password holding the characters of {@code password}, for callers that already hold it as a
   * {@code String} (which cannot be wiped; prefer {@link #of(char[])} where you can).
   *
   * @param password the password
   * @return a new password
   */
  public static Password of(String password) {
    requireNonNull(password, "password");
    return new Password(password.toCharArray());
  }

  /**
   * A password from a UTF-8 file ({@link #fromUtf8(byte[])}), read with {@link Bytes#read(Path,
   * long)}'s bound: the size is checked while reading, so {@code /dev/zero} or a FIFO cannot fill
   * the heap. The bytes read are wiped.
   *
   * @param file the password file
   * @param maxBytes the largest file accepted
   * @return the password
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if it is larger than {@code maxBytes} or not UTF-8
   */
  public static Password readUtf8(Path file, long maxBytes) throws IOException {
    byte[] bytes = Bytes.readArray(file, maxBytes);
    try {
      return fromUtf8(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The empty password (what Windows writes for "no password"). */
  public static Password empty() {
    return new Password(new char[0]);
  }

  /**
   * A password from the UTF-8 bytes of a file or environment variable. A leading byte order mark
   * (as old Windows editors write) and one trailing line break ({@code \n} or {@code \r\n}) are
   * dropped, as {@code --password-file} conventions expect. The input array is not modified; wipe
   * it yourself.
   *
   * @throws SmimeFormatException if the bytes are not valid UTF-8 (for example a Latin-1 file); the
   *     message says where, never what
   */
  public static Password fromUtf8(byte[] utf8) {
    requireNonNull(utf8, "utf8");
    int start = 0;
    if (utf8.length >= 3
        && (utf8[0] & 0xFF) == 0xEF
        && (utf8[1] & 0xFF) == 0xBB
        && (utf8[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    int end = utf8.length;
    if (end > start && utf8[end - 1] == '\n') {
      end--;
      if (end > start && utf8[end - 1] == '\r') {
        end--;
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer decoded;
    try {
      decoded = decoder.decode(ByteBuffer.wrap(utf8, start, end - start));
    } catch (CharacterCodingException e) {
      throw new SmimeFormatException("password is not valid UTF-8 text");
    }
    char[] chars = new char[decoded.remaining()];
    decoded.get(chars);
    if (decoded.hasArray()) {
      Arrays.fill(decoded.array(), '\0');
    }
    return new Password(chars);
  }

  /**
   * A copy of the characters. The caller owns the copy and should wipe it ({@code Arrays.fill(c,
   * '\0')}) as soon as it is no longer needed.
   *
   * @throws IllegalStateException if the password was destroyed
   */
  public char[] toCharArray() {
    checkNotDestroyed();
    return chars.clone();
  }

  /** The number of characters. */
  public int length() {
    checkNotDestroyed();
    return chars.length;
  }

  /** Whether this is the empty password. */
  public boolean isEmpty() {
    return length() == 0;
  }

  /** Overwrites the characters; the password cannot be used afterwards. */
  @Override
  public void destroy() {
    Arrays.fill(chars, '\0');
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkNotDestroyed() {
    if (destroyed) {
      throw new IllegalStateException("password was destroyed");
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "Password[***]";
  }
}
