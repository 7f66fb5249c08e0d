package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ReadLimits;
import io.github.smimekit.sst.SerializedStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * The CA certificates Outlook on the web trusts, exclusively, for S/MIME: the store uploaded with
 * {@code Set-SmimeConfig -SMIMECertificateIssuingCA}. Every certificate in it is a trust anchor
 * (CryptoAPI's exclusive trust lets an intermediate of the store end a chain, too); no other root
 * (not the JDK's, not the operating system's) is trusted.
 */
public final class TrustStore {
  /** The largest store file {@link #read(Path)} reads: 16 MiB. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private final List<X509Certificate> certificates;

  private TrustStore(List<X509Certificate> certificates) {
    this.certificates = List.copyOf(certificates);
  }

  /**
   * A store of these certificates.
   *
   * @param certificates the CA certificates; may be empty (then no chain is trusted)
   * @return the store
   */
  public static TrustStore of(Collection<? extends X509Certificate> certificates) {
    return new TrustStore(List.copyOf(requireNonNull(certificates, "certificates")));
  }

  /**
   * The certificates of a serialized certificate store.
   *
   * @param store the store (CRL and CTL entries are ignored)
   * @return the trust store
   */
  public static TrustStore of(SerializedStore store) {
    return new TrustStore(requireNonNull(store, "store").certificates());
  }

  /**
   * Reads a store file: a Microsoft serialized store ({@code .sst}, recognised by its magic bytes),
   * or any certificate file core reads (DER, PEM, base64, PKCS#7).
   *
   * @param file the file
   * @return the trust store
   * @throws IOException if the file cannot be read
   * @throws io.github.smimekit.core.SmimeFormatException if it is neither a store nor certificates
   */
  public static TrustStore read(Path file) throws IOException {
    requireNonNull(file, "file");
    Bytes data;
    try (InputStream in = Files.newInputStream(file)) {
      data = Bytes.read(in, MAX_FILE_BYTES);
    }
    return read(data);
  }

  /**
   * Reads store bytes: a Microsoft serialized store ({@code .sst}) or any certificate encoding core
   * reads.
   *
   * @param data the bytes
   * @return the trust store
   * @throws io.github.smimekit.core.SmimeFormatException if they are neither
   */
  public static TrustStore read(Bytes data) {
    requireNonNull(data, "data");
    if (isSerializedStore(data)) {
      return of(SerializedStore.read(data));
    }
    return new TrustStore(Certificates.read(data, ReadLimits.defaults()));
  }

  /** The certificates, in store order. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  @Override
  public String toString() {
    return "TrustStore[" + certificates.size() + " certificates]";
  }

  private static boolean isSerializedStore(Bytes data) {
    // file header: version 0 (4 bytes) then the magic "CERT" (0x54524543 little-endian)
    return data.size() >= 8
        && data.startsWith(
            Bytes.of(
                (byte) 0,
                (byte) 0,
                (byte) 0,
                (byte) 0,
                (byte) 'C',
                (byte) 'E',
                (byte) 'R',
                (byte) 'T'));
  }
}
