package io.github.smimekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Severity;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.ApplyListener;
import io.github.smimekit.exchange.ApplyOutcome;
import io.github.smimekit.exchange.AuditOptions;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.AuditReports;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.Plans;
import io.github.smimekit.exchange.RecipientOutcome;
import io.github.smimekit.exchange.RecipientPlan;
import io.github.smimekit.exchange.RecipientRef;
import io.github.smimekit.exchange.TenantState;
import io.github.smimekit.exchange.Verification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code smime exchange apply|verify|audit}: the plan run, compared or checked over the Exchange
 * Online Admin API ({@link ExchangeConnection} for the connection options, {@link ProgressDisplay}
 * for progress on stderr).
 */
final class ExchangeLiveCommands {
  private ExchangeLiveCommands() {}

  /** {@code --quiet}: no progress display. */
  static final class QuietOption {
    @Option(
        names = {"-q", "--quiet"},
        description =
            "No progress on stderr (by default: one line updated in place on a terminal, a plain"
                + " line every 10% or 5 s otherwise).")
    boolean quiet;

    /** The progress display, or none with {@code --quiet}. */
    Progress progress(BaseCommand command) {
      return quiet ? Progress.NONE : new Progress(ProgressDisplay.forStderr(command.err()));
    }
  }

  /** A progress display, or none. */
  static final class Progress {
    static final Progress NONE = new Progress(null);

    private final @Nullable ProgressDisplay display;

    Progress(@Nullable ProgressDisplay display) {
      this.display = display;
    }

    ApplyListener listener() {
      return display == null ? ApplyListener.NONE : display;
    }

    void finish() {
      if (display != null) {
        display.finish();
      }
    }
  }

  /** The live state of the desired recipients (those that exist) and the issuing-CA store. */
  static TenantState readDesired(ExchangeClient client, DesiredState desired) {
    List<RecipientRef> refs =
        desired.recipients().stream()
            .map(r -> new RecipientRef(r.type(), r.identity().value()))
            .toList();
    return client.readState(refs);
  }

  /**
   * What {@code apply} and {@code verify} share: the planning options, {@code --at}, {@code
   * --quiet} and the connection; {@link #call} reads the desired state and connects, then {@link
   * #run} does the command's work.
   */
  abstract static class LiveCommand extends BaseCommand implements Callable<Integer> {
    @Mixin ExchangeCommands.PlanSettings inputs = new ExchangeCommands.PlanSettings();
    @Mixin AtOption at = new AtOption();
    @Mixin QuietOption quiet = new QuietOption();

    @ArgGroup(exclusive = false, multiplicity = "1", heading = ExchangeConnection.HEADING)
    @Nullable ExchangeConnection connection;

    @Override
    public final Integer call() throws IOException {
      Instant when = at.orNow(context.clock());
      DesiredState desired = inputs.desiredState();
      Progress progress = quiet.progress(this);
      ExchangeClient client = Objects.requireNonNull(connection).client(this, progress.listener());
      return run(when, desired, progress, client);
    }

    /**
     * The command's work.
     *
     * @return the exit code
     */
    abstract int run(Instant when, DesiredState desired, Progress progress, ExchangeClient client)
        throws IOException;
  }

  /** {@code smime exchange apply}. */
  @Command(
      name = "apply",
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime exchange apply --desired desired.json --tenant contoso.onmicrosoft.com \\",
        "      --token-command 'az account get-access-token --resource"
            + " https://outlook.office365.com --query accessToken -o tsv'",
        "  smime exchange apply --desired desired.json --tenant contoso.onmicrosoft.com \\",
        "      --client-id 3f1c2a9e-7b4d-4e21-9c8a-5d6e7f8a9b0c --certificate app.p12"
            + " --password-env APP_P12_PASSWORD --json"
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {
        "0:every recipient applied or unchanged, and read back as planned",
        "1:a recipient (or the issuing-CA store) is blocked or failed (the output says why)",
        Help.USAGE,
        "3:bad input, or the Admin API refused the connection (one line on stderr)",
        Help.INTERNAL
      },
      description = {
        "Read the live state of the desired recipients, plan, print the plan, run it over the"
            + " Admin API, read every touched recipient and the issuing-CA store back and print"
            + " each outcome: applied, unchanged or failed with the reason.",
        "A failed or blocked recipient does not stop the others; running apply again after a"
            + " failure converges. For a dry run use 'smime exchange plan' with the same"
            + " connection options."
      })
  static final class ApplyCommand extends LiveCommand {
    @Override
    int run(Instant when, DesiredState desired, Progress progress, ExchangeClient client)
        throws IOException {
      Plan plan;
      ApplyOutcome outcome;
      try {
        TenantState state = readDesired(client, desired);
        plan = inputs.plan(desired, Optional.of(state), when, this);
        if (!json) {
          progress.finish();
          out().print(Plans.text(plan));
          out().flush();
        }
        outcome = client.apply(plan);
      } finally {
        progress.finish();
      }
      boolean ok = outcome.succeeded() && !plan.hasBlocked();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tenant", client.tenant().value());
        doc.put("succeeded", ok);
        doc.put("summary", summary(outcome));
        doc.put(
            "recipients", outcome.recipients().stream().map(ExchangeLiveCommands::json).toList());
        doc.put("issuingCa", outcome.issuingCa().map(ExchangeLiveCommands::json).orElse(null));
        doc.put("plan", Plans.jsonTree(plan));
        printJson(doc);
      } else {
        out().println();
        outcome.issuingCa().ifPresent(this::printOutcome);
        outcome.recipients().forEach(this::printOutcome);
        Map<String, Integer> s = summary(outcome);
        printf(
            "Apply: %d applied, %d unchanged, %d failed.%n",
            s.get("applied"), s.get("unchanged"), s.get("failed"));
        out().flush();
      }
      return ok ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
    }

    private void printOutcome(RecipientOutcome o) {
      String what = o.type().map(t -> t.jsonName() + " " + o.target()).orElse("issuing-CA store");
      String status = status(o);
      if (o.reason().isPresent()) {
        printf("  %-9s %s: %s%n", status, what, o.reason().get());
      } else {
        printf("  %-9s %s%n", status, what);
      }
    }
  }

  private static String status(RecipientOutcome o) {
    return o.status().name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, Integer> summary(ApplyOutcome outcome) {
    Map<String, Integer> s = new LinkedHashMap<>();
    s.put("applied", 0);
    s.put("unchanged", 0);
    s.put("failed", 0);
    List<RecipientOutcome> all = new ArrayList<>(outcome.recipients());
    outcome.issuingCa().ifPresent(all::add);
    for (RecipientOutcome o : all) {
      s.merge(status(o), 1, Integer::sum);
    }
    return s;
  }

  /** Thumbprints as the JSON shows them: upper-case hex. */
  static List<String> hex(List<Thumbprint> thumbprints) {
    return thumbprints.stream().map(Thumbprint::hex).toList();
  }

  /** The stable JSON of one outcome. */
  static Map<String, Object> json(RecipientOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", o.target());
    m.put("type", o.type().map(t -> t.jsonName()).orElse(null));
    m.put("status", status(o));
    m.put("reason", o.reason().orElse(null));
    m.put("expectedThumbprints", hex(o.expectedThumbprints()));
    m.put("actualThumbprints", hex(o.actualThumbprints()));
    return m;
  }

  /** {@code smime exchange verify}. */
  @Command(
      name = "verify",
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime exchange verify --desired desired.json --tenant contoso.onmicrosoft.com"
            + " --token-env EXO_TOKEN",
        "  smime exchange verify --desired desired.json --certificates certs/ \\",
        "      --tenant contoso.onmicrosoft.com --base-uri http://127.0.0.1:8443/adminapi/beta/"
            + " --token-env EXO_TOKEN --json"
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {
        "0:the tenant holds the desired state",
        "1:the tenant differs (the output lists the recipients and the store that differ)",
        Help.USAGE,
        "3:bad input, or the Admin API refused the connection (one line on stderr)",
        Help.INTERNAL
      },
      description = {
        "Compare the desired state with the live tenant without changing anything (only Get-*"
            + " cmdlets are sent). Give the same --certificates and planning options as to"
            + " apply."
      })
  static final class VerifyCommand extends LiveCommand {
    @Override
    int run(Instant when, DesiredState desired, Progress progress, ExchangeClient client)
        throws IOException {
      Verification v;
      try {
        List<X509Certificate> bulk = inputs.bulk(this);
        PlanOptions options = inputs.options(when);
        v = client.verify(inputs.withFetchOverrides(desired, this), bulk, options);
      } finally {
        progress.finish();
      }
      Plan plan = v.plan();
      boolean storeDiffers = plan.caStore().changed();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tenant", client.tenant().value());
        doc.put("matches", v.matches());
        List<Map<String, Object>> diffs = new ArrayList<>();
        for (RecipientPlan r : v.differences()) {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("type", r.type().jsonName());
          d.put("identity", r.identity().value());
          d.put("status", r.status().jsonName());
          d.put("findings", findings(r.findings()));
          diffs.add(d);
        }
        doc.put("differences", diffs);
        doc.put("issuingCaDiffers", storeDiffers);
        doc.put("plan", Plans.jsonTree(plan));
        printJson(doc);
      } else if (v.matches()) {
        printf(
            "The tenant matches the desired state (%d recipients%s).%n",
            plan.recipients().size(),
            desired.issuingCa().isPresent() ? " and the issuing-CA store" : "");
      } else {
        printf("The tenant differs from the desired state:%n");
        if (storeDiffers) {
          printf("  issuing-CA store: differs%n");
        }
        for (RecipientPlan r : v.differences()) {
          printf("  %s %s: %s%n", r.type().jsonName(), r.identity().value(), r.status().jsonName());
        }
        out().println();
        out().print(Plans.text(plan));
      }
      out().flush();
      return v.matches() ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
    }
  }

  private static List<Map<String, Object>> findings(List<ExchangeFinding> findings) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ExchangeFinding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", f.severity().name());
      m.put("code", f.code());
      m.put("message", f.message());
      list.add(m);
    }
    return list;
  }

  /** {@code smime exchange audit}. */
  @Command(
      name = "audit",
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime exchange audit --tenant contoso.onmicrosoft.com --token-env EXO_TOKEN"
            + " --expiring-within 60 --html audit.html",
        "  smime exchange audit --tenant contoso.onmicrosoft.com --client-id"
            + " 3f1c2a9e-7b4d-4e21-9c8a-5d6e7f8a9b0c --certificate app.p12 --password-env"
            + " APP_P12_PASSWORD --json"
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {
        "0:no ERROR finding (warnings, such as certificates expiring soon, do not fail)",
        "1:the audit has an ERROR finding (an expired or unfit certificate, a chain that does"
            + " not reach the store, ...)",
        Help.USAGE,
        "3:bad input, or the Admin API refused the connection (one line on stderr)",
        Help.INTERNAL
      },
      description = {
        "Read every mailbox, mail user and mail contact and the issuing-CA store, and check each"
            + " certificate: expiry (and what expires within --expiring-within days), e-mail"
            + " match, S/MIME fitness, chain into the store, stale UserSMimeCertificate, more"
            + " than 15 values. Changes nothing.",
        "Exit 1 when any finding is an ERROR; warnings are reported but exit 0."
      })
  static final class AuditCommand extends BaseCommand implements Callable<Integer> {
    @Mixin AtOption at = new AtOption();
    @Mixin QuietOption quiet = new QuietOption();

    @Option(
        names = "--expiring-within",
        paramLabel = "DAYS",
        description = "Report certificates that expire within DAYS days (default 30).")
    int expiringWithin = 30;

    @Option(
        names = "--html",
        paramLabel = "FILE",
        description =
            "Also write the report as one self-contained HTML file (no scripts, nothing loaded"
                + " from anywhere).")
    @Nullable Path html;

    @Mixin OutputFile.Force force = new OutputFile.Force();

    @ArgGroup(exclusive = false, multiplicity = "1", heading = ExchangeConnection.HEADING)
    @Nullable ExchangeConnection connection;

    @Override
    public Integer call() throws IOException {
      if (expiringWithin < 0 || expiringWithin > 3650) {
        throw usage("--expiring-within must be 0..3650 days: " + expiringWithin);
      }
      if (html != null) {
        OutputFile.check(this, "--html", html, force.force, List.of());
      }
      AuditOptions options =
          AuditOptions.at(at.orNow(context.clock()))
              .withExpiringWithin(Duration.ofDays(expiringWithin));
      Progress progress = quiet.progress(this);
      ExchangeClient client = Objects.requireNonNull(connection).client(this, progress.listener());
      AuditReport report;
      try {
        report = client.audit(options);
      } finally {
        progress.finish();
      }
      if (html != null) {
        OutputFile.write(html, AuditReports.html(report).getBytes(StandardCharsets.UTF_8));
      }
      if (json) {
        try {
          printJson(JSON.readTree(AuditReports.json(report)));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("the audit's JSON does not parse", e);
        }
      } else {
        out().print(AuditReports.text(report));
        if (html != null) {
          printf("Wrote %s.%n", html);
        }
        out().flush();
      }
      return report.count(Severity.ERROR) > 0 ? ExitCode.FOUND_PROBLEM : ExitCode.OK;
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
}
