package io.github.smimekit.sst.internal;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificateBundleReader;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SstReadOptions;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Lets smime-core read certificate pools from {@code .sst} files; callers register it explicitly
 * ({@code SerializedStore.bundleReader()}), never through {@link java.util.ServiceLoader}. Reads
 * strictly with the default limits; an entry that cannot be decoded is an error, not silently
 * skipped. Stateless and thread-safe.
 */
public final class SstBundleReader implements CertificateBundleReader {
  /** The one instance (stateless). */
  public static final SstBundleReader INSTANCE = new SstBundleReader();

  private SstBundleReader() {}

  @Override
  public String name() {
    return "sst";
  }

  @Override
  public boolean recognizes(Bytes data) {
    byte[] magic = SstReader.magic();
    if (data.size() < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (data.byteAt(i) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<X509Certificate> readCertificates(Bytes data) {
    return SerializedStore.read(data, SstReadOptions.defaults()).certificates();
  }
}
