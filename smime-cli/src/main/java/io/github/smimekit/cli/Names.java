package io.github.smimekit.cli;

import io.github.smimekit.core.Certificates;
import java.security.cert.X509Certificate;

/** Subject names as {@code cert info} shows them (RFC 2253 with {@code E=}). */
final class Names {
  private Names() {}

  static String subject(X509Certificate cert) {
    return Certificates.displayName(cert.getSubjectX500Principal());
  }
}
