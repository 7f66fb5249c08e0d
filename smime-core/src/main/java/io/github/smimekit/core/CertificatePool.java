package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An unordered pool of candidate CA certificates for a {@link ChainResolver}, loaded from any mix
 * of files and directories: single certificates in every encoding core reads (DER, PEM, base64),
 * PKCS#7 bundles ({@code .p7b}/{@code .p7c}), PEM bundles, and containers read by the {@link
 * CertificateBundleReader}s the caller passes, such as smime-sst's reader of Windows {@code .sst}
 * stores:
 *
 * <pre>{@code
 * CertificatePool pool =
 *     CertificatePool.load(List.of(Path.of("partner-cas")), List.of(SerializedStore.bundleReader()));
 * }</pre>
 *
 * <p>Readers are registered explicitly, never discovered: whatever reads a pool decides what may
 * become a trust anchor or an intermediate, so a jar on the class path cannot add a format.
 *
 * <p>Certificates are deduplicated (same DER, same certificate) and kept in the order they were
 * first added; directories are read in file-name order, recursively, so the same folder always
 * gives the same pool. A file named explicitly that cannot be read fails the load; a file found
 * inside a directory that holds no certificate (a README, a CRL) is skipped and listed in {@link
 * #skipped()}.
 *
 * <p>Each file is read up to {@link ReadLimits#DEFAULT_MAX_INPUT_BYTES} (64 MiB).
 *
 * <p>Immutable and thread-safe.
 */
public final class CertificatePool {
  /** The most files read from one directory tree. */
  public static final int MAX_FILES_PER_DIRECTORY = 100_000;

  private final List<X509Certificate> certificates;
  private final List<String> skipped;

  private CertificatePool(List<X509Certificate> certificates, List<String> skipped) {
    this.certificates = List.copyOf(certificates);
    this.skipped = List.copyOf(skipped);
  }

  /**
   * A pool of the given certificates.
   *
   * @param certificates the certificates
   * @return the pool
   */
  public static CertificatePool of(Collection<? extends X509Certificate> certificates) {
    return builder().add(certificates).build();
  }

  /**
   * Loads every certificate found in the given files and directories, in the formats core reads
   * itself (no {@link CertificateBundleReader}).
   *
   * @param paths files or directories
   * @return the pool
   * @throws IOException if a path cannot be read
   * @throws SmimeFormatException if a file named explicitly holds no readable certificate
   */
  public static CertificatePool load(Path... paths) throws IOException {
    return load(Arrays.asList(requireNonNull(paths, "paths")));
  }

  /**
   * Loads every certificate found in the given files and directories, in the formats core reads
   * itself (no {@link CertificateBundleReader}).
   *
   * @param paths files or directories
   * @return the pool
   * @throws IOException if a path cannot be read
   * @throws SmimeFormatException if a file named explicitly holds no readable certificate
   */
  public static CertificatePool load(Collection<Path> paths) throws IOException {
    return load(paths, List.of());
  }

  /**
   * Loads every certificate found in the given files and directories, asking the given readers
   * first, in order, then reading the formats core reads itself.
   *
   * @param paths files or directories
   * @param readers the container readers to use, e.g. smime-sst's {@code
   *     SerializedStore.bundleReader()}; empty for core's formats only
   * @return the pool
   * @throws IOException if a path cannot be read
   * @throws SmimeFormatException if a file named explicitly holds no readable certificate
   */
  public static CertificatePool load(
      Collection<Path> paths, List<? extends CertificateBundleReader> readers) throws IOException {
    Builder b = builder().readers(readers);
    for (Path p : requireNonNull(paths, "paths")) {
      b.add(p);
    }
    return b.build();
  }

  /**
   * Reads the certificates in one file's content, in the formats core reads itself (use {@link
   * Builder#readers} and {@link Builder#add(Bytes, String)} for other containers).
   *
   * @param data the content
   * @return the certificates, in file order
   * @throws SmimeFormatException if the content holds no readable certificate
   */
  public static List<X509Certificate> read(Bytes data) {
    return builder().readBytes(requireNonNull(data, "data"), "input");
  }

  /**
   * A builder without {@link CertificateBundleReader}s: core's formats only until {@link
   * Builder#readers} is called.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The certificates, deduplicated, in the order they were first added. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** The number of certificates. */
  public int size() {
    return certificates.size();
  }

  /**
   * The files inside directories that were skipped because they hold no readable certificate, each
   * as {@code "path: reason"}.
   */
  public List<String> skipped() {
    return skipped;
  }

  @Override
  public String toString() {
    return "CertificatePool[certificates=" + certificates.size() + "]";
  }

  /** Collects certificates for a {@link CertificatePool}. Not thread-safe. */
  public static final class Builder {
    private final Set<X509Certificate> certificates = new LinkedHashSet<>();
    private final List<String> skipped = new ArrayList<>();
    private List<CertificateBundleReader> readers = List.of();

    private Builder() {}

    /**
     * Sets the container readers, replacing earlier calls (by default there are none, and only the
     * formats core reads itself are read). Readers are asked in order, before core's formats.
     *
     * @param readers the readers to ask, in order, before the built-in formats
     * @return this builder
     */
    public Builder readers(List<? extends CertificateBundleReader> readers) {
      this.readers = List.copyOf(requireNonNull(readers, "readers"));
      return this;
    }

    /**
     * Adds certificates.
     *
     * @param certificates the certificates
     * @return this builder
     */
    public Builder add(Collection<? extends X509Certificate> certificates) {
      for (X509Certificate c : requireNonNull(certificates, "certificates")) {
        this.certificates.add(requireNonNull(c, "certificates contains null"));
      }
      return this;
    }

    /**
     * Adds every certificate of one file's content.
     *
     * @param data the content
     * @param sourceName where it came from, for messages
     * @return this builder
     * @throws SmimeFormatException if the content holds no readable certificate
     */
    public Builder add(Bytes data, String sourceName) {
      certificates.addAll(
          readBytes(requireNonNull(data, "data"), requireNonNull(sourceName, "sourceName")));
      return this;
    }

    /**
     * Adds every certificate in a file, or in every file under a directory (recursively, in
     * file-name order; files without certificates are skipped and listed in {@link
     * CertificatePool#skipped()}).
     *
     * @param path a file or directory
     * @return this builder
     * @throws IOException if the path cannot be read
     * @throws SmimeFormatException if a file named explicitly holds no readable certificate
     */
    public Builder add(Path path) throws IOException {
      requireNonNull(path, "path");
      if (Files.isDirectory(path)) {
        List<Path> files;
        try (var stream = Files.walk(path, 32)) {
          files =
              stream
                  .filter(Files::isRegularFile)
                  .filter(p -> !p.getFileName().toString().startsWith("."))
                  .limit(MAX_FILES_PER_DIRECTORY + 1L)
                  .sorted()
                  .toList();
        }
        if (files.size() > MAX_FILES_PER_DIRECTORY) {
          throw new SmimeFormatException(
              "directory " + path + ": more than " + MAX_FILES_PER_DIRECTORY + " files");
        }
        for (Path f : files) {
          try {
            certificates.addAll(readBytes(readFile(f), f.toString()));
          } catch (SmimeException e) {
            skipped.add(f + ": " + e.getMessage());
          }
        }
      } else {
        certificates.addAll(readBytes(readFile(path), path.toString()));
      }
      return this;
    }

    private static Bytes readFile(Path f) throws IOException {
      return Bytes.read(f, ReadLimits.DEFAULT_MAX_INPUT_BYTES);
    }

    List<X509Certificate> readBytes(Bytes data, String source) {
      for (CertificateBundleReader r : readers) {
        boolean recognized;
        try {
          recognized = r.recognizes(data);
        } catch (RuntimeException e) {
          recognized = false;
        }
        if (recognized) {
          try {
            return r.readCertificates(data);
          } catch (SmimeException e) {
            throw new SmimeFormatException(
                source + ": not a readable " + r.name() + " file: " + e.getMessage(), e);
          }
        }
      }
      List<X509Certificate> certs;
      try {
        certs = Certificates.read(data);
      } catch (SmimeException e) {
        throw new SmimeFormatException(source + ": " + e.getMessage(), e);
      }
      if (certs.isEmpty()) {
        throw new SmimeFormatException(source + ": no certificate found");
      }
      return certs;
    }

    /**
     * Builds the pool.
     *
     * @return an immutable pool
     */
    public CertificatePool build() {
      return new CertificatePool(new ArrayList<>(certificates), skipped);
    }
  }
}
