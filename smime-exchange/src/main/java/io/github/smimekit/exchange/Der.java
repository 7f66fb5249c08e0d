package io.github.smimekit.exchange;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DER encodings and SHA-1 deduplication of certificates, shared by the operations. */
final class Der {
  private Der() {}

  static Bytes of(X509Certificate certificate) {
    return Certificates.encodeDer(certificate);
  }

  /** The certificates without SHA-1 duplicates, first occurrence kept, order kept. */
  static List<X509Certificate> dedupe(List<X509Certificate> certificates) {
    Map<String, X509Certificate> bySha1 = new LinkedHashMap<>();
    for (X509Certificate c : certificates) {
      bySha1.putIfAbsent(Thumbprint.sha1(c).hex(), c);
    }
    return List.copyOf(new ArrayList<>(bySha1.values()));
  }
}
