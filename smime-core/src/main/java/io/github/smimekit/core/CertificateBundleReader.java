package io.github.smimekit.core;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A plug-in that reads certificates out of a container format smime-core does not know itself, such
 * as a Windows serialized certificate store ({@code .sst}, read by smime-sst).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (on the module path: {@code
 * provides io.github.smimekit.core.CertificateBundleReader with ...;} on the class path: a {@code
 * META-INF/services/io.github.smimekit.core.CertificateBundleReader} file). {@link CertificatePool}
 * asks every reader found whether it {@link #recognizes} a file's bytes before falling back to the
 * encodings core reads itself (DER, PEM, base64, PKCS#7).
 *
 * <p>Implementations must be stateless and thread-safe, must have a public no-argument constructor,
 * and must treat the bytes as untrusted: bounded work and memory, and a {@link
 * SmimeFormatException} (never another exception type) for malformed input.
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
