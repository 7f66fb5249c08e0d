package io.github.smimekit.sst;

/** What {@link StoreSniffer} found a file's content to be, whatever its name. */
public enum StoreFormat {
  /** 0 bytes. */
  EMPTY,
  /** A serialized store: {@code 00000000 'CERT'}, elements, end marker. */
  SERIALIZED_STORE,
  /**
   * Serialized elements without the store header ({@code CertSerializeCertificateStoreElement},
   * .NET {@code X509ContentType.SerializedCert}); not an {@code .sst}.
   */
  HEADERLESS_ELEMENTS,
  /** A PKCS#7 / CMS SignedData ContentInfo holding certificates (DER, PEM or base64). */
  PKCS7,
  /** One or more X.509 certificates (DER, PEM or base64). */
  CERTIFICATES,
  /** Anything else, for example a LevelDB/RocksDB SSTable sharing the {@code .sst} extension. */
  UNKNOWN
}
