package io.github.smimekit.cli;

import java.security.cert.X509Certificate;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/** Distinguished names as people read them: RFC 2253, with {@code E=} for e-mail addresses. */
final class Names {
  private static final Map<String, String> KEYWORDS = Map.of("1.2.840.113549.1.9.1", "E");

  private Names() {}

  static String of(X500Principal name) {
    return name.getName(X500Principal.RFC2253, KEYWORDS);
  }

  static String subject(X509Certificate cert) {
    return of(cert.getSubjectX500Principal());
  }

  static String issuer(X509Certificate cert) {
    return of(cert.getIssuerX500Principal());
  }
}
