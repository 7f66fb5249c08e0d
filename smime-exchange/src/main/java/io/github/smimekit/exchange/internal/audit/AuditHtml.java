package io.github.smimekit.exchange.internal.audit;

import io.github.smimekit.core.Severity;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.AuditedCertificate;
import io.github.smimekit.exchange.AuditedRecipient;
import io.github.smimekit.exchange.ExchangeFinding;
import java.util.List;
import java.util.Locale;

/**
 * The HTML rendering of an audit report: one self-contained file with inline CSS only, no script,
 * no external resource or link; every value is escaped.
 */
public final class AuditHtml {
  private static final String CSS =
      "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;"
          + "color:#1b1b1b}"
          + "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}"
          + "table{border-collapse:collapse;width:100%;margin:.5em 0}"
          + "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
          + "th{background:#f3f3f3}code{font-family:ui-monospace,Consolas,monospace}"
          + ".error{color:#a4262c;font-weight:600}.warning{color:#8a5300}.info{color:#555}"
          + ".ok{color:#107c10}.summary td{font-size:1.1em}"
          + "ul{margin:.2em 0;padding-left:1.2em}";

  private AuditHtml() {}

  /** Renders {@code r}. */
  public static String render(AuditReport r) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'unsafe-inline'\">\n")
        .append("<title>Exchange Online S/MIME audit at ")
        .append(esc(r.at().toString()))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    b.append("<h1>Exchange Online S/MIME audit at ")
        .append(esc(r.at().toString()))
        .append("</h1>\n");
    b.append("<table class=\"summary\"><tr><th>recipients with certificates</th>")
        .append("<th>store certificates</th><th>errors</th><th>warnings</th><th>infos</th>")
        .append("<th>status</th></tr>\n<tr><td>")
        .append(r.recipients().size())
        .append("</td><td>")
        .append(r.store().certificates().size())
        .append("</td><td class=\"error\">")
        .append(r.count(Severity.ERROR))
        .append("</td><td class=\"warning\">")
        .append(r.count(Severity.WARNING))
        .append("</td><td class=\"info\">")
        .append(r.count(Severity.INFO))
        .append("</td><td>")
        .append(
            r.clean() ? "<span class=\"ok\">clean</span>" : "<span class=\"error\">issues</span>")
        .append("</td></tr></table>\n");
    if (!r.findings().isEmpty()) {
      b.append("<h2>Tenant</h2>\n");
      findings(b, r.findings());
    }
    b.append("<h2>Issuing-CA store</h2>\n<p>");
    if (r.store().store().isEmpty()) {
      b.append("none set");
    } else {
      b.append(r.store().store().get().size())
          .append(" bytes, ")
          .append(r.store().certificates().size())
          .append(" certificates");
    }
    b.append("</p>\n");
    findings(b, r.store().findings());
    certificates(b, r.store().certificates());
    b.append("<h2>Recipients</h2>\n");
    if (r.recipients().isEmpty()) {
      b.append("<p>No recipient carries certificates.</p>\n");
    } else {
      b.append("<table>\n<tr><th>type</th><th>identity</th><th>primary SMTP address</th>")
          .append("<th>UserCertificate</th><th>UserSMimeCertificate</th><th>findings</th></tr>\n");
      for (AuditedRecipient a : r.recipients()) {
        b.append("<tr><td>")
            .append(esc(a.recipient().type().jsonName()))
            .append("</td><td>")
            .append(esc(a.recipient().identity()))
            .append("</td><td>")
            .append(esc(a.recipient().primarySmtpAddress()))
            .append("</td><td>")
            .append(a.recipient().userCertificates().size())
            .append("</td><td>")
            .append(a.recipient().userSMimeCertificates().size())
            .append("</td><td>");
        worst(b, a);
        b.append("</td></tr>\n");
      }
      b.append("</table>\n");
      for (AuditedRecipient a : r.recipients()) {
        b.append("<h2>")
            .append(esc(a.recipient().type().jsonName()))
            .append(" ")
            .append(esc(a.recipient().identity()))
            .append("</h2>\n");
        findings(b, a.findings());
        certificates(b, a.certificates());
      }
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static void worst(StringBuilder b, AuditedRecipient a) {
    int errors = 0;
    int warnings = 0;
    for (ExchangeFinding f : a.findings()) {
      errors += f.severity() == Severity.ERROR ? 1 : 0;
      warnings += f.severity() == Severity.WARNING ? 1 : 0;
    }
    for (AuditedCertificate c : a.certificates()) {
      for (ExchangeFinding f : c.findings()) {
        errors += f.severity() == Severity.ERROR ? 1 : 0;
        warnings += f.severity() == Severity.WARNING ? 1 : 0;
      }
    }
    if (errors == 0 && warnings == 0) {
      b.append("<span class=\"ok\">ok</span>");
      return;
    }
    if (errors > 0) {
      b.append("<span class=\"error\">").append(errors).append(" errors</span> ");
    }
    if (warnings > 0) {
      b.append("<span class=\"warning\">").append(warnings).append(" warnings</span>");
    }
  }

  private static void certificates(StringBuilder b, List<AuditedCertificate> cs) {
    if (cs.isEmpty()) {
      return;
    }
    b.append("<table>\n<tr><th>SHA-1</th><th>subject</th><th>not after</th><th>e-mail</th>")
        .append("<th>findings</th></tr>\n");
    for (AuditedCertificate c : cs) {
      b.append("<tr><td><code>")
          .append(esc(c.sha1().hex()))
          .append("</code></td><td>")
          .append(esc(c.subject()))
          .append("</td><td>")
          .append(esc(c.notAfter().toString()))
          .append("</td><td>")
          .append(esc(String.join(", ", c.emails())))
          .append("</td><td>");
      if (c.findings().isEmpty()) {
        b.append("<span class=\"ok\">ok</span>");
      } else {
        findings(b, c.findings());
      }
      b.append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void findings(StringBuilder b, List<ExchangeFinding> fs) {
    if (fs.isEmpty()) {
      return;
    }
    b.append("<ul>");
    for (ExchangeFinding f : fs) {
      String sev = f.severity().name().toLowerCase(Locale.ROOT);
      b.append("<li class=\"")
          .append(sev)
          .append("\">")
          .append(sev)
          .append(" <code>")
          .append(esc(f.code()))
          .append("</code>: ")
          .append(esc(f.message()))
          .append("</li>");
    }
    b.append("</ul>\n");
  }

  /** {@code s} escaped for HTML text and attribute values; control characters as U+FFFD. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
