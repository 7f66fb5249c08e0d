package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.exchange.internal.audit.AuditHtml;
import io.github.smimekit.exchange.internal.audit.AuditJson;
import io.github.smimekit.exchange.internal.audit.AuditText;

/** Renders an {@link AuditReport} as text, JSON or a self-contained HTML file. */
public final class AuditReports {
  private AuditReports() {}

  /** The report as readable text: summary counts, then each recipient, then the store. */
  public static String text(AuditReport r) {
    return AuditText.render(requireNonNull(r, "r"));
  }

  /**
   * The report as JSON with stable field names: {@code at}, {@code clean}, {@code counts} ({@code
   * error}, {@code warning}, {@code info}), {@code findings}, {@code recipients} (each with {@code
   * type}, {@code identity}, {@code primarySmtpAddress}, {@code findings}, {@code certificates}),
   * {@code store} ({@code present}, {@code bytes}, {@code findings}, {@code certificates}); each
   * certificate has {@code sha1}, {@code subject}, {@code notAfter}, {@code emails}, {@code
   * findings}; each finding has {@code severity} (lower case), {@code code}, {@code message}.
   */
  public static String json(AuditReport r) {
    return AuditJson.render(requireNonNull(r, "r"));
  }

  /**
   * The report as one self-contained HTML file: inline CSS only, no script, no external link or
   * resource; every value is HTML-escaped. Summary counts at the top, a table per recipient, a
   * table for the store.
   */
  public static String html(AuditReport r) {
    return AuditHtml.render(requireNonNull(r, "r"));
  }
}
