package io.github.smimekit.core;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A plug-in that reads certificates out of a container format smime-core does not know itself, such
 * as a Windows serialized certificate store ({@code .sst}, read by smime-sst).
 *
 * <p>Readers are passed explicitly, never discovered (no {@link java.util.ServiceLoader}): a reader
 * decides which certificates enter a pool, and so which may become trust anchors, so only the
 * caller chooses them, with {@link CertificatePool.Builder#readers} or {@link
 * CertificatePool#load(java.util.Collection, List)}. smime-sst offers its reader as {@code
 * SerializedStore.bundleReader()}. {@link CertificatePool} asks each reader, in order, whether it
 * {@link #recognizes} a file's bytes before falling back to the encodings core reads itself (DER,
 * PEM, base64, PKCS#7).
 *
 * <p>Implementations must be stateless and thread-safe, and must treat the bytes as untrusted:
 * bounded work and memory, and a {@link SmimeFormatException} (never another exception type) for
 * malformed input.
 */
public interface CertificateBundleReader {

  /**
   * A short, stable name for the format this reader handles, used in messages, e.g. {@code "sst"}.
   *
   * @return the format name, never empty
   */
  String name();

  /**
   * Whether the bytes look like this reader's format. Cheap (look at a header, not a full parse)
   * and never throws on any input.
   *
   * @param data the whole content of a file
   * @return true when {@link #readCertificates} should be used for these bytes
   */
  boolean recognizes(Bytes data);

  /**
   * Reads every certificate in the bytes, in the order they appear. Entries that are not
   * certificates (CRLs, CTLs, properties) are skipped.
   *
   * @param data the whole content of a file this reader {@link #recognizes}
   * @return the certificates, possibly empty, never null
   * @throws SmimeFormatException if the bytes are malformed
   */
  List<X509Certificate> readCertificates(Bytes data);
}
