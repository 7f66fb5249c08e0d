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
 * <p>PKCS#7 and certificates are decoded with the JDK's X.509 {@code CertificateFactory}.
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
    return open(data.toByteArray(), options);
  }

  /** Opens a file by content; the size is checked against the limit before reading. */
  public static SniffedStore open(Path path, SstReadOptions options) throws IOException {
    return open(SerializedStore.readFile(path, options), options);
  }

  private static SniffedStore open(byte[] data, SstReadOptions options) {
    if (data.length > options.maxInputBytes()) {
      throw new SstFormatException(
          SstProblem.LIMIT_EXCEEDED,
          "input: "
              + data.length
              + " bytes, over the limit of "
              + options.maxInputBytes()
              + " bytes",
          0,
          -1,
          null);
    }
    StoreFormat format = ContentSniffer.detect(data);
    switch (format) {
      case EMPTY:
      case SERIALIZED_STORE:
        return new SniffedStore(format, SerializedStore.read(data, options));
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
        return new SniffedStore(
            format, SerializedStore.readHeaderlessElements(Bytes.copyOf(data), options));
      case PKCS7:
      case CERTIFICATES:
        SerializedStore.Builder b = SerializedStore.builder();
        ContentSniffer.Decoded d = ContentSniffer.decodeCertificates(data, format);
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
