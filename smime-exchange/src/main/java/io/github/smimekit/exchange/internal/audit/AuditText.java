package io.github.smimekit.exchange.internal.audit;

import io.github.smimekit.core.Severity;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.AuditedCertificate;
import io.github.smimekit.exchange.AuditedRecipient;
import io.github.smimekit.exchange.ExchangeFinding;
import java.util.List;
import java.util.Locale;

/** The text rendering of an audit report. */
public final class AuditText {
  private AuditText() {}

  /** Renders {@code r}. */
  public static String render(AuditReport r) {
    StringBuilder b = new StringBuilder();
    b.append("Exchange Online S/MIME audit at ").append(r.at()).append("\n\n");
    b.append(summary(r)).append("\n\n");
    findings(b, "  ", r.findings());
    b.append("issuing-CA store: ");
    if (r.store().store().isEmpty()) {
      b.append("none\n");
    } else {
      b.append(r.store().store().get().size())
          .append(" bytes, ")
          .append(r.store().certificates().size())
          .append(" certificates\n");
    }
    findings(b, "  ", r.store().findings());
    certificates(b, r.store().certificates());
    for (AuditedRecipient a : r.recipients()) {
      b.append('\n')
          .append(a.recipient().type().jsonName())
          .append(' ')
          .append(printable(a.recipient().identity()))
          .append(" <")
          .append(printable(a.recipient().primarySmtpAddress()))
          .append(">: ")
          .append(a.recipient().userCertificates().size())
          .append(" UserCertificate, ")
          .append(a.recipient().userSMimeCertificates().size())
          .append(" UserSMimeCertificate values\n");
      findings(b, "  ", a.findings());
      certificates(b, a.certificates());
    }
    return b.toString();
  }

  /** One line: the counts and whether the report is clean. */
  public static String summary(AuditReport r) {
    return r.recipients().size()
        + " recipients with certificates, "
        + r.store().certificates().size()
        + " store certificates: "
        + r.count(Severity.ERROR)
        + " errors, "
        + r.count(Severity.WARNING)
        + " warnings, "
        + r.count(Severity.INFO)
        + " infos"
        + (r.clean() ? " (clean)" : "");
  }

  private static void certificates(StringBuilder b, List<AuditedCertificate> cs) {
    for (AuditedCertificate c : cs) {
      b.append("  ")
          .append(c.sha1().hex())
          .append("  ")
          .append(printable(c.subject()))
          .append("  until ")
          .append(c.notAfter())
          .append(c.findings().isEmpty() ? "  ok" : "")
          .append('\n');
      findings(b, "    ", c.findings());
    }
  }

  private static void findings(StringBuilder b, String indent, List<ExchangeFinding> fs) {
    for (ExchangeFinding f : fs) {
      b.append(indent)
          .append(f.severity().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(f.code())
          .append(": ")
          .append(printable(f.message()))
          .append('\n');
    }
  }

  /** {@code s} with control characters as {@code \\uXXXX}, so a value cannot forge lines. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
