package io.github.smimekit.exchange.internal.plan;

import io.github.smimekit.core.Severity;
import io.github.smimekit.exchange.CertificateChange;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.RecipientPlan;
import io.github.smimekit.exchange.RecipientStatus;
import java.util.List;
import java.util.Locale;

/** The text rendering of a plan. */
public final class PlanText {
  private PlanText() {}

  /** Renders. */
  public static String render(Plan plan) {
    StringBuilder b = new StringBuilder();
    b.append("Exchange Online S/MIME plan at ").append(plan.at()).append("\n\n");
    b.append("Symbols: + add, - remove, ~ change, ! blocked\n\n");

    var ca = plan.caStore();
    if (!ca.changes().isEmpty() || !ca.findings().isEmpty()) {
      boolean blocked = ca.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
      String sym = blocked ? "!" : ca.changed() ? "~" : " ";
      b.append(sym)
          .append(" issuing-CA store (Set-SmimeConfig -SMIMECertificateIssuingCA)")
          .append(blocked ? " (blocked)" : ca.changed() ? "" : " (unchanged)")
          .append('\n');
      changes(b, ca.changes());
      findings(b, ca.findings());
      b.append('\n');
    }
    for (RecipientPlan r : plan.recipients()) {
      String sym =
          switch (r.status()) {
            case CREATE -> "+";
            case CHANGE -> "~";
            case UNCHANGED -> " ";
            case BLOCKED -> "!";
          };
      b.append(sym)
          .append(' ')
          .append(r.type().jsonName())
          .append(' ')
          .append(PlanJson.printable(r.identity().value()))
          .append(" (")
          .append(r.status().jsonName())
          .append(")\n");
      changes(b, r.changes());
      findings(b, r.findings());
      b.append('\n');
    }
    if (!plan.findings().isEmpty()) {
      b.append("Bulk certificates:\n");
      findings(b, plan.findings());
      b.append('\n');
    }
    b.append(summary(plan)).append('\n');
    return b.toString();
  }

  /** "Plan: 1 to add, 2 to change, 0 to destroy; 3 unchanged, 1 blocked." */
  public static String summary(Plan plan) {
    if (plan.isEmpty() && !plan.hasBlocked()) {
      return "No changes. The tenant holds the desired state.";
    }
    int add = plan.recipients(RecipientStatus.CREATE).size();
    int change =
        plan.recipients(RecipientStatus.CHANGE).size()
            + (plan.caStore().operation().isPresent() ? 1 : 0);
    return "Plan: "
        + add
        + " to add, "
        + change
        + " to change, 0 to destroy; "
        + plan.recipients(RecipientStatus.UNCHANGED).size()
        + " unchanged, "
        + plan.recipients(RecipientStatus.BLOCKED).size()
        + " blocked; "
        + plan.operations().size()
        + " operations.";
  }

  private static void changes(StringBuilder b, List<CertificateChange> changes) {
    for (CertificateChange c : changes) {
      b.append("    ")
          .append(c.kind().symbol())
          .append(' ')
          .append(c.attribute())
          .append(' ')
          .append(c.sha1().hex())
          .append("  ")
          .append(PlanJson.printable(c.subject()));
      c.notAfter().ifPresent(t -> b.append("  expires ").append(t));
      b.append('\n');
    }
  }

  private static void findings(StringBuilder b, List<ExchangeFinding> findings) {
    for (ExchangeFinding f : findings) {
      b.append("    ")
          .append(f.severity().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(f.code())
          .append(": ")
          .append(PlanJson.printable(f.message()))
          .append('\n');
    }
  }
}
