package io.github.smimekit.cli;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12ReadOptions;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.mail.AlgorithmSettings;
import io.github.smimekit.mail.BuiltMessage;
import io.github.smimekit.mail.CertificateRejection;
import io.github.smimekit.mail.MessageLimits;
import io.github.smimekit.mail.MessageOptions;
import io.github.smimekit.mail.OpenOptions;
import io.github.smimekit.mail.OpenReport;
import io.github.smimekit.mail.Outcome;
import io.github.smimekit.mail.Recipient;
import io.github.smimekit.mail.RecipientResult;
import io.github.smimekit.mail.Step;
import io.github.smimekit.mail.StepVerdict;
import io.github.smimekit.mail.TestMessage;
import io.github.smimekit.mail.TrustStore;
import io.github.smimekit.mail.UserSMimeCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smime message ...}: prove the set-up with a signed and encrypted test message. */
@Command(
    name = "message",
    mixinStandardHelpOptions = true,
    footerHeading = Help.EXAMPLES,
    footer = {
      "  smime message test --from alice.p12 --password-env P12_PASSWORD --to bob.cer --trust"
          + " chainOfTrust.sst --out test.eml"
    },
    description =
        "Build an S/MIME test message the way Outlook on the web sends it, and open one the way"
            + " the recipient's client does.",
    subcommands = {MessageCommands.Test.class, MessageCommands.Open.class})
final class MessageCommands {
  private MessageCommands() {}

  static Pkcs12Identity identity(Path file, PasswordOptions password, BaseCommand command)
      throws IOException {
    long size = Files.size(file);
    if (size > Pkcs12ReadOptions.DEFAULT_MAX_INPUT_BYTES) {
      throw new BadInputException(
          file
              + ": "
              + size
              + " bytes, more than the PKCS#12 limit of "
              + Pkcs12ReadOptions.DEFAULT_MAX_INPUT_BYTES);
    }
    byte[] data = Files.readAllBytes(file);
    Password pw = password.read(command);
    try {
      return Pkcs12.read(data, pw);
    } finally {
      pw.destroy();
    }
  }

  static AlgorithmSettings algorithms(@Nullable String encryption, @Nullable String signing) {
    return AlgorithmSettings.parse(
        encryption == null ? AlgorithmSettings.DEFAULT_ENCRYPTION : encryption,
        signing == null ? AlgorithmSettings.DEFAULT_SIGNING : signing);
  }

  static Map<String, Object> cert(X509Certificate c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", Names.subject(c));
    m.put("sha1", Thumbprint.sha1(c).hex());
    m.put("notBefore", c.getNotBefore().toInstant().toString());
    m.put("notAfter", c.getNotAfter().toInstant().toString());
    return m;
  }

  /**
   * {@code smime message test --from P12 (password) --to [ADDR=]CERT... --trust STORE --out F}, or
   * the live form {@code --tenant T AUTH --to ADDR...}.
   */
  @Command(
      name = "test",
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime message test --from alice.p12 --password-env P12_PASSWORD --to bob.cer --trust"
            + " chainOfTrust.sst --out test.eml",
        "  smime message test --from alice.p12 --password-env P12_PASSWORD --out test.eml \\",
        "      --tenant contoso.onmicrosoft.com --token-env EXO_TOKEN --to bob@fabrikam.example"
      },
      description = {
        "Write a signed and encrypted test message (RFC 8551) from the sender to the recipients"
            + " and the sender, choosing each recipient's certificate as Outlook on the web does;"
            + " exit 1 when a recipient cannot be encrypted to.",
        "Live form (--tenant with an AUTH form): each --to is an address, looked up in the"
            + " tenant's directory as Outlook on the web does (Get-Mailbox, Get-MailUser,"
            + " Get-MailContact), its UserCertificate and UserSMimeCertificate values are the"
            + " candidates, and the trusted store, algorithms, secondary-proxy and clear-sign"
            + " settings come from Get-SmimeConfig (options given on the command line win)."
      })
  static final class Test extends BaseCommand implements Callable<Integer> {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "P12",
        description = "The sender's identity (.p12/.pfx).")
    @Nullable Path from;

    @ArgGroup(exclusive = true, multiplicity = "1")
    @Nullable PasswordOptions password;

    @Option(
        names = "--to",
        required = true,
        arity = "1..*",
        paramLabel = "[ADDR=]CERT|ADDR",
        description =
            "A recipient's certificate file(s) in any encoding; ADDR= gives the recipient's primary"
                + " SMTP address (default: the first certificate's e-mail address). With --tenant:"
                + " the recipient's address.")
    List<String> to = new ArrayList<>();

    @Option(
        names = "--trust",
        paramLabel = "STORE",
        description =
            "The CA store uploaded to Exchange Online (.sst, or any certificate file); required"
                + " unless --tenant is given, whose SMIMECertificateIssuingCA is then used.")
    @Nullable Path trust;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "Where to write the .eml.")
    @Nullable Path outFile;

    @Option(
        names = "--encryption-algorithms",
        paramLabel = "S",
        description = "The value of OWAEncryptionAlgorithms (default 6610, AES-256).")
    @Nullable String encryption;

    @Option(
        names = "--signing-algorithms",
        paramLabel = "S",
        description = "The value of OWASigningAlgorithms (default 8004, SHA-1).")
    @Nullable String signing;

    @Option(
        names = "--opaque",
        description = "Opaque-signed (OWAClearSign $false) instead of clear-signed.")
    boolean opaque;

    @Option(
        names = "--user-smime-certificate",
        paramLabel = "RULE",
        description =
            "How UserSMimeCertificate weighs against UserCertificate: 'union' (default: both are"
                + " candidates, as Outlook on the web's code does; a stale UserSMimeCertificate is"
                + " a warning) or 'exclusive' (as classic Outlook: when UserSMimeCertificate holds"
                + " a certificate, UserCertificate is not considered). Unverified for Outlook on"
                + " the web in Exchange Online.")
    @Nullable String userSMimeRule;

    @Mixin AtOption at = new AtOption();

    @ArgGroup(exclusive = false, heading = AdminApiConnection.HEADING)
    @Nullable MessageTenantConnection tenant;

    @Override
    public Integer call() throws IOException {
      UserSMimeCertificates rule = rule();
      List<String> notes = new ArrayList<>();
      List<Recipient> recipients = new ArrayList<>();
      TrustStore store;
      AlgorithmSettings settings;
      boolean opaqueSigned = opaque;
      boolean secondaryProxies = true;
      Map<String, Object> source = new LinkedHashMap<>();
      if (tenant == null) {
        if (trust == null) {
          throw usage("--trust is required without --tenant (the live form reads the store)");
        }
        settings = algorithms(encryption, signing);
        store = TrustStore.read(trust);
        for (String spec : to) {
          recipients.add(recipient(spec));
        }
      } else {
        for (String address : to) {
          if (address.indexOf('@') < 1 || address.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw usage(
                "with --tenant, --to takes recipients' e-mail addresses: '" + address + "'");
          }
        }
        TenantDirectory directory =
            new TenantDirectory(
                tenant.client(this, io.github.smimekit.exchange.ApplyListener.NONE));
        TenantDirectory.SmimeConfig config = directory.smimeConfig();
        source.put("tenant", tenant.tenantId(this).toString());
        if (trust != null) {
          store = TrustStore.read(trust);
          source.put("store", trust.toString());
        } else if (config.issuingCa().isPresent()) {
          source.put("store", "Get-SmimeConfig SMIMECertificateIssuingCA");
          TrustStore read;
          try {
            read = TrustStore.read(config.issuingCa().get());
          } catch (SmimeException e) {
            read = TrustStore.of(List.of());
            notes.add(
                "the tenant's SMIMECertificateIssuingCA is not a readable store, so Outlook on the"
                    + " web can validate no chain: "
                    + e.getMessage());
          }
          store = read;
        } else {
          store = TrustStore.of(List.of());
          source.put("store", null);
          notes.add(
              "the tenant has no SMIMECertificateIssuingCA: Outlook on the web trusts no CA, so"
                  + " no certificate's chain can be validated");
        }
        settings =
            algorithms(
                encryption != null ? encryption : config.encryptionAlgorithms().orElse(null),
                signing != null ? signing : config.signingAlgorithms().orElse(null));
        source.put(
            "encryptionAlgorithms",
            encryption != null
                ? "option"
                : config.encryptionAlgorithms().isPresent() ? "Get-SmimeConfig" : "default");
        source.put(
            "signingAlgorithms",
            signing != null
                ? "option"
                : config.signingAlgorithms().isPresent() ? "Get-SmimeConfig" : "default");
        secondaryProxies = config.useSecondaryProxies().orElse(true);
        opaqueSigned = opaque || !config.clearSign().orElse(true);
        for (String address : to) {
          recipients.add(directory.resolve(address));
        }
        notes.addAll(directory.warnings());
      }
      Pkcs12Identity sender =
          identity(Objects.requireNonNull(from), Objects.requireNonNull(password), this);
      Clock clock = Clock.fixed(at.orNow(context.clock()), ZoneOffset.UTC);
      MessageOptions.Builder b =
          MessageOptions.builder()
              .sender(sender)
              .recipients(recipients)
              .trustStore(store)
              .algorithms(settings)
              .opaque(opaqueSigned)
              .useSecondaryProxies(secondaryProxies)
              .userSMimeCertificates(rule)
              .clock(clock);
      if (Certificates.primaryEmail(sender.certificate()).isEmpty()) {
        throw new BadInputException(from + ": the sender certificate has no e-mail address");
      }
      BuiltMessage built = TestMessage.build(b.build());
      Path target = Objects.requireNonNull(outFile);
      if (built.message().isPresent()) {
        Files.write(target, built.message().get().toByteArray());
      }
      if (json) {
        Map<String, Object> doc = doc(built, target);
        if (tenant != null) {
          doc.put("source", source);
        }
        doc.put("warnings", notes);
        printJson(doc);
      } else {
        for (String n : notes) {
          warn("%s", n);
        }
        printText(built, target);
      }
      return built.complete() ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
    }

    private UserSMimeCertificates rule() {
      if (userSMimeRule == null || userSMimeRule.equalsIgnoreCase("union")) {
        return UserSMimeCertificates.UNION;
      }
      if (userSMimeRule.equalsIgnoreCase("exclusive")) {
        return UserSMimeCertificates.EXCLUSIVE;
      }
      throw usage("--user-smime-certificate takes 'union' or 'exclusive': '" + userSMimeRule + "'");
    }

    private static Recipient recipient(String spec) throws IOException {
      int eq = spec.indexOf('=');
      String address = null;
      String file = spec;
      if (eq > 0 && spec.substring(0, eq).indexOf('@') > 0) {
        address = spec.substring(0, eq);
        file = spec.substring(eq + 1);
      }
      List<X509Certificate> certs = Certificates.read(Path.of(file));
      if (address == null) {
        address =
            Certificates.primaryEmail(certs.get(0))
                .orElseThrow(
                    () ->
                        new BadInputException(
                            spec + ": the certificate has no e-mail address; give ADDR=" + spec));
      }
      try {
        return Recipient.of(address, certs);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(spec + ": " + e.getMessage());
      }
    }

    private static Map<String, Object> doc(BuiltMessage built, Path target) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("out", built.message().isPresent() ? target.toString() : null);
      Map<String, Object> enc = new LinkedHashMap<>();
      enc.put("algorithm", built.encryption().displayName());
      enc.put("algId", built.encryption().settingValue());
      doc.put("encryption", enc);
      Map<String, Object> sig = new LinkedHashMap<>();
      sig.put("algorithm", built.signing().name());
      sig.put("algId", built.signing().settingValue());
      doc.put("signing", sig);
      doc.put("opaque", built.opaque());
      doc.put("signer", cert(built.signer()));
      List<Map<String, Object>> list = new ArrayList<>();
      for (RecipientResult r : built.recipients()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", r.address());
        m.put("sender", r.sender());
        m.put("included", r.included());
        m.put("certificate", r.certificate().map(MessageCommands::cert).orElse(null));
        List<Map<String, Object>> rej = new ArrayList<>();
        for (CertificateRejection c : r.rejections()) {
          Map<String, Object> cm = new LinkedHashMap<>();
          cm.put("sha1", c.sha1().orElse(null));
          cm.put("subject", c.subject().isEmpty() ? null : c.subject());
          cm.put("reason", c.reason().name());
          cm.put("detail", c.detail());
          rej.add(cm);
        }
        m.put("rejections", rej);
        m.put("warnings", r.warnings());
        list.add(m);
      }
      doc.put("recipients", list);
      doc.put("complete", built.complete());
      return doc;
    }

    private void printText(BuiltMessage built, Path target) {
      String how =
          built.encryption().displayName()
              + " ("
              + built.encryption().settingValue()
              + "), "
              + built.signing().name()
              + " ("
              + built.signing().settingValue()
              + "), "
              + (built.opaque() ? "opaque-signed" : "clear-signed");
      if (built.message().isPresent()) {
        out().println("wrote " + target + ": " + how);
      } else {
        out().println("no message written: nobody could be encrypted to");
      }
      for (RecipientResult r : built.recipients()) {
        String who = r.address() + (r.sender() ? " (sender)" : "");
        if (r.included()) {
          X509Certificate c = r.certificate().get();
          out()
              .println(
                  "  included  "
                      + who
                      + "  "
                      + Names.subject(c)
                      + "  sha1 "
                      + Thumbprint.sha1(c).hex());
        } else {
          out().println("  REFUSED   " + Text.safe(who + ": " + r.refusal().orElse("")));
        }
        for (String w : r.warnings()) {
          out().println("  warning   " + Text.safe(who + ": " + w));
        }
      }
      out().flush();
    }
  }

  /** {@code smime message open FILE --as P12 (password) --trust STORE}. */
  @Command(
      name = "open",
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime message open test.eml --as bob.p12 --password-env P12_PASSWORD --trust"
            + " chainOfTrust.sst"
      },
      description =
          "Open a message as its recipient: decrypt, check the algorithms, verify the signature,"
              + " validate the signer's chain with exclusive trust in the store, compare the"
              + " signer's e-mail with From; exit 1 when a step fails, 3 when the file is not a"
              + " message.")
  static final class Open extends BaseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The .eml file.")
    @Nullable Path file;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "P12",
        description = "The recipient's identity (.p12/.pfx).")
    @Nullable Path as;

    @ArgGroup(exclusive = true, multiplicity = "1")
    @Nullable PasswordOptions password;

    @Option(
        names = "--trust",
        required = true,
        paramLabel = "STORE",
        description = "The CA store trusted exclusively (.sst, or any certificate file).")
    @Nullable Path trust;

    @Option(
        names = "--encryption-algorithms",
        paramLabel = "S",
        description =
            "Fail the algorithms step unless the message uses one of these"
                + " (OWAEncryptionAlgorithms).")
    @Nullable String encryption;

    @Option(
        names = "--signing-algorithms",
        paramLabel = "S",
        description =
            "Fail the algorithms step unless the message uses one of these (OWASigningAlgorithms).")
    @Nullable String signing;

    @Mixin AtOption at = new AtOption();

    @Override
    public Integer call() throws IOException {
      Path eml = Objects.requireNonNull(file);
      long size = Files.size(eml);
      if (size > MessageLimits.DEFAULT_MAX_MESSAGE_BYTES) {
        throw new BadInputException(
            eml
                + ": "
                + size
                + " bytes, more than the message limit of "
                + MessageLimits.DEFAULT_MAX_MESSAGE_BYTES);
      }
      Bytes bytes;
      try (InputStream in = Files.newInputStream(eml)) {
        bytes = Bytes.read(in, MessageLimits.DEFAULT_MAX_MESSAGE_BYTES);
      }
      TrustStore store = TrustStore.read(Objects.requireNonNull(trust));
      Pkcs12Identity identity =
          identity(Objects.requireNonNull(as), Objects.requireNonNull(password), this);
      OpenOptions.Builder b =
          OpenOptions.builder()
              .message(bytes)
              .identity(identity)
              .trustStore(store)
              .clock(Clock.fixed(at.orNow(context.clock()), ZoneOffset.UTC));
      if (encryption != null || signing != null) {
        b.algorithms(algorithms(encryption, signing));
      }
      OpenReport report = TestMessage.open(b.build());
      if (json) {
        printJson(doc(report, eml));
      } else {
        for (StepVerdict v : report.steps()) {
          out()
              .printf(
                  Locale.ROOT, "%-8s %-13s %s%n", v.outcome().name(), step(v.step()), v.detail());
        }
        out()
            .println(
                report.passed()
                    ? "result: every step passed"
                    : "result: failed at "
                        + step(report.firstFailure().map(StepVerdict::step).orElse(Step.PARSE)));
        out().flush();
      }
      if (report.passed()) {
        return ExitCode.OK;
      }
      if (report.verdict(Step.PARSE).outcome() == Outcome.FAIL) {
        err().println("smime: " + eml + ": " + report.verdict(Step.PARSE).detail());
        err().flush();
        return ExitCode.BAD_INPUT;
      }
      return ExitCode.FOUND_PROBLEM;
    }

    private static String step(Step s) {
      return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> doc(OpenReport report, Path eml) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", eml.toString());
      doc.put("passed", report.passed());
      doc.put("firstFailure", report.firstFailure().map(v -> step(v.step())).orElse(null));
      List<Map<String, Object>> steps = new ArrayList<>();
      for (StepVerdict v : report.steps()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step(v.step()));
        m.put("outcome", v.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("detail", v.detail());
        steps.add(m);
      }
      doc.put("steps", steps);
      doc.put("from", report.from().orElse(null));
      doc.put("encryption", report.encryption().map(e -> e.displayName()).orElse(null));
      doc.put("signing", report.signing().map(Enum::name).orElse(null));
      doc.put("signer", report.signer().map(MessageCommands::cert).orElse(null));
      return doc;
    }
  }
}
