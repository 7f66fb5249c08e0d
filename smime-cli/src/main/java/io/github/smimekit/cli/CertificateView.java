package io.github.smimekit.cli;

import io.github.smimekit.core.CertificateSummary;
import io.github.smimekit.core.Certificates;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields {@code cert info} shows for a certificate, in the contract's JSON order. */
final class CertificateView {
  private CertificateView() {}

  /** The {@code cert info} fields of {@code cert}. */
  static Map<String, Object> of(X509Certificate cert) {
    CertificateSummary s = Certificates.summarize(cert);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", s.subject());
    m.put("issuer", s.issuer());
    m.put("serial", s.serial());
    m.put("notBefore", s.notBefore().toString());
    m.put("notAfter", s.notAfter().toString());
    m.put("sha1", s.sha1().hex());
    m.put("sha256", s.sha256().hex());
    m.put("emails", s.emails());
    m.put("keyAlgorithm", s.keyAlgorithm());
    m.put("keySize", s.keySize());
    m.put("keyUsage", s.keyUsage());
    m.put("extendedKeyUsage", s.extendedKeyUsage());
    return m;
  }
}
