package io.github.smimekit.cli;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificateEncoding;
import io.github.smimekit.core.CertificateFile;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SniffedStore;
import io.github.smimekit.sst.SstReadOptions;
import io.github.smimekit.sst.StoreFormat;
import io.github.smimekit.sst.StoreSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reading the command line's input files, the same way in every command.
 *
 * <ul>
 *   <li>{@link #readBytes}: a file's content, its size checked against a limit before anything is
 *       read, with one phrasing for "over the limit" ({@link #overLimit}).
 *   <li>{@link #certificates(Path)}: the one certificate detector of the command line: core's
 *       {@link Certificates#read(byte[])} (DER, PEM with a UTF-8 byte-order mark or surrounding
 *       text, base64, PKCS#7, UTF-16 LE/BE) plus Windows serialized stores ({@code .sst}). Used by
 *       {@code cert info}, {@code cert check}, {@code chain build}, {@code sst create} and every
 *       directory read.
 *   <li>{@link #store(Path, boolean)}: a store for the {@code sst} commands: a serialized store as
 *       smime-sst reads it (with its properties and CRLs), a PKCS#7 bundle (with its CRLs), and
 *       anything else through the same detector as {@link #certificates(Path)}, so {@code sst
 *       list}, {@code sst convert} and {@code sst verify} accept what {@code cert info} accepts.
 *   <li>{@link #readAll(Collection)}: files and directories; a directory is read recursively in
 *       file-name order and every file that gives no certificate is reported as {@link Skipped}
 *       with the reason, never dropped silently. {@link BaseCommand#reportSkipped} prints them.
 * </ul>
 *
 * <p>Every {@link SmimeException} that leaves these methods has a message that starts with the
 * file's name ({@link #inFile}).
 */
final class Inputs {
  /** The largest input file read, in bytes (64 MiB, the SDK's default). */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /** The most files read from one directory tree. */
  static final int MAX_FILES_PER_DIRECTORY = 100_000;

  private Inputs() {}

  /**
   * Something a read passed over, and why, in a sentence fragment: a file inside a directory that
   * gave no certificate ({@code block} null), or a PEM block of a file that was read ({@code block}
   * its label and position, never its content).
   */
  record Skipped(Path file, String reason, CertificateFile.@Nullable Skipped block) {
    Skipped {
      requireNonNull(file, "file");
      requireNonNull(reason, "reason");
    }

    /** A file that gave no certificate. */
    Skipped(Path file, String reason) {
      this(file, reason, null);
    }

    /** A PEM block of a file that was read. */
    static Skipped block(Path file, CertificateFile.Skipped block) {
      return new Skipped(file, block.describe(), block);
    }

    /**
     * The JSON form: {@code {"file": ..., "reason": ...}}, and for a block also {@code label},
     * {@code block}, {@code offset} and {@code trustSettings}.
     */
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.toString());
      m.put("reason", reason);
      CertificateFile.Skipped b = block;
      if (b != null) {
        m.put("label", b.label());
        m.put("block", b.block());
        m.put("offset", b.offset());
        m.put("trustSettings", b.trustSettings());
      }
      return m;
    }
  }

  /**
   * What {@link #readAll} found: the certificates in order (not deduplicated) and the skipped
   * files.
   */
  record Read(List<X509Certificate> certificates, List<Skipped> skipped) {
    Read {
      certificates = List.copyOf(certificates);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * The one phrasing of a size limit: {@code "FILE: 70001 bytes, over the limit of 70000 bytes"}.
   */
  static String overLimit(Object what, long size, long limit) {
    return what + ": " + size + " bytes, over the limit of " + limit + " bytes";
  }

  /**
   * Reads a file whose size is checked against {@code limit} first (and again while reading, for a
   * file that grows).
   *
   * @throws SmimeFormatException if the file is larger than {@code limit}
   */
  static byte[] readBytes(Path file, long limit) throws IOException {
    long size = Files.size(file);
    if (size > limit) {
      throw new SmimeFormatException(overLimit(file, size, limit));
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8L));
      if (data.length == limit && in.read() != -1) {
        throw new SmimeFormatException(file + ": over the limit of " + limit + " bytes");
      }
      return data;
    }
  }

  /**
   * Every certificate in one file, in file order.
   *
   * @throws SmimeFormatException if the file holds no certificate or is malformed (the message
   *     starts with the file name)
   */
  static List<X509Certificate> certificates(Path file) throws IOException {
    return read(file).certificates();
  }

  /**
   * Every certificate in one file, in file order, and the PEM blocks it passed over (keys,
   * parameters, requests, CRLs beside the certificates, as {@link Skipped} with a block).
   *
   * @throws SmimeFormatException if the file holds no certificate or is malformed (the message
   *     starts with the file name)
   */
  static Read read(Path file) throws IOException {
    byte[] data = readBytes(file, MAX_FILE_BYTES);
    return inFile(file, () -> read(data, file));
  }

  private static Read read(byte[] data, Path file) {
    Bytes bytes = Bytes.copyOf(data);
    if (StoreSniffer.detect(bytes) == StoreFormat.SERIALIZED_STORE) {
      List<X509Certificate> certs =
          StoreSniffer.open(bytes, SstReadOptions.strict()).store().certificates();
      if (certs.isEmpty()) {
        throw new SmimeFormatException(file + ": a serialized store that holds no certificate");
      }
      return new Read(certs, List.of());
    }
    CertificateFile read = Certificates.readFile(data);
    List<Skipped> skipped = new ArrayList<>(read.skipped().size());
    for (CertificateFile.Skipped b : read.skipped()) {
      skipped.add(Skipped.block(file, b));
    }
    return new Read(read.certificates(), skipped);
  }

  /**
   * A store for the {@code sst} commands (see the class comment for what is accepted).
   *
   * @param lenient whether recoverable format errors of a serialized store become warnings
   */
  static StoreRead store(Path file, boolean lenient) throws IOException {
    SstReadOptions options = lenient ? SstReadOptions.lenient() : SstReadOptions.strict();
    byte[] data = readBytes(file, options.limits().maxInputBytes());
    List<Skipped> skipped = new ArrayList<>();
    SniffedStore sniffed = inFile(file, () -> store(data, options, file, skipped));
    return new StoreRead(sniffed, skipped);
  }

  /**
   * A store read for the {@code sst} commands, and the blocks of a PEM certificate file that were
   * not certificates (reported like a directory's skipped files).
   */
  record StoreRead(SniffedStore sniffed, List<Skipped> skipped) {
    StoreRead {
      skipped = List.copyOf(skipped);
    }

    SerializedStore store() {
      return sniffed.store();
    }
  }

  private static SniffedStore store(
      byte[] data, SstReadOptions options, Path file, List<Skipped> skipped) {
    Bytes bytes = Bytes.copyOf(data);
    StoreFormat format = StoreSniffer.detect(bytes);
    if (format == StoreFormat.EMPTY
        || format == StoreFormat.SERIALIZED_STORE
        || format == StoreFormat.HEADERLESS_ELEMENTS) {
      return StoreSniffer.open(bytes, options);
    }
    if (format == StoreFormat.PKCS7) {
      try {
        return StoreSniffer.open(bytes, options);
      } catch (SmimeException e) {
        // core's detector reads more PKCS#7 forms (and says better what is wrong)
      }
    }
    List<X509Certificate> certs;
    try {
      CertificateFile read = Certificates.readFile(data);
      certs = read.certificates();
      for (CertificateFile.Skipped b : read.skipped()) {
        skipped.add(Skipped.block(file, b));
      }
    } catch (SmimeFormatException e) {
      if (format != StoreFormat.UNKNOWN) {
        throw e;
      }
      throw new SmimeFormatException("not a certificate store: " + e.getMessage(), e);
    }
    CertificateEncoding encoding = Certificates.detect(data);
    SerializedStore.Builder b = SerializedStore.builder();
    certs.forEach(b::add);
    return new SniffedStore(
        encoding.isPkcs7() ? StoreFormat.PKCS7 : StoreFormat.CERTIFICATES, b.build());
  }

  /**
   * Every certificate of the given files and directories. A file named explicitly must hold a
   * certificate; a file found in a directory that does not is skipped and reported. A directory
   * that gives no certificate at all is bad input.
   *
   * @throws SmimeFormatException if a file named explicitly holds no certificate, or a directory
   *     none
   */
  static Read readAll(Collection<Path> paths) throws IOException {
    List<X509Certificate> certs = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        Read r = readDirectory(p);
        certs.addAll(r.certificates());
        skipped.addAll(r.skipped());
      } else {
        Read r = read(p);
        certs.addAll(r.certificates());
        skipped.addAll(r.skipped());
      }
    }
    return new Read(certs, skipped);
  }

  /**
   * Every certificate in the files under {@code dir} (recursively, in path order); hidden files,
   * unreadable files and files without a certificate are skipped and reported.
   *
   * @throws SmimeFormatException if the directory gives no certificate at all
   */
  static Read readDirectory(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, 32)) {
      files =
          s.filter(p -> !p.equals(dir) && !Files.isDirectory(p))
              .limit(MAX_FILES_PER_DIRECTORY + 1L)
              .sorted()
              .toList();
    }
    if (files.size() > MAX_FILES_PER_DIRECTORY) {
      throw new SmimeFormatException(
          "directory " + dir + ": more than " + MAX_FILES_PER_DIRECTORY + " files");
    }
    List<X509Certificate> certs = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.startsWith(".")) {
        skipped.add(new Skipped(f, "hidden file"));
        continue;
      }
      if (!Files.isRegularFile(f)) {
        skipped.add(new Skipped(f, "not a regular file"));
        continue;
      }
      try {
        Read r = read(f);
        certs.addAll(r.certificates());
        skipped.addAll(r.skipped());
      } catch (SmimeException e) {
        skipped.add(new Skipped(f, withoutFile(f, e.getMessage())));
      } catch (IOException e) {
        skipped.add(new Skipped(f, ioReason(e)));
      }
    }
    if (certs.isEmpty()) {
      throw new SmimeFormatException(
          files.isEmpty()
              ? "directory " + dir + " is empty"
              : "directory "
                  + dir
                  + ": no certificate in any of its "
                  + Text.count(files.size(), "file")
                  + " (skipped: "
                  + summary(skipped)
                  + ")");
    }
    return new Read(certs, skipped);
  }

  private static String summary(List<Skipped> skipped) {
    StringBuilder b = new StringBuilder();
    int shown = Math.min(5, skipped.size());
    for (int i = 0; i < shown; i++) {
      b.append(i > 0 ? ", " : "").append(skipped.get(i).file().getFileName());
    }
    if (skipped.size() > shown) {
      b.append(" and ").append(skipped.size() - shown).append(" more");
    }
    return b.append("; 'smime cert info FILE' says why for each").toString();
  }

  /** A read failure in our words. */
  static String ioReason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return "cannot be read (" + fse.getReason().toLowerCase(java.util.Locale.ROOT) + ")";
    }
    return "cannot be read";
  }

  /** A function that may throw {@link IOException}. */
  @FunctionalInterface
  interface IoSupplier<T> {
    /** Computes the value. */
    T get() throws IOException;
  }

  /**
   * Runs {@code work} and makes sure every {@link SmimeException} it throws names {@code file}: a
   * message that does not start with the file's name gets {@code "FILE: "} in front (the cause and
   * offset are kept).
   */
  static <T> T inFile(Path file, IoSupplier<T> work) throws IOException {
    try {
      return work.get();
    } catch (SmimeException e) {
      String message = String.valueOf(e.getMessage());
      if (message.startsWith(file.toString())) {
        throw e;
      }
      if (e instanceof SmimeFormatException f) {
        throw f.offset().isPresent()
            ? new SmimeFormatException(file + ": " + message, f.offset().getAsLong(), e)
            : new SmimeFormatException(file + ": " + message, e);
      }
      throw new BadInputException(file + ": " + message, e);
    }
  }

  private static String withoutFile(Path file, @Nullable String message) {
    String m = String.valueOf(message);
    String prefix = file + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}
