/**
 * Microsoft serialized certificate stores (.sst), byte-compatible with Windows. The {@code .sst}
 * reader for certificate pools is registered explicitly: pass {@code
 * io.github.smimekit.sst.SerializedStore.bundleReader()} to {@code
 * CertificatePool.builder().readers(...)}.
 */
module io.github.smimekit.sst {
  requires transitive io.github.smimekit.core;
  requires static transitive org.jspecify;

  exports io.github.smimekit.sst;
}
