package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.internal.Der;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One property of a store entry: an id (1 to 0xFFFF, not 32/33/34) and its raw value, kept byte for
 * byte. Typed accessors decode the value for the known layouts (UTF-16 text, FILETIME, u32, OID
 * lists); unknown and user ids are opaque.
 *
 * <p>Key-link properties (ids 1, 2, 5, 6, 78, 79, 99, 100, see {@link PropertyId#isKeyLink(long)})
 * name a private key's container and provider but hold no key material; they are kept opaque like
 * any other property, and {@link SerializedStore#withoutKeyLinks()} removes them.
 *
 * <p>Equality is over id and value only; {@link #offset()} records where a property was read.
 */
public final class StoreProperty {
  private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

  private final int id;
  private final Bytes value;
  private final long offset;

  private StoreProperty(int id, Bytes value, long offset) {
    this.id = id;
    this.value = value;
    this.offset = offset;
  }

  /**
   * A property with any allowed id.
   *
   * @throws IllegalArgumentException if {@code id} is not 1 to 0xFFFF or is a context id (32, 33,
   *     34)
   */
  public static StoreProperty of(int id, Bytes value) {
    return new StoreProperty(checkId(id), requireNonNull(value, "value"), -1);
  }

  /** A property with a known id. */
  public static StoreProperty of(PropertyId id, Bytes value) {
    return of(requireNonNull(id, "id").code(), value);
  }

  /** Used by the reader: a property read at {@code offset}. Not for general use. */
  static StoreProperty read(int id, Bytes value, long offset) {
    return new StoreProperty(id, value, offset);
  }

  /** UTF-16LE text with a terminating NUL, as Windows writes names and descriptions. */
  public static StoreProperty utf16(PropertyId id, String text) {
    requireNonNull(text, "text");
    byte[] chars = (text + '\0').getBytes(StandardCharsets.UTF_16LE);
    return of(id, Bytes.copyOf(chars));
  }

  /** {@link PropertyId#FRIENDLY_NAME} (11). */
  public static StoreProperty friendlyName(String name) {
    return utf16(PropertyId.FRIENDLY_NAME, name);
  }

  /** {@link PropertyId#DESCRIPTION} (13). */
  public static StoreProperty description(String description) {
    return utf16(PropertyId.DESCRIPTION, description);
  }

  /** A FILETIME value (100 ns units since 1601-01-01T00:00:00Z, little-endian). */
  public static StoreProperty fileTime(PropertyId id, Instant time) {
    requireNonNull(time, "time");
    long seconds = time.getEpochSecond() + FILETIME_EPOCH_OFFSET_SECONDS;
    if (seconds < 0) {
      throw new IllegalArgumentException("time before 1601: " + time);
    }
    long ticks = Math.addExact(Math.multiplyExact(seconds, 10_000_000L), time.getNano() / 100);
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (ticks >>> (8 * i));
    }
    return of(id, Bytes.copyOf(b));
  }

  /** An unsigned 32-bit little-endian value (0 to 0xFFFFFFFF). */
  public static StoreProperty u32(PropertyId id, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("not an unsigned 32-bit value: " + value);
    }
    byte[] b = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    return of(id, Bytes.copyOf(b));
  }

  /** A DER {@code SEQUENCE OF OBJECT IDENTIFIER} (e.g. {@link PropertyId#ENHKEY_USAGE}). */
  public static StoreProperty oids(PropertyId id, List<String> oids) {
    return of(id, Bytes.copyOf(Der.encodeOidSequence(List.copyOf(oids))));
  }

  /** {@link PropertyId#ENHKEY_USAGE} (9): a Windows-side restriction of the usages. */
  public static StoreProperty enhancedKeyUsage(List<String> oids) {
    return oids(PropertyId.ENHKEY_USAGE, oids);
  }

  private static int checkId(int id) {
    if (id < 1 || id > 0xFFFF) {
      throw new IllegalArgumentException("property id out of range 1..0xFFFF: " + id);
    }
    if (ContextType.fromCode(id).isPresent()) {
      throw new IllegalArgumentException("id " + id + " is a context id, not a property id");
    }
    return id;
  }

  /** The numeric id. */
  public int id() {
    return id;
  }

  /** Whether this is a key-link property (see {@link PropertyId#isKeyLink(long)}). */
  public boolean isKeyLink() {
    return PropertyId.isKeyLink(id);
  }

  /** The known id, if this is one. */
  public Optional<PropertyId> knownId() {
    return PropertyId.fromCode(id);
  }

  /** Display name: see {@link PropertyId#nameOf(long)}. */
  public String name() {
    return PropertyId.nameOf(id);
  }

  /** The raw value. */
  public Bytes value() {
    return value;
  }

  /** The value's length in bytes. */
  public int length() {
    return value.size();
  }

  /** Byte offset of this property's 12-byte element header in the input it was read from. */
  public OptionalLong offset() {
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /**
   * The value as UTF-16LE text, without its terminating NUL (a value without one is accepted).
   *
   * @throws SstFormatException if the length is odd
   */
  public String utf16Text() {
    int n = value.size();
    if (n % 2 != 0) {
      throw malformed("utf-16 value of odd length " + n);
    }
    String s = new String(value.toByteArray(), StandardCharsets.UTF_16LE);
    return s.endsWith("\0") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * The value as a FILETIME; empty for a 0-length value (Windows writes those for 104 and 126).
   *
   * @throws SstFormatException if the length is neither 0 nor 8
   */
  public Optional<Instant> fileTime() {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.size() != 8) {
      throw malformed("filetime value of length " + value.size() + ", expected 8");
    }
    long ticks = 0;
    for (int i = 7; i >= 0; i--) {
      ticks = (ticks << 8) | (value.byteAt(i) & 0xFF);
    }
    long seconds = Long.divideUnsigned(ticks, 10_000_000L);
    long rest = Long.remainderUnsigned(ticks, 10_000_000L);
    return Optional.of(Instant.ofEpochSecond(seconds - FILETIME_EPOCH_OFFSET_SECONDS, rest * 100));
  }

  /**
   * The value as an unsigned 32-bit little-endian integer.
   *
   * @throws SstFormatException if the length is not 4
   */
  public long u32() {
    if (value.size() != 4) {
      throw malformed("u32 value of length " + value.size() + ", expected 4");
    }
    return (value.byteAt(0) & 0xFFL)
        | (value.byteAt(1) & 0xFFL) << 8
        | (value.byteAt(2) & 0xFFL) << 16
        | (value.byteAt(3) & 0xFFL) << 24;
  }

  /**
   * The value as a DER {@code SEQUENCE OF OBJECT IDENTIFIER}, in dotted form.
   *
   * @throws SstFormatException if the value is not one
   */
  public List<String> oids() {
    try {
      return Der.decodeOidSequence(value.toByteArray());
    } catch (Der.OidException e) {
      String where =
          offset >= 0
              ? " at offset " + (offset + 12 + e.offset())
              : " at value offset " + e.offset();
      throw new SstFormatException(
          SstProblem.MALFORMED_PROPERTY_VALUE,
          "property "
              + id
              + " ("
              + name()
              + ")"
              + where
              + ": not a der sequence of oids: "
              + e.getMessage(),
          offset,
          -1,
          e);
    }
  }

  private SstFormatException malformed(String what) {
    return new SstFormatException(
        SstProblem.MALFORMED_PROPERTY_VALUE,
        "property " + id + " (" + name() + "): " + what,
        offset,
        -1,
        null);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StoreProperty other && id == other.id && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return 31 * id + value.hashCode();
  }

  @Override
  public String toString() {
    return "StoreProperty[" + id + " " + name() + ", length=" + value.size() + "]";
  }
}
