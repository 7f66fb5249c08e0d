package io.github.smimekit.examples;

import io.github.smimekit.core.Severity;
import io.github.smimekit.exchange.AuditOptions;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.AuditReports;
import io.github.smimekit.exchange.ExchangeClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Audits a tenant: every mailbox's, mail user's and contact's certificates (expired, expiring
 * within 30 days, e-mail not the primary SMTP address, no chain to the issuing-CA store) and the
 * store itself, as text on stdout and as one self-contained HTML file.
 *
 * <p>Usage: {@code AuditTenant BASE_URI TENANT TOKEN_ENV OUT.html} (exit 1 when not clean)
 */
public final class AuditTenant {
  private AuditTenant() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: AuditTenant BASE_URI TENANT TOKEN_ENV OUT.html");
      System.exit(2);
    }
    ExchangeClient exo = Tenant.fromEnvironment(args[0], args[1], args[2]);
    System.exit(audit(exo, Path.of(args[3]), Instant.now()).clean() ? 0 : 1);
  }

  /** Reads the whole tenant, checks it, writes the HTML report and prints the text one. */
  static AuditReport audit(ExchangeClient exo, Path html, Instant at) throws IOException {
    AuditReport report = exo.audit(AuditOptions.at(at).withExpiringWithin(Duration.ofDays(30)));
    Files.writeString(html, AuditReports.html(report), StandardCharsets.UTF_8);
    System.out.print(AuditReports.text(report));
    System.out.println(
        report.count(Severity.ERROR)
            + " error(s), "
            + report.count(Severity.WARNING)
            + " warning(s)");
    return report;
  }
}
