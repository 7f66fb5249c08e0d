package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.internal.EntryDecoding;
import io.github.smimekit.sst.internal.SstWriter;
import io.github.smimekit.sst.internal.X509;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a serialized store: a context (certificate, CRL or CTL) with its raw DER bytes and
 * its ordered properties. Immutable and thread-safe.
 *
 * <p>The DER is kept as read; decoding to {@link X509Certificate} happens on the first call of
 * {@link #certificate()}, and an entry a decoder refuses is still kept, listed and written back
 * (only {@link #certificate()} fails, for that entry alone). {@link #sha1()} always works.
 *
 * <p>Equality is over context type, DER and properties; {@link #offset()} and {@link
 * #elementIndex()} only record where an entry was read.
 */
public final class StoreEntry {
  private final ContextType type;
  private final Bytes encoded;
  // null until first asked for, for an entry read from a file: its properties are then made from
  // the wire bytes (already checked by the reader), so reading a store allocates nothing per
  // property
  private volatile @Nullable List<StoreProperty> properties;
  // for lazily made properties: where the context element starts in the wire, and the input offset
  // of the wire's first byte (-1 when the entry was not read from a file)
  private final int contextStart;
  private final long wireOffset;
  private final long offset;
  private final int elementIndex;
  private final long encodedSize; // computed once: writers size their output from it
  // the entry's elements exactly as a file holds them (encoding 1), when they are in one piece:
  // a slice of the input it was read from, or the array a profile packed it into
  private final @Nullable Bytes wire;
  private volatile @Nullable Thumbprint sha1;
  private volatile @Nullable Object decoded; // X509Certificate, X509CRL or a String reason

  private StoreEntry(
      ContextType type,
      Bytes encoded,
      List<StoreProperty> properties,
      long offset,
      int elementIndex,
      @Nullable Bytes wire) {
    this.type = type;
    this.encoded = encoded;
    this.properties = properties;
    this.contextStart = -1;
    this.wireOffset = -1;
    this.offset = offset;
    this.elementIndex = elementIndex;
    long n = 12L + encoded.size();
    for (StoreProperty p : properties) {
      n += 12L + p.length();
    }
    this.encodedSize = n;
    this.wire = wire != null && wire.size() == n ? wire : null;
  }

  /**
   * An entry over {@code wire}, its elements exactly as a file holds them (each header checked by
   * the reader or written by us, encoding 1): properties from 0 to {@code contextStart}, then the
   * context element. The properties are made on first use.
   */
  private StoreEntry(
      ContextType type,
      Bytes wire,
      int contextStart,
      long wireOffset,
      long offset,
      int elementIndex) {
    this.type = type;
    this.encoded = wire.slice(contextStart + 12, wire.size());
    this.properties = contextStart == 0 ? List.of() : null;
    this.contextStart = contextStart;
    this.wireOffset = wireOffset;
    this.offset = offset;
    this.elementIndex = elementIndex;
    this.encodedSize = wire.size();
    this.wire = wire;
  }

  /**
   * An entry read from a file whose elements are in one piece with encoding 1: {@code wire} holds
   * its property elements, then its context element at {@code contextStart}; {@code wireOffset} is
   * where {@code wire} starts in the input. The reader has checked every element header.
   */
  static StoreEntry readWire(
      ContextType type, Bytes wire, int contextStart, long wireOffset, int index) {
    return new StoreEntry(type, wire, contextStart, wireOffset, wireOffset + contextStart, index);
  }

  /**
   * This entry over {@code wire}: its elements as {@link #wire()} would give them, placed in a
   * store's one array. Offsets where it was read, and what was decoded, are kept.
   */
  StoreEntry rehomed(Bytes wire) {
    int start = (int) (encodedSize - 12 - encoded.size());
    // in a file the properties lie just before the context element, as in the wire
    StoreEntry e =
        new StoreEntry(type, wire, start, offset < 0 ? -1 : offset - start, offset, elementIndex);
    e.sha1 = sha1;
    e.decoded = decoded;
    return e;
  }

  /**
   * The property elements in {@code src} from {@code from} to {@code to}, whose headers the reader
   * has checked; {@code base} + their position is their offset in the input (none when {@code base}
   * is negative).
   */
  static List<StoreProperty> readProperties(Bytes src, int from, int to, long base) {
    if (from == to) {
      return List.of();
    }
    ByteBuffer b = src.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<StoreProperty> out = new ArrayList<>();
    int pos = from;
    while (pos < to) {
      int id = b.getInt(pos);
      int n = b.getInt(pos + 8);
      Bytes value = n == 0 ? Bytes.EMPTY : src.slice(pos + 12, pos + 12 + n);
      out.add(StoreProperty.read(id, value, base < 0 ? -1 : base + pos));
      pos += 12 + n;
    }
    return List.copyOf(out);
  }

  /**
   * An entry from its parts.
   *
   * @throws IllegalArgumentException if {@code encoded} is empty or two properties share an id
   */
  public static StoreEntry of(ContextType type, Bytes encoded, List<StoreProperty> properties) {
    requireNonNull(type, "type");
    requireNonNull(encoded, "encoded");
    if (encoded.isEmpty()) {
      throw new IllegalArgumentException("empty " + type.label() + " encoding");
    }
    List<StoreProperty> copy = List.copyOf(properties);
    for (int i = 0; i < copy.size(); i++) {
      for (int j = i + 1; j < copy.size(); j++) {
        if (copy.get(i).id() == copy.get(j).id()) {
          throw new IllegalArgumentException("duplicate property id " + copy.get(i).id());
        }
      }
    }
    return new StoreEntry(type, encoded, copy, -1, -1, null);
  }

  /**
   * {@link #of}, with the property and context elements laid out in one array as a file holds them
   * (the values are slices of it), so writing the entry is one copy. For entries made in bulk
   * (profiles), where the values are fresh arrays anyway.
   */
  static StoreEntry packed(ContextType type, Bytes encoded, List<StoreProperty> properties) {
    StoreEntry plain = of(type, encoded, properties);
    if (plain.encodedSize > Integer.MAX_VALUE - 8) {
      return plain;
    }
    byte[] b = new byte[(int) plain.encodedSize];
    int pos = 0;
    for (StoreProperty p : plain.properties()) {
      pos = SstWriter.element(b, pos, p.id(), p.value());
    }
    SstWriter.element(b, pos, type.code(), encoded);
    return new StoreEntry(type, SstWriter.adopt(b), pos, -1, -1, -1);
  }

  /** A certificate entry without properties from raw DER (not decoded). */
  public static StoreEntry certificate(Bytes der) {
    return of(ContextType.CERTIFICATE, der, List.of());
  }

  /** A certificate entry without properties. */
  public static StoreEntry certificate(X509Certificate certificate) {
    return certificate(encode(certificate));
  }

  /** A CRL entry without properties. */
  public static StoreEntry crl(X509CRL crl) {
    requireNonNull(crl, "crl");
    try {
      return of(ContextType.CRL, Bytes.copyOf(crl.getEncoded()), List.of());
    } catch (CRLException e) {
      throw new IllegalArgumentException("crl cannot be encoded", e);
    }
  }

  /** Used by the reader (duplicate ids in a file are kept as they are). */
  static StoreEntry read(
      ContextType type,
      Bytes encoded,
      List<StoreProperty> properties,
      long offset,
      int index,
      @Nullable Bytes wire) {
    return new StoreEntry(type, encoded, List.copyOf(properties), offset, index, wire);
  }

  /** The entry's elements as a file holds them, when held in one piece; else null. */
  @Nullable Bytes wire() {
    return wire;
  }

  static Bytes encode(X509Certificate certificate) {
    requireNonNull(certificate, "certificate");
    return Certificates.encodeDer(certificate);
  }

  /** Whether this is a certificate, CRL or CTL. */
  public ContextType contextType() {
    return type;
  }

  /** Whether this entry holds a certificate. */
  public boolean isCertificate() {
    return type == ContextType.CERTIFICATE;
  }

  /** The raw DER of the certificate, CRL or CTL, exactly as stored. */
  public Bytes encoded() {
    return encoded;
  }

  /** The properties in stored order. */
  public List<StoreProperty> properties() {
    List<StoreProperty> p = properties;
    if (p == null) {
      p = readProperties(requireNonNull(wire, "wire"), 0, contextStart, wireOffset);
      properties = p;
    }
    return p;
  }

  /** The first property with this id. */
  public Optional<StoreProperty> property(int id) {
    for (StoreProperty p : properties()) {
      if (p.id() == id) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first property with this id. */
  public Optional<StoreProperty> property(PropertyId id) {
    return property(id.code());
  }

  /** The friendly name (property 11), if set. */
  public Optional<String> friendlyName() {
    return property(PropertyId.FRIENDLY_NAME).map(StoreProperty::utf16Text);
  }

  /** The description (property 13), if set. */
  public Optional<String> description() {
    return property(PropertyId.DESCRIPTION).map(StoreProperty::utf16Text);
  }

  /** The Windows-side enhanced key usage restriction (property 9) as OIDs, if set. */
  public Optional<List<String>> enhancedKeyUsageRestriction() {
    return property(PropertyId.ENHKEY_USAGE).map(StoreProperty::oids);
  }

  /** The key identifier (property 20), if set. */
  public Optional<Bytes> keyIdentifier() {
    return property(PropertyId.KEY_IDENTIFIER).map(StoreProperty::value);
  }

  /** The SHA-1 thumbprint of the DER, computed (never taken from property 3). */
  public Thumbprint sha1() {
    Thumbprint s = sha1;
    if (s == null) {
      s =
          Thumbprint.of(
              Thumbprint.Algorithm.SHA1,
              Bytes.copyOf(X509.digest("SHA-1", encoded.asReadOnlyBuffer())));
      sha1 = s;
    }
    return s;
  }

  /** Byte offset of the context element's 12-byte header in the input this entry was read from. */
  public OptionalLong offset() {
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /** 0-based index of the context element in the input this entry was read from. */
  public OptionalInt elementIndex() {
    return elementIndex < 0 ? OptionalInt.empty() : OptionalInt.of(elementIndex);
  }

  /**
   * The certificate, decoded on first use with smime-core's {@link
   * io.github.smimekit.core.Certificates} (the same acceptance rules as {@code cert info}). The
   * entry's bytes must be exactly one DER certificate, nested at most 64 levels deep.
   *
   * @throws IllegalStateException if this entry is not a certificate
   * @throws SstFormatException ({@link SstProblem#UNDECODABLE_CONTEXT}) if its DER cannot be
   *     decoded; the rest of the store is unaffected
   */
  public X509Certificate certificate() {
    if (type != ContextType.CERTIFICATE) {
      throw new IllegalStateException("entry is a " + type.label() + ", not a certificate");
    }
    Object d = decoded;
    if (d == null) {
      d = EntryDecoding.certificate(encoded);
      decoded = d;
    }
    if (d instanceof String reason) {
      throw undecodable("certificate", reason);
    }
    return (X509Certificate) d;
  }

  /** The certificate if it can be decoded, else empty. */
  public Optional<X509Certificate> tryCertificate() {
    if (type != ContextType.CERTIFICATE) {
      return Optional.empty();
    }
    Object d = decoded;
    if (d == null) {
      d = EntryDecoding.certificate(encoded);
      decoded = d;
    }
    return d instanceof X509Certificate c ? Optional.of(c) : Optional.empty();
  }

  /**
   * Why {@link #certificate()} (or {@link #crl()}) fails for this entry, without throwing; empty
   * when it decodes, and for a CTL.
   */
  public Optional<String> decodingProblem() {
    if (type == ContextType.CTL) {
      return Optional.empty();
    }
    Object d = decoded;
    if (d == null) {
      d =
          type == ContextType.CERTIFICATE
              ? EntryDecoding.certificate(encoded)
              : X509.crl(encoded.toByteArray());
      decoded = d;
    }
    return d instanceof String reason ? Optional.of(reason) : Optional.empty();
  }

  /**
   * The CRL, decoded by the JDK on first use (after the same framing and depth checks as
   * certificates).
   *
   * @throws IllegalStateException if this entry is not a CRL
   * @throws SstFormatException if its DER cannot be decoded
   */
  public X509CRL crl() {
    if (type != ContextType.CRL) {
      throw new IllegalStateException("entry is a " + type.label() + ", not a crl");
    }
    Object d = decoded;
    if (d == null) {
      d = X509.crl(encoded.toByteArray());
      decoded = d;
    }
    if (d instanceof String reason) {
      throw undecodable("crl", reason);
    }
    return (X509CRL) d;
  }

  private SstFormatException undecodable(String what, String reason) {
    String where =
        elementIndex >= 0
            ? "sst element #" + elementIndex + " at offset " + offset + ": "
            : "sst entry: ";
    return new SstFormatException(
        SstProblem.UNDECODABLE_CONTEXT,
        where + what + " (sha1 " + sha1() + ") cannot be decoded: " + reason,
        offset,
        elementIndex,
        null);
  }

  /** A copy with {@code property} added, or replacing the first property with the same id. */
  public StoreEntry withProperty(StoreProperty property) {
    requireNonNull(property, "property");
    List<StoreProperty> list = new ArrayList<>(properties());
    boolean replaced = false;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id() == property.id()) {
        list.set(i, property);
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      list.add(property);
    }
    return new StoreEntry(type, encoded, List.copyOf(list), -1, -1, null);
  }

  /** A copy without any property with this id. */
  public StoreEntry withoutProperty(int id) {
    List<StoreProperty> list = new ArrayList<>(properties());
    list.removeIf(p -> p.id() == id);
    return new StoreEntry(type, encoded, List.copyOf(list), -1, -1, null);
  }

  /** A copy with the friendly name (property 11) set. */
  public StoreEntry withFriendlyName(String name) {
    return withProperty(StoreProperty.friendlyName(name));
  }

  /** A copy with the description (property 13) set. */
  public StoreEntry withDescription(String description) {
    return withProperty(StoreProperty.description(description));
  }

  /** A copy with the given properties, in this order, instead of the current ones. */
  public StoreEntry withProperties(List<StoreProperty> properties) {
    return of(type, encoded, properties);
  }

  /** The number of bytes this entry takes in a file: its properties and its context element. */
  public long encodedSize() {
    return encodedSize;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StoreEntry other
        && type == other.type
        && encoded.equals(other.encoded)
        && properties().equals(other.properties());
  }

  @Override
  public int hashCode() {
    return (type.hashCode() * 31 + encoded.hashCode()) * 31 + properties().hashCode();
  }

  @Override
  public String toString() {
    return "StoreEntry["
        + type.label()
        + " sha1="
        + sha1().hex()
        + ", properties="
        + properties().stream().map(p -> Integer.toString(p.id())).toList()
        + (offset >= 0 ? ", offset=" + offset : "")
        + "]";
  }
}
