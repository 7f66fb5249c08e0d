package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificateBundleReader;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.internal.Der;
import io.github.smimekit.sst.internal.ProfileValues;
import io.github.smimekit.sst.internal.SstBundleReader;
import io.github.smimekit.sst.internal.SstReader;
import io.github.smimekit.sst.internal.SstWriter;
import io.github.smimekit.sst.internal.X509;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A Microsoft serialized certificate store ({@code .sst}): an immutable, ordered list of {@link
 * StoreEntry entries}, each a certificate, CRL or CTL with its properties.
 *
 * <pre>{@code
 * SerializedStore sst = SerializedStore.read(Path.of("roots.sst"), SstReadOptions.strict());
 * for (StoreEntry e : sst.entries()) { ... e.offset(), e.sha1(), e.properties() ... }
 * SerializedStore mine = SerializedStore.builder(StoreProfile.MINIMAL).add(root).add(issuing).build();
 * mine.write(out);                          // deterministic bytes
 * }</pre>
 *
 * <p>Reading keeps every entry and property as it is in the file (unknown and user ids included,
 * zero-length values included, in file order), so {@link #write} of a store that was read gives the
 * input back byte for byte. Hash properties are never trusted: {@link #verify()} recomputes them.
 *
 * <p>Equality is over the entries only; {@link #warnings()} and the read offsets are not part of
 * it.
 */
public final class SerializedStore {
  private static final SerializedStore EMPTY = new SerializedStore(List.of(), List.of(), null);
  private static final HexFormat HEX = HexFormat.of();

  private final List<StoreEntry> entries;
  private final List<SstWarning> warnings;
  // the whole file in one piece, when the store has it: the input of a read without deviations, or
  // the array a builder laid its entries out in. Entries' values are slices of it, so it costs no
  // memory of its own, and writing is one copy.
  private final @Nullable Bytes encoding;

  private SerializedStore(
      List<StoreEntry> entries, List<SstWarning> warnings, @Nullable Bytes encoding) {
    this.entries = entries;
    this.warnings = warnings;
    this.encoding = encoding;
  }

  // ---------------------------------------------------------------- reading

  /** The store with no entries (encodes to 20 bytes: header and end marker). */
  public static SerializedStore empty() {
    return EMPTY;
  }

  /** Reads a store strictly with the default limits. */
  public static SerializedStore read(Bytes data) {
    return read(data, SstReadOptions.defaults());
  }

  /**
   * Reads a store. Entry and property values share the bytes of {@code data} (no copy per value).
   *
   * @throws SstFormatException if the bytes are not a valid store under {@code options}, with the
   *     offset and element index of the problem
   */
  public static SerializedStore read(Bytes data, SstReadOptions options) {
    requireNonNull(data, "data");
    requireNonNull(options, "options");
    checkSize(data.size(), options);
    return assemble(data, false, options);
  }

  /**
   * Reads a store from the rest of {@code in} (not closed); at most {@link
   * SstReadOptions#limits()}{@code .maxInputBytes()} bytes are read before a {@link
   * SstFormatException}.
   */
  public static SerializedStore read(InputStream in, SstReadOptions options) throws IOException {
    requireNonNull(in, "in");
    requireNonNull(options, "options");
    return read(readBounded(in, options.limits().maxInputBytes()), options);
  }

  /** Reads a store from a file strictly with the default limits. */
  public static SerializedStore read(Path path) throws IOException {
    return read(path, SstReadOptions.defaults());
  }

  /**
   * Reads a store from a file; the size limit is checked before and while reading (a FIFO or device
   * whose size is unknown is bounded too).
   */
  public static SerializedStore read(Path path, SstReadOptions options) throws IOException {
    return read(readFile(path, options), options);
  }

  /**
   * Reads a bare element stream without the 8-byte store header, as written by {@code
   * CertSerializeCertificateStoreElement} (.NET {@code X509ContentType.SerializedCert}); the end
   * marker is optional. Such bytes are not an {@code .sst}; {@link #read} refuses them.
   */
  public static SerializedStore readHeaderlessElements(Bytes data, SstReadOptions options) {
    requireNonNull(data, "data");
    requireNonNull(options, "options");
    checkSize(data.size(), options);
    return assemble(data, true, options);
  }

  static void checkSize(long size, SstReadOptions options) {
    if (size > options.limits().maxInputBytes()) {
      throw new SstFormatException(
          SstProblem.LIMIT_EXCEEDED,
          "input of " + size + " bytes is over the limit of " + options.limits().maxInputBytes(),
          0,
          -1,
          null);
    }
  }

  /**
   * Parses {@code parse}; entry and property values are slices of {@code whole} (the same bytes,
   * immutable), or of one copy of {@code parse} made once the input passed the size limit.
   */
  static SerializedStore assemble(Bytes data, boolean headerless, SstReadOptions options) {
    Assembler a = new Assembler(data);
    SstReader.read(data, headerless, options, a);
    return a.build(headerless);
  }

  static Bytes readFile(Path path, SstReadOptions options) throws IOException {
    requireNonNull(path, "path");
    requireNonNull(options, "options");
    long size = Files.size(path);
    if (size > options.limits().maxInputBytes()) {
      throw new SstFormatException(
          SstProblem.LIMIT_EXCEEDED,
          path
              + ": file of "
              + size
              + " bytes is over the limit of "
              + options.limits().maxInputBytes(),
          0,
          -1,
          null);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return readBounded(in, options.limits().maxInputBytes());
    }
  }

  static Bytes readBounded(InputStream in, long max) throws IOException {
    try {
      return Bytes.read(in, max);
    } catch (SstFormatException e) {
      throw e;
    } catch (SmimeFormatException e) {
      throw new SstFormatException(SstProblem.LIMIT_EXCEEDED, e.getMessage(), 0, -1, e);
    }
  }

  /** Collects the reader's elements into entries; values are slices of the input. */
  private static final class Assembler implements SstReader.Sink {
    private final Bytes whole;
    private final List<StoreEntry> entries = new ArrayList<>();
    private final Warnings warnings = new Warnings();
    // where the pending entry's first property starts (-1: none pending; the pending properties are
    // the elements from here to the next context element), and whether its elements so far are
    // exactly what a writer writes (no warning among them: encoding 1)
    private int entryStart = -1;
    private boolean clean = true;

    Assembler(Bytes whole) {
      this.whole = whole;
    }

    @Override
    public void property(int id, int valueOffset, int length, long headerOffset, int index) {
      // nothing made per property: an entry makes its properties from its elements when asked
      if (entryStart < 0) {
        entryStart = (int) headerOffset;
      }
    }

    @Override
    public void context(
        ContextType type, int valueOffset, int length, long headerOffset, int index) {
      int header = (int) headerOffset;
      int start = entryStart < 0 ? header : entryStart;
      int end = valueOffset + length;
      if (clean) {
        entries.add(
            StoreEntry.readWire(type, whole.slice(start, end), header - start, start, index));
      } else {
        entries.add(
            StoreEntry.read(
                type,
                whole.slice(valueOffset, end),
                StoreEntry.readProperties(whole, start, header, 0),
                headerOffset,
                index,
                null));
      }
      reset();
    }

    @Override
    public void warning(SstProblem problem, long offset, int index, String message) {
      clean = false;
      warnings.add(problem, offset, index, message);
    }

    @Override
    public void dropPendingProperties() {
      reset();
    }

    private void reset() {
      entryStart = -1;
      clean = true;
    }

    SerializedStore build(boolean headerless) {
      if (entries.isEmpty() && warnings.isEmpty()) {
        return EMPTY;
      }
      // a store file read without a deviation is header, entries, end marker and nothing else:
      // exactly what writing the entries gives back
      Bytes encoding = !headerless && warnings.isEmpty() ? whole : null;
      return new SerializedStore(List.copyOf(entries), warnings.list(), encoding);
    }
  }

  /**
   * The warnings of one read, summarised: a problem seen up to {@value #WARNINGS_PER_PROBLEM} times
   * gives one warning each; more often, one warning with the count and the first indices, so a file
   * of 100,000 deviations gives one warning, not 100,000.
   */
  static final class Warnings {
    private static SstWarning summary(Seen s) {
      SstWarning w = s.first.get(0);
      StringBuilder where = new StringBuilder();
      for (SstWarning f : s.first.subList(0, INDICES_SHOWN)) {
        where.append(where.length() == 0 ? "" : ", ");
        where.append(f.elementIndex() >= 0 ? "#" + f.elementIndex() : "offset " + f.offset());
      }
      return new SstWarning(
          w.problem(),
          w.offset(),
          w.elementIndex(),
          s.count
              + " warnings of this kind (first at elements "
              + where
              + ", ...); the first: "
              + w.message());
    }

    static final int WARNINGS_PER_PROBLEM = 20;

    /** Element indices a summary names. */
    static final int INDICES_SHOWN = 5;

    private final java.util.Map<SstProblem, Seen> seen = new java.util.EnumMap<>(SstProblem.class);
    private final List<SstWarning> kept = new ArrayList<>(); // the first few of each, file order

    private static final class Seen {
      final List<SstWarning> first = new ArrayList<>(WARNINGS_PER_PROBLEM);
      int count;
      int firstKept = -1;
    }

    void add(SstProblem problem, long offset, int index, String message) {
      Seen s = seen.computeIfAbsent(problem, p -> new Seen());
      s.count++;
      if (s.first.size() < WARNINGS_PER_PROBLEM) {
        SstWarning w = new SstWarning(problem, offset, index, message);
        if (s.first.isEmpty()) {
          s.firstKept = kept.size();
        }
        s.first.add(w);
        kept.add(w);
      }
    }

    boolean isEmpty() {
      return seen.isEmpty();
    }

    List<SstWarning> list() {
      List<SstWarning> out = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        SstWarning w = kept.get(i);
        Seen s = seen.get(w.problem());
        if (s == null || s.count <= WARNINGS_PER_PROBLEM) {
          out.add(w);
        } else if (s.firstKept == i) {
          out.add(summary(s));
        }
      }
      return List.copyOf(out);
    }
  }

  /**
   * The reader that lets a {@link io.github.smimekit.core.CertificatePool} take certificates from
   * {@code .sst} files: pass it to {@code CertificatePool.builder().readers(...)}. It recognises
   * the 8-byte store header and reads strictly with the default limits; an entry that cannot be
   * decoded is an error. smimekit registers no reader through {@link java.util.ServiceLoader}: a
   * jar on the class path must not be able to supply trust anchors.
   *
   * <pre>{@code
   * CertificatePool pool =
   *     CertificatePool.builder().readers(List.of(SerializedStore.bundleReader())).add(path).build();
   * }</pre>
   *
   * @return a stateless, thread-safe reader
   */
  public static CertificateBundleReader bundleReader() {
    return SstBundleReader.INSTANCE;
  }

  // ---------------------------------------------------------------- building

  /**
   * A builder for a new store whose certificates get no properties ({@link StoreProfile#MINIMAL}).
   */
  public static Builder builder() {
    return new Builder(StoreProfile.MINIMAL, List.of());
  }

  /** A builder for a new store; certificates added get the properties of {@code profile}. */
  public static Builder builder(StoreProfile profile) {
    return new Builder(requireNonNull(profile, "profile"), List.of());
  }

  /** A store of these certificates, in this order, with the properties of {@code profile}. */
  public static SerializedStore of(
      Collection<? extends X509Certificate> certificates, StoreProfile profile) {
    return builder(profile).addAll(certificates).build();
  }

  /**
   * A builder holding these entries; certificates added to it get {@link StoreProfile#MINIMAL}
   * unless {@link Builder#profile} says otherwise.
   */
  public Builder toBuilder() {
    return new Builder(StoreProfile.MINIMAL, entries);
  }

  // ---------------------------------------------------------------- access

  /**
   * Whether any entry carries a key-link property ({@link PropertyId#isKeyLink(long)}: the key
   * container and provider names a personal-store export writes for certificates with a private
   * key).
   *
   * @return true if at least one key-link property is present
   */
  public boolean hasKeyLinks() {
    for (StoreEntry e : entries) {
      for (StoreProperty p : e.properties()) {
        if (p.isKeyLink()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * This store without its key-link properties ({@link PropertyId#isKeyLink(long)}); every other
   * property and every entry is kept, in order. Use it before passing on a store exported from a
   * personal certificate store: the key container and provider names say which machine and key the
   * certificates came from. Returns this store when it has none.
   *
   * @return the store without key links
   */
  public SerializedStore withoutKeyLinks() {
    if (!hasKeyLinks()) {
      return this;
    }
    List<StoreEntry> out = new ArrayList<>(entries.size());
    for (StoreEntry e : entries) {
      List<StoreProperty> kept = new ArrayList<>();
      for (StoreProperty p : e.properties()) {
        if (!p.isKeyLink()) {
          kept.add(p);
        }
      }
      out.add(kept.size() == e.properties().size() ? e : e.withProperties(kept));
    }
    return new SerializedStore(List.copyOf(out), warnings, null);
  }

  /** The entries in file order. */
  public List<StoreEntry> entries() {
    return entries;
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** Whether the store has no entries. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The certificate entries, in order. */
  public List<StoreEntry> certificateEntries() {
    return entries.stream().filter(StoreEntry::isCertificate).toList();
  }

  /**
   * Every certificate, decoded, in order.
   *
   * @throws SstFormatException for the first certificate that cannot be decoded
   */
  public List<X509Certificate> certificates() {
    List<X509Certificate> out = new ArrayList<>();
    for (StoreEntry e : entries) {
      if (e.isCertificate()) {
        out.add(e.certificate());
      }
    }
    return List.copyOf(out);
  }

  /**
   * The first entry with this thumbprint: SHA-1 as Windows shows it, or SHA-256 (parse text with
   * {@link Thumbprint#parse}).
   */
  public Optional<StoreEntry> find(Thumbprint thumbprint) {
    requireNonNull(thumbprint, "thumbprint");
    for (StoreEntry e : entries) {
      if (matches(e, thumbprint)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static boolean matches(StoreEntry e, Thumbprint thumbprint) {
    if (thumbprint.algorithm() == Thumbprint.Algorithm.SHA1) {
      return e.sha1().equals(thumbprint);
    }
    return Thumbprint.of(
            thumbprint.algorithm(),
            Bytes.copyOf(
                X509.digest(thumbprint.algorithm().jcaName(), e.encoded().asReadOnlyBuffer())))
        .equals(thumbprint);
  }

  /** What lenient reading accepted; empty for a store that was built, and for a valid file. */
  public List<SstWarning> warnings() {
    return warnings;
  }

  // ---------------------------------------------------------------- writing

  /** The size of {@link #encode()} in bytes, computed without encoding. */
  public long encodedSize() {
    if (encoding != null) {
      return encoding.size();
    }
    long n = 8 + 12;
    for (StoreEntry e : entries) {
      n += e.encodedSize();
    }
    return n;
  }

  /**
   * Writes the store to {@code out} (not closed), element by element, without building a second
   * copy in memory. Deterministic: the same store always gives the same bytes.
   */
  public void write(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    if (encoding != null) {
      encoding.write(out);
      return;
    }
    SstWriter.write(entries, StoreEntry::wire, out);
  }

  /** Writes the store to a file, replacing it. */
  public void write(Path path) throws IOException {
    requireNonNull(path, "path");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024)) {
      write(out);
    }
  }

  /**
   * The encoded store: the bytes {@link #write(OutputStream)} writes, built in one exactly sized
   * array (no growing buffer, no second copy).
   *
   * @throws IllegalStateException if the store is larger than the largest Java array
   */
  public Bytes encode() {
    if (encoding != null) {
      return SstWriter.adopt(encoding.toByteArray());
    }
    long size = encodedSize();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("store of " + size + " bytes does not fit an array");
    }
    SstWriter.ArraySink sink = new SstWriter.ArraySink((int) size);
    try {
      SstWriter.write(entries, StoreEntry::wire, sink);
      return SstWriter.adopt(sink.array());
    } catch (IOException e) {
      throw new IllegalStateException("array sink failed", e);
    }
  }

  // ---------------------------------------------------------------- checks

  /**
   * Recomputes the hash properties of every entry and reports each one that differs: SHA-1 (3), MD5
   * (4), SHA-256 (107 and 98) of the DER, and for certificates the SHA-1 (or MD5, by length) of the
   * tbsCertificate (15), the MD5 of the public key bits (25) and of the subject name (29). Reading
   * never trusts these values; Windows recomputes them too.
   */
  public List<StoreFinding> verify() {
    List<StoreFinding> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      verifyEntry(i, entries.get(i), out);
    }
    return StoreFinding.summarise(out);
  }

  private static final int[] WHOLE_DER_HASHES = {3, 4, 98, 107};
  private static final int[] CERT_FIELD_HASHES = {15, 25, 29};

  private static void verifyEntry(int index, StoreEntry e, List<StoreFinding> out) {
    byte[] der = null;
    Der.CertFields fields = null;
    String fieldsError = null;
    for (StoreProperty p : e.properties()) {
      int id = p.id();
      boolean whole = contains(WHOLE_DER_HASHES, id);
      boolean field = e.isCertificate() && contains(CERT_FIELD_HASHES, id);
      if (!whole && !field) {
        continue;
      }
      if (der == null) {
        der = e.encoded().toByteArray();
      }
      byte[] expected;
      if (whole) {
        String alg = id == 3 ? "SHA-1" : id == 4 ? "MD5" : "SHA-256";
        expected = X509.digest(alg, der);
      } else {
        if (fields == null && fieldsError == null) {
          try {
            fields = Der.certFields(der);
          } catch (IllegalArgumentException ex) {
            fieldsError = ex.getMessage();
          }
        }
        if (fields == null) {
          out.add(
              finding(
                  StoreFinding.Code.HASH_NOT_CHECKABLE,
                  index,
                  e,
                  id,
                  "property "
                      + id
                      + " ("
                      + p.name()
                      + "): certificate structure not readable: "
                      + fieldsError));
          continue;
        }
        if (id == 15 && p.length() == 16) {
          expected = X509.digest("MD5", der, fields.tbsStart(), fields.tbsEnd());
        } else {
          expected = ProfileValues.value(PropertyId.fromCode(id).orElseThrow(), fields, null);
        }
      }
      if (!Arrays.equals(expected, p.value().toByteArray())) {
        out.add(
            finding(
                StoreFinding.Code.HASH_MISMATCH,
                index,
                e,
                id,
                "property "
                    + id
                    + " ("
                    + p.name()
                    + ") is "
                    + p.value().hex()
                    + " but the recomputed value is "
                    + HEX.withUpperCase().formatHex(expected)));
      }
    }
  }

  private static boolean contains(int[] ids, int id) {
    for (int i : ids) {
      if (i == id) {
        return true;
      }
    }
    return false;
  }

  private static StoreFinding finding(
      StoreFinding.Code code, int index, StoreEntry e, int propertyId, String message) {
    String where =
        "entry #" + index + (e.offset().isPresent() ? " at offset " + e.offset().getAsLong() : "");
    return new StoreFinding(
        code,
        index,
        e.offset().orElse(-1),
        Optional.of(e.sha1()),
        propertyId,
        where + ": " + message);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SerializedStore other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    long certs = entries.stream().filter(StoreEntry::isCertificate).count();
    return "SerializedStore[entries="
        + entries.size()
        + ", certificates="
        + certs
        + ", warnings="
        + warnings.size()
        + "]";
  }

  // ---------------------------------------------------------------- builder

  /**
   * Builds a {@link SerializedStore}. Entries keep the order they are added in; certificates added
   * as {@link X509Certificate} get the properties of the builder's {@link StoreProfile}. Adding a
   * certificate whose DER is already in the builder keeps the existing entry (like {@code
   * CERT_STORE_ADD_USE_EXISTING}).
   */
  public static final class Builder {
    private final List<StoreEntry> entries;
    private final Set<ContextKey> present = new HashSet<>();
    private StoreProfile profile;

    /** The identity of a context for de-duplication: its type and DER. */
    private record ContextKey(ContextType type, Bytes encoded) {}

    private Builder(StoreProfile profile, List<StoreEntry> entries) {
      this.profile = profile;
      this.entries = new ArrayList<>(entries);
      for (StoreEntry e : entries) {
        present.add(new ContextKey(e.contextType(), e.encoded()));
      }
    }

    /** The profile used for certificates added after this call. */
    public Builder profile(StoreProfile profile) {
      this.profile = requireNonNull(profile, "profile");
      return this;
    }

    /** Adds a certificate with the profile's properties. */
    public Builder add(X509Certificate certificate) {
      return addEntry(profile.entryFor(certificate, null));
    }

    /** Adds a certificate with the profile's properties and a friendly name (11). */
    public Builder add(X509Certificate certificate, String friendlyName) {
      requireNonNull(friendlyName, "friendlyName");
      return addEntry(profile.entryFor(certificate, friendlyName));
    }

    /** Adds certificates in order. */
    public Builder addAll(Collection<? extends X509Certificate> certificates) {
      for (X509Certificate c : certificates) {
        add(c);
      }
      return this;
    }

    /** Adds a CRL (no properties). */
    public Builder add(X509CRL crl) {
      return addEntry(StoreEntry.crl(crl));
    }

    /** Adds an entry as it is (its properties are not changed by the profile). */
    public Builder add(StoreEntry entry) {
      return addEntry(requireNonNull(entry, "entry"));
    }

    private Builder addEntry(StoreEntry entry) {
      if (present.add(new ContextKey(entry.contextType(), entry.encoded()))) {
        entries.add(entry);
      }
      return this;
    }

    private void removed() {
      present.clear();
      for (StoreEntry e : entries) {
        present.add(new ContextKey(e.contextType(), e.encoded()));
      }
    }

    /** Removes every entry with this thumbprint. */
    public Builder remove(Thumbprint thumbprint) {
      requireNonNull(thumbprint, "thumbprint");
      entries.removeIf(e -> matches(e, thumbprint));
      removed();
      return this;
    }

    /** Removes every entry matching {@code filter}. */
    public Builder removeIf(Predicate<StoreEntry> filter) {
      entries.removeIf(requireNonNull(filter, "filter"));
      removed();
      return this;
    }

    /**
     * Sets a property on the entry with this thumbprint (replacing a property with the same id).
     *
     * @throws IllegalArgumentException if no entry has this SHA-1
     */
    public Builder setProperty(Thumbprint sha1, StoreProperty property) {
      requireNonNull(property, "property");
      return replace(sha1, e -> e.withProperty(property));
    }

    /** Sets the friendly name (11) of the entry with this thumbprint. */
    public Builder setFriendlyName(Thumbprint sha1, String name) {
      return setProperty(sha1, StoreProperty.friendlyName(name));
    }

    /** Sets the description (13) of the entry with this thumbprint. */
    public Builder setDescription(Thumbprint sha1, String description) {
      return setProperty(sha1, StoreProperty.description(description));
    }

    /** Removes a property from the entry with this thumbprint. */
    public Builder removeProperty(Thumbprint sha1, int propertyId) {
      return replace(sha1, e -> e.withoutProperty(propertyId));
    }

    private Builder replace(Thumbprint sha1, java.util.function.UnaryOperator<StoreEntry> change) {
      requireNonNull(sha1, "sha1");
      boolean found = false;
      for (int i = 0; i < entries.size(); i++) {
        if (matches(entries.get(i), sha1)) {
          entries.set(i, change.apply(entries.get(i)));
          found = true;
        }
      }
      if (!found) {
        throw new IllegalArgumentException("no entry with thumbprint " + sha1);
      }
      return this;
    }

    /** The store (possibly empty: an empty store is a valid file of 20 bytes). */
    public SerializedStore build() {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      long size = 8 + 12;
      for (StoreEntry e : entries) {
        size += e.encodedSize();
      }
      if (size > Integer.MAX_VALUE - 8) {
        return new SerializedStore(List.copyOf(entries), List.of(), null);
      }
      // lay the entries out in one array as the file holds them; the entries become views of it
      SstWriter.ArraySink sink = new SstWriter.ArraySink((int) size);
      try {
        SstWriter.write(entries, StoreEntry::wire, sink);
      } catch (IOException e) {
        throw new IllegalStateException("array sink failed", e);
      }
      Bytes file = SstWriter.adopt(sink.array());
      List<StoreEntry> laidOut = new ArrayList<>(entries.size());
      int pos = 8;
      for (StoreEntry e : entries) {
        int n = (int) e.encodedSize();
        laidOut.add(e.rehomed(file.slice(pos, pos + n)));
        pos += n;
      }
      return new SerializedStore(List.copyOf(laidOut), List.of(), file);
    }
  }
}
