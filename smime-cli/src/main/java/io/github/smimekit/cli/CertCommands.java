package io.github.smimekit.cli;

import io.github.smimekit.core.Finding;
import io.github.smimekit.core.FitnessReport;
import io.github.smimekit.core.Purpose;
import io.github.smimekit.core.Severity;
import io.github.smimekit.core.SmimeFitness;
import io.github.smimekit.core.Thumbprint;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smime cert ...}: look at and check certificates. */
@Command(
    name = "cert",
    header = "Inspect and check certificates.",
    mixinStandardHelpOptions = true,
    description =
        "Inspect and check certificates (any encoding: DER, PEM, base64, PKCS#7, UTF-16 text,"
            + " .sst stores).",
    subcommands = {CertCommands.Info.class, CertCommands.Check.class},
    footerHeading = Help.EXAMPLES,
    footer = {
      "  smime cert info samples/alice.cer",
      "  smime cert check samples/alice.cer --email alice@contoso.example"
    })
final class CertCommands {
  private CertCommands() {}

  /** {@code smime cert info FILE...}. */
  @Command(
      name = "info",
      header = "Show the fields of certificates in any encoding.",
      description = {
        "Show subject, issuer, serial, validity (ISO-8601 UTC), SHA-1 and SHA-256 thumbprints"
            + " (upper-case hex, as Windows shows them), e-mail addresses, key, key usage and"
            + " extended key usage of every certificate in the files.",
        "The encoding is detected from the content, whatever the file is called."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime cert info samples/alice.cer",
        "  smime cert info --json samples/alice.cer samples/issuing-ca.cer"
      })
  static final class Info extends BaseCommand implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        paramLabel = "FILE",
        description = "Certificate files: DER, PEM, base64, PKCS#7 (.p7b/.p7c) or .sst.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      List<Map<String, Object>> all = new ArrayList<>();
      List<Inputs.Skipped> skipped = new ArrayList<>();
      for (Path file : files) {
        Inputs.Read read = Inputs.read(file);
        skipped.addAll(read.skipped());
        List<X509Certificate> certs = read.certificates();
        for (int i = 0; i < certs.size(); i++) {
          Map<String, Object> view = new LinkedHashMap<>();
          view.put("file", file.toString());
          view.put("index", i);
          view.putAll(CertificateView.of(certs.get(i)));
          all.add(view);
        }
      }
      reportSkipped(skipped);
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("certificates", all);
        doc.put("skipped", skippedJson(skipped));
        printJson(doc);
      } else {
        for (Map<String, Object> view : all) {
          printText(view);
        }
      }
      return ExitCode.OK;
    }

    private void printText(Map<String, Object> view) {
      printf("%s #%s%n", view.get("file"), view.get("index"));
      view.forEach(
          (key, value) -> {
            if (!key.equals("file") && !key.equals("index")) {
              String shown =
                  value instanceof List<?> list
                      ? (list.isEmpty() ? "(none)" : String.join(", ", asStrings(list)))
                      : String.valueOf(value);
              printf("  %-17s %s%n", key, shown);
            }
          });
      printf("%n");
    }
  }

  /** {@code smime cert check FILE --email ADDR [--purpose ...] [--at TIME]}. */
  @Command(
      name = "check",
      header = "Check that a certificate is fit for S/MIME in Outlook and OWA.",
      description = {
        "Check that a certificate is fit for S/MIME in Outlook and OWA for ADDR: validity, the"
            + " emailProtection EKU, key usage for the purpose, the address, RSA key size, SHA-1"
            + " and MD5 signatures, self-signed or CA certificates used as end entities.",
        "Each finding has a stable code and a severity (ERROR or WARNING)."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {
        Help.OK,
        "1:a finding is an ERROR",
        Help.USAGE,
        Help.BAD_INPUT,
        Help.INTERNAL
      },
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime cert check samples/alice.cer --email alice@contoso.example",
        "  smime cert check samples/alice.cer --email alice@contoso.example --purpose sign"
            + " --at 2027-06-01 --json"
      })
  static final class Check extends BaseCommand implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "The certificate file (any encoding; every certificate in it is checked).")
    @Nullable Path file;

    @Option(
        names = "--email",
        required = true,
        paramLabel = "ADDR",
        description = "The address the certificate is for (the recipient's primary SMTP address).")
    @Nullable String email;

    @Option(
        names = "--purpose",
        paramLabel = "sign|encrypt|both",
        description =
            "What the certificate is used for: sign, encrypt or both (default: ${DEFAULT-VALUE}).",
        defaultValue = "both")
    Purpose purpose = Purpose.BOTH;

    @Mixin AtOption at = new AtOption();

    @Option(
        names = "--expiring-within",
        paramLabel = "DAYS",
        defaultValue = "30",
        description = "Warn when the certificate expires within DAYS (default: ${DEFAULT-VALUE}).")
    int expiringWithinDays = 30;

    @Override
    public Integer call() throws IOException {
      if (expiringWithinDays < 0) {
        throw usage("--expiring-within must be 0 or more: " + expiringWithinDays);
      }
      String address = java.util.Objects.requireNonNull(email);
      if (address.isBlank()) {
        throw usage("--email must be an e-mail address, not an empty or blank value");
      }
      if (address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw usage("--email must not hold control characters: '" + address + "'");
      }
      SmimeFitness fitness =
          SmimeFitness.builder()
              .expiringWithin(java.time.Duration.ofDays(expiringWithinDays))
              .build();
      Path path = java.util.Objects.requireNonNull(file);
      Instant time = at.orNow(context.clock());
      Inputs.Read read = Inputs.read(path);
      reportSkipped(read.skipped());
      List<X509Certificate> certs = read.certificates();
      List<Map<String, Object>> results = new ArrayList<>();
      int errors = 0;
      int warnings = 0;
      for (X509Certificate cert : certs) {
        FitnessReport report = fitness.check(cert, address, purpose, time);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
          Map<String, Object> fm = new LinkedHashMap<>();
          fm.put("code", f.code().code());
          fm.put("severity", f.severity().name());
          fm.put("message", f.message());
          findings.add(fm);
          if (f.severity() == Severity.ERROR) {
            errors++;
          } else if (f.severity() == Severity.WARNING) {
            warnings++;
          }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("subject", Names.subject(cert));
        r.put("sha1", Thumbprint.sha1(cert).hex());
        r.put("findings", findings);
        results.add(r);
      }
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", path.toString());
        doc.put("email", address);
        doc.put("purpose", purpose.name().toLowerCase(Locale.ROOT));
        doc.put("at", time.toString());
        doc.put("errors", errors);
        doc.put("warnings", warnings);
        doc.put("certificates", results);
        doc.put("skipped", skippedJson(read.skipped()));
        printJson(doc);
      } else {
        for (Map<String, Object> r : results) {
          printf("%s (%s)%n", r.get("subject"), r.get("sha1"));
          List<?> findings = (List<?>) Objects.requireNonNull(r.get("findings"));
          if (findings.isEmpty()) {
            printf("  ok: fit for S/MIME %s%n", purpose.name().toLowerCase(Locale.ROOT));
          }
          for (Object o : findings) {
            Map<?, ?> f = (Map<?, ?>) o;
            printf("  %-7s %-28s %s%n", f.get("severity"), f.get("code"), f.get("message"));
          }
        }
        printf("%s, %s%n", Text.count(errors, "error"), Text.count(warnings, "warning"));
      }
      return errors > 0 ? ExitCode.FOUND_PROBLEM : ExitCode.OK;
    }
  }

  static List<String> asStrings(List<?> list) {
    List<String> s = new ArrayList<>(list.size());
    for (Object o : list) {
      s.add(String.valueOf(o));
    }
    return s;
  }
}
