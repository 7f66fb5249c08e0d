package io.github.smimekit.cli;

import io.github.smimekit.core.FetchOptions;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.IssuingCa;
import io.github.smimekit.exchange.IssuingCaStoreCheck;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.Planner;
import io.github.smimekit.exchange.Plans;
import io.github.smimekit.exchange.PowerShell7;
import io.github.smimekit.exchange.ScriptConnect;
import io.github.smimekit.exchange.TenantState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code smime exchange ...}: plan and script the Exchange Online publication. */
@Command(
    name = "exchange",
    mixinStandardHelpOptions = true,
    footerHeading = Help.EXAMPLES,
    footer = {
      "  smime exchange plan --desired samples/exchange/desired.json --current samples/exchange/current.json",
      "  smime exchange fake --port 8443",
      "  smime exchange apply --desired desired.json --tenant contoso.onmicrosoft.com --token-env EXO_TOKEN"
    },
    description =
        "Plan the Exchange Online S/MIME publication, write it as PowerShell 7, or apply, verify"
            + " and audit it over the Admin API.",
    subcommands = {
      ExchangeCommands.PlanCommand.class,
      ExchangeCommands.ScriptCommand.class,
      ExchangeCommands.ExportScriptCommand.class,
      ExchangeLiveCommands.ApplyCommand.class,
      ExchangeLiveCommands.VerifyCommand.class,
      ExchangeLiveCommands.AuditCommand.class,
      ExchangeFakeCommand.class
    })
final class ExchangeCommands {
  private ExchangeCommands() {}

  /**
   * The options of {@code plan}, {@code script}, {@code apply} and {@code verify} but {@code
   * --current}.
   */
  static class PlanSettings {
    @Option(
        names = "--desired",
        required = true,
        paramLabel = "FILE",
        description = "The desired-state file (JSON).")
    @Nullable Path desired;

    @Option(
        names = "--certificates",
        paramLabel = "DIR",
        description =
            "A folder of certificates to match to recipients by e-mail address (subjectAltName,"
                + " then E=, ignoring case).")
    @Nullable Path certificates;

    @Option(
        names = "--max-certificates",
        paramLabel = "N",
        description = "Keep at most N newest valid certificates per recipient (default 3).")
    int maxCertificates = PlanOptions.DEFAULT_MAX_CERTIFICATES;

    @Option(
        names = "--keep-expired",
        description = "Keep expired certificates (they then block their recipient).")
    boolean keepExpired;

    @Option(
        names = "--keep-unused-cas",
        description = "Keep CA certificates of the tenant's store that no chain needs.")
    boolean keepUnusedCas;

    @Option(
        names = "--match-proxy-addresses",
        description = "Accept certificates whose address is a proxy address of the recipient.")
    boolean matchProxyAddresses;

    @Option(
        names = "--keep-stale-smime-certificate",
        description = "Report, but do not clear, a stale UserSMimeCertificate.")
    boolean keepStaleSmime;

    @Option(
        names = "--store-size-limit",
        paramLabel = "BYTES",
        description =
            "Largest issuing-CA store accepted (default 70000, Exchange Server's limit;"
                + " unverified for Exchange Online).")
    long storeSizeLimit = IssuingCaStoreCheck.DEFAULT_SIZE_LIMIT_BYTES;

    @Option(
        names = "--fetch-cache",
        paramLabel = "DIR",
        description =
            "For issuingCa.fromChains: fetch missing issuers from caIssuers URLs, caching the"
                + " answers in DIR (instead of the desired state's fetch.cache).")
    @Nullable Path fetchCache;

    @Option(
        names = "--offline",
        description =
            "For issuingCa.fromChains: read fetched issuers from the cache only; make no request.")
    boolean offline;

    /** The desired-state file, read. */
    DesiredState desiredState() throws IOException {
      return DesiredState.read(Objects.requireNonNull(desired));
    }

    /** The plan from {@code c} (none: every recipient exists without certificates) to {@code d}. */
    Plan plan(DesiredState d, Optional<TenantState> c, java.time.Instant at, BaseCommand command)
        throws IOException {
      List<X509Certificate> bulk = bulk(command);
      return Planner.plan(withFetchOverrides(d, command), c, bulk, options(at));
    }

    /** The certificates of {@code --certificates} (none without it); skipped files reported. */
    List<X509Certificate> bulk(BaseCommand command) throws IOException {
      List<X509Certificate> bulk = new ArrayList<>();
      if (certificates != null) {
        if (!Files.isDirectory(certificates)) {
          throw new BadInputException("--certificates: not a folder: " + certificates);
        }
        Inputs.Read read = Inputs.readDirectory(certificates);
        command.reportSkipped(read.skipped());
        bulk.addAll(read.certificates());
      }
      return bulk;
    }

    /** The planner's settings at {@code at}. */
    PlanOptions options(java.time.Instant at) {
      if (maxCertificates < 1 || maxCertificates > 15) {
        throw new BadInputException("--max-certificates must be 1..15: " + maxCertificates);
      }
      return PlanOptions.at(at)
          .withMaxCertificates(maxCertificates)
          .withDropExpired(!keepExpired)
          .withKeepUnusedCas(keepUnusedCas)
          .withMatchProxyAddresses(matchProxyAddresses)
          .withClearStaleUserSMimeCertificate(!keepStaleSmime)
          .withStoreCheck(IssuingCaStoreCheck.defaults().withSizeLimitBytes(storeSizeLimit));
    }

    /**
     * {@code d} with {@code --fetch-cache} and {@code --offline} applied to its fromChains fetch.
     */
    DesiredState withFetchOverrides(DesiredState d, BaseCommand command) {
      Path cache = fetchCache;
      if (cache == null && !offline) {
        return d;
      }
      if (!(d.issuingCa().orElse(null) instanceof IssuingCa.FromChains fc)) {
        throw command.usage(
            "--fetch-cache and --offline apply to an issuingCa given as fromChains only");
      }
      FetchOptions given = fc.fetch().orElse(FetchOptions.defaults());
      FetchOptions.Builder f = given.toBuilder();
      if (cache != null) {
        f.cacheDirectory(cache);
      } else if (offline && given.cacheDirectory().isEmpty()) {
        throw command.usage(
            "--offline needs --fetch-cache DIR or fetch.cache in the desired state");
      }
      if (offline) {
        f.offline(true);
      }
      return new DesiredState(d.recipients(), Optional.of(fc.withFetch(Optional.of(f.build()))));
    }
  }

  /** The options shared by {@code plan} and {@code script}: the settings and {@code --current}. */
  static final class PlanInputs extends PlanSettings {
    @Option(
        names = "--current",
        paramLabel = "FILE",
        description =
            "The tenant's current state, as written by the script of 'smime exchange"
                + " export-script'. Without it (and, for plan, without the live options), every"
                + " recipient is assumed to exist without certificates.")
    @Nullable Path current;

    Plan plan(java.time.Instant at, BaseCommand command) throws IOException {
      DesiredState d = desiredState();
      Optional<TenantState> c =
          current == null ? Optional.empty() : Optional.of(DesiredState.readCurrent(current));
      return plan(d, c, at, command);
    }
  }

  /** {@code --connect-upn} or {@code --connect-app ...}: the script's sign-in preamble. */
  static final class ConnectOptions {
    @Option(
        names = "--connect-upn",
        paramLabel = "UPN",
        description = "Start the script with Connect-ExchangeOnline -UserPrincipalName UPN.")
    @Nullable String upn;

    @Option(
        names = "--connect-certificate-thumbprint",
        paramLabel = "SHA1",
        description = "App-only sign-in: the certificate's thumbprint in the local store.")
    @Nullable String thumbprint;

    @Option(names = "--connect-app-id", paramLabel = "GUID", description = "App-only: the app id.")
    @Nullable String appId;

    @Option(
        names = "--connect-organization",
        paramLabel = "DOMAIN",
        description = "App-only: the *.onmicrosoft.com organization.")
    @Nullable String organization;

    ScriptConnect connect() {
      boolean app = thumbprint != null || appId != null || organization != null;
      if (upn != null && app) {
        throw new BadInputException(
            "--connect-upn and the app-only --connect-* options exclude each other");
      }
      if (upn != null) {
        return ScriptConnect.delegated(upn);
      }
      if (app) {
        if (thumbprint == null || appId == null || organization == null) {
          throw new BadInputException(
              "app-only sign-in needs --connect-certificate-thumbprint, --connect-app-id and"
                  + " --connect-organization");
        }
        return ScriptConnect.appOnly(thumbprint, appId, organization);
      }
      return ScriptConnect.none();
    }
  }

  /** {@code smime exchange plan}. */
  @Command(
      name = "plan",
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime exchange plan --desired samples/exchange/desired.json --current samples/exchange/current.json",
        "  smime exchange plan --desired desired.json --certificates certs/ --json",
        "  smime exchange plan --desired desired.json --tenant contoso.onmicrosoft.com --token-env EXO_TOKEN"
      },
      description =
          "Compare the desired state with the current state and print the change table (exit 1"
              + " when a recipient is blocked).")
  static final class PlanCommand extends BaseCommand implements Callable<Integer> {
    @Mixin PlanInputs inputs = new PlanInputs();
    @Mixin AtOption at = new AtOption();

    @Option(
        names = {"-q", "--quiet"},
        description = "With the live options: no progress on stderr.")
    boolean quiet;

    @ArgGroup(
        exclusive = false,
        heading =
            "%nLive current state (instead of --current): read the desired recipients and the"
                + " issuing-CA store over the Admin API%n")
    @Nullable ExchangeConnection live;

    @Override
    public Integer call() throws IOException {
      Plan plan;
      if (live != null) {
        if (inputs.current != null) {
          throw usage(
              "--current and the live options (--tenant with --token-env, --token-command or"
                  + " --client-id) exclude each other: give one");
        }
        DesiredState desired = inputs.desiredState();
        ExchangeLiveCommands.Progress progress =
            quiet
                ? ExchangeLiveCommands.Progress.NONE
                : new ExchangeLiveCommands.Progress(ProgressDisplay.forStderr(err()));
        try {
          ExchangeClient client = live.client(this, progress.listener());
          TenantState state = ExchangeLiveCommands.readDesired(client, desired);
          plan = inputs.plan(desired, Optional.of(state), at.orNow(context.clock()), this);
        } finally {
          progress.finish();
        }
      } else {
        plan = inputs.plan(at.orNow(context.clock()), this);
      }
      if (json) {
        printJson(Plans.jsonTree(plan));
      } else {
        out().print(Plans.text(plan));
        out().flush();
      }
      return plan.hasBlocked() ? ExitCode.FOUND_PROBLEM : ExitCode.OK;
    }
  }

  /** {@code smime exchange script}. */
  @Command(
      name = "script",
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime exchange script --desired samples/exchange/desired.json --out publish.ps1 --connect-upn admin@contoso.example"
      },
      description =
          "Write the plan as a PowerShell 7 script (exit 1 when a recipient is blocked: the"
              + " script then leaves it out).")
  static final class ScriptCommand extends BaseCommand implements Callable<Integer> {
    @Mixin PlanInputs inputs = new PlanInputs();
    @Mixin AtOption at = new AtOption();

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The .ps1 to write.")
    @Nullable Path outFile;

    @ArgGroup(exclusive = false)
    ConnectOptions connect = new ConnectOptions();

    @Override
    public Integer call() throws IOException {
      ScriptConnect c = connect == null ? ScriptConnect.none() : connect.connect();
      Plan plan = inputs.plan(at.orNow(context.clock()), this);
      String script = PowerShell7.script(plan, c);
      Files.writeString(Objects.requireNonNull(outFile), script, StandardCharsets.UTF_8);
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("out", outFile.toString());
        doc.put("plan", Plans.jsonTree(plan));
        printJson(doc);
      } else {
        out().println("Wrote " + outFile + ": " + plan.operations().size() + " operations.");
        out().print(Plans.text(plan));
        out().flush();
      }
      return plan.hasBlocked() ? ExitCode.FOUND_PROBLEM : ExitCode.OK;
    }
  }

  /** {@code smime exchange export-script}. */
  @Command(
      name = "export-script",
      footerHeading = Help.EXAMPLES,
      footer = {"  smime exchange export-script --out export.ps1   # then: pwsh ./export.ps1"},
      description =
          "Write a PowerShell 7 script that saves the tenant's current S/MIME state as a"
              + " --current file.")
  static final class ExportScriptCommand extends BaseCommand implements Callable<Integer> {
    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The .ps1 to write.")
    @Nullable Path outFile;

    @ArgGroup(exclusive = false)
    ConnectOptions connect = new ConnectOptions();

    @Override
    public Integer call() throws IOException {
      ScriptConnect c = connect == null ? ScriptConnect.none() : connect.connect();
      Files.writeString(
          Objects.requireNonNull(outFile), PowerShell7.exportScript(c), StandardCharsets.UTF_8);
      if (json) {
        printJson(Map.of("out", outFile.toString()));
      } else {
        out().println("Wrote " + outFile + ". Run it with pwsh; it writes current.json.");
        out().flush();
      }
      return ExitCode.OK;
    }
  }
}
