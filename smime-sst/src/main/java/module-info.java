/** Microsoft serialized certificate stores (.sst), byte-compatible with Windows. */
module io.github.smimekit.sst {
  requires transitive io.github.smimekit.core;
  requires static transitive org.jspecify;

  exports io.github.smimekit.sst;

  provides io.github.smimekit.core.CertificateBundleReader with
      io.github.smimekit.sst.internal.SstBundleReader;
}
