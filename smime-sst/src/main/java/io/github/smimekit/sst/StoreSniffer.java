package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.internal.ContentSniffer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a file by its content, as Windows does ({@code CertOpenStore(FILENAME)}): a file named
 * {@code .sst} may be a serialized store, a PKCS#7 bundle or a single certificate (spec section 4).
 *
 * <p>Accepted: a serialized store; a PKCS#7 SignedData ContentInfo with certificates (and CRLs), as
 * DER, PEM or base64 (also UTF-16LE text); one or more certificates as DER, PEM or base64. Refused
 * with a {@link SstFormatException}: everything else ({@link SstProblem#NOT_A_CERTIFICATE_STORE},
 * for example an SSTable key-value file), and a bare element stream without the store header
 * ({@link SstProblem#HEADERLESS_ELEMENTS}) unless {@link
 * SstReadOptions#allowsHeaderlessElements()}. An empty input follows the read options (strict:
 * refused; lenient: an empty store with a warning).
 *
 * <p>Every encoding other than the serialized store forms is detected and decoded by smime-core's
 * {@link io.github.smimekit.core.Certificates} (the same acceptance rules as {@code cert info}:
 * DER, PEM including {@code X509 CERTIFICATE} blocks, base64, UTF-16 text in either byte order);
 * the CRLs of a PKCS#7 bundle are decoded with the JDK, core reading no CRLs.
 */
public final class StoreSniffer {
  private StoreSniffer() {}

  /** What the content is; never throws for any input. */
  public static StoreFormat detect(Bytes data) {
    requireNonNull(data, "data");
    return ContentSniffer.detect(data.toByteArray());
  }

  /**
   * Opens the content as a store.
   *
   * @throws SstFormatException if it is not a store, PKCS#7 bundle or certificate, or is malformed
   */
  public static SniffedStore open(Bytes data, SstReadOptions options) {
    requireNonNull(data, "data");
    requireNonNull(options, "options");
    SerializedStore.checkSize(data.size(), options);
    return open(data.toByteArray(), data, options);
  }

  /**
   * Opens a file by content; the size limit is checked before and while reading.
   *
   * @throws SstFormatException if it is not a store, PKCS#7 bundle or certificate, or is malformed
   */
  public static SniffedStore open(Path path, SstReadOptions options) throws IOException {
    return open(SerializedStore.readFile(path, options), options);
  }

  private static SniffedStore open(byte[] data, Bytes whole, SstReadOptions options) {
    StoreFormat format = ContentSniffer.detect(data);
    switch (format) {
      case EMPTY:
      case SERIALIZED_STORE:
        return new SniffedStore(format, SerializedStore.assemble(whole, false, options));
      case HEADERLESS_ELEMENTS:
        if (!options.allowsHeaderlessElements()) {
          throw new SstFormatException(
              SstProblem.HEADERLESS_ELEMENTS,
              "not a certificate store: a serialized certificate element without the 8-byte store"
                  + " header (CertSerializeCertificateStoreElement / SerializedCert output); allow"
                  + " header-less elements in the read options to read it",
              0,
              -1,
              null);
        }
        return new SniffedStore(format, SerializedStore.assemble(whole, true, options));
      case PKCS7:
      case CERTIFICATES:
        SerializedStore.Builder b = SerializedStore.builder();
        ContentSniffer.Decoded d =
            ContentSniffer.decodeCertificates(data, format, options.limits());
        d.certificates().forEach(b::add);
        d.crls().forEach(b::add);
        return new SniffedStore(format, b.build());
      case UNKNOWN:
      default:
        throw new SstFormatException(
            SstProblem.NOT_A_CERTIFICATE_STORE,
            "not a certificate store: neither a serialized store (00000000 'CERT'), a PKCS#7"
                + " bundle nor a certificate (first bytes "
                + ContentSniffer.hexPrefix(data)
                + ")",
            0,
            -1,
            null);
    }
  }
}
