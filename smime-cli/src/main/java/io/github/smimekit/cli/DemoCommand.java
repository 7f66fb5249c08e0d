package io.github.smimekit.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.CertificateBundleReader;
import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.IssuingCaCertificates;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Severity;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.ApplyOutcome;
import io.github.smimekit.exchange.AuditOptions;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.AuditReports;
import io.github.smimekit.exchange.AuditedRecipient;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.Planner;
import io.github.smimekit.exchange.Plans;
import io.github.smimekit.exchange.PowerShell7;
import io.github.smimekit.exchange.RecipientOutcome;
import io.github.smimekit.exchange.RecipientPlan;
import io.github.smimekit.exchange.ScriptConnect;
import io.github.smimekit.exchange.TenantId;
import io.github.smimekit.exchange.Verification;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.testing.DemoOrganisation;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code smime demo [--out DIR] [--seed N] [--json]}: the whole S/MIME set-up of Exchange Online on
 * an embedded demo organisation ({@link DemoOrganisation}), each step through the same SDK calls
 * the real commands make, against the loopback fake of the Admin API started in-process.
 *
 * <p>The organisation is generated for the seed with validity periods relative to the start of the
 * current UTC day, so two runs on one day with one seed write the same certificates, store, plan
 * and script (the {@code .p12} files differ in their random MAC salt). A folder that is not empty
 * is written into only when an earlier demo made it (it holds {@value #MARKER}) or with {@code
 * --force}.
 */
@Command(
    name = "demo",
    footerHeading = Help.EXAMPLES,
    footer = {
      "  smime demo                            # writes ./smime-demo",
      "  smime demo --out /tmp/demo --seed 7 --json"
    },
    exitCodeListHeading = Help.EXIT_CODES,
    exitCodeList = {
      Help.OK,
      "1:the fake does not end in the desired state (a failed recipient or a difference)",
      Help.USAGE,
      "3:bad input: DIR is not empty and was not made by the demo (add --force), or cannot be"
          + " written",
      Help.INTERNAL
    },
    description = {
      "Run the whole S/MIME set-up of Exchange Online on a generated demo organisation: Contoso"
          + " (root and issuing CA, alice with an RSA key, bob with an EC key), a partner at"
          + " fabrikam.example with its own CA chain, and one planted certificate that fails a"
          + " check.",
      "Steps: 1 export each user's certificate from the .p12; 2 build every chain of trust and"
          + " write chainOfTrust.sst; 3 plan against an empty Exchange, write desired.json,"
          + " plan.json, publish.ps1; 4 apply to an in-process fake of the Admin API, verify,"
          + " write audit.html; 5 print the commands for a real tenant.",
      "Nothing is fetched from the network. The .p12 password is in DIR/p12-password.txt."
    })
final class DemoCommand extends BaseCommand implements Callable<Integer> {
  /** The file that marks a folder as made by the demo. */
  static final String MARKER = ".smime-demo";

  /** The tenant name the demo uses for the fake and in the commands it prints. */
  static final String TENANT = "contoso.onmicrosoft.com";

  /** The administrator the script signs in as. */
  static final String ADMIN = "admin@contoso.example";

  private static final List<CertificateBundleReader> STORES =
      List.of(SerializedStore.bundleReader());

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "smime-demo",
      description = "Folder for the artefacts (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("smime-demo");

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the generated organisation (default: " + DemoOrganisation.DEFAULT_SEED + ").")
  long seed = DemoOrganisation.DEFAULT_SEED;

  @Mixin OutputFile.Force force = new OutputFile.Force();

  private final Map<String, String> artefacts = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    checkFolder();
    Instant at = context.clock().instant().truncatedTo(ChronoUnit.DAYS);
    DemoOrganisation org = DemoOrganisation.create(seed, at);
    Files.createDirectories(dir);
    OutputFile.write(dir.resolve(MARKER), ("smime demo, seed " + seed + "\n").getBytes(UTF8));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("out", dir.toString());
    doc.put("seed", seed);
    doc.put("at", at.toString());
    if (!json) {
      printf("smime demo: seed %s, %s, writing %s%n", seed, at, dir);
    }

    doc.put("export", exportStep(org));
    IssuingCaCertificates cas = chainStep(at);
    doc.put("chains", chainsJson(cas));
    Plan plan = planStep(at);
    doc.put("plan", Plans.jsonTree(plan));
    Map<String, Object> fake = fakeStep(org, plan, at);
    doc.put("fake", fake);
    List<String> commands = realTenantCommands();
    doc.put("realTenant", commands);
    doc.put("artefacts", artefacts);
    boolean ok =
        Boolean.TRUE.equals(fake.get("applied")) && Boolean.TRUE.equals(fake.get("matches"));
    doc.put("ok", ok);
    if (json) {
      printJson(doc);
    } else {
      out().flush();
    }
    return ok ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** Refuses a non-empty folder the demo did not make, unless --force (exit 3). */
  private void checkFolder() throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("--out " + dir + ": exists and is not a folder");
    }
    if (force.force || Files.exists(dir.resolve(MARKER))) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new BadInputException(
            "--out "
                + dir
                + ": folder is not empty and was not made by smime demo; name another folder or"
                + " add --force to write into it");
      }
    }
  }

  private Path artefact(String key, String name) {
    Path p = dir.resolve(name);
    artefacts.put(key, p.toString());
    return p;
  }

  // --- step 1 ---------------------------------------------------------------------------------

  /** Writes the identities as a CA would hand them out, then exports each certificate as DER. */
  private List<Map<String, Object>> exportStep(DemoOrganisation org) throws IOException {
    char[] secret = org.pkcs12Password();
    List<Map<String, Object>> out = new ArrayList<>();
    try {
      OutputFile.write(
          artefact("p12Password", "p12-password.txt"), new String(secret).getBytes(UTF8));
      OutputFile.write(
          dir.resolve("README.txt"),
          ("Made by smime demo (seed "
                  + seed
                  + "). Every key here is a public demo key: never use them for real mail.\n"
                  + "p12-password.txt holds the password of alice.p12 and bob.p12, for"
                  + " --password-file.\n")
              .getBytes(UTF8));
      if (!json) {
        printf("%n1. Export each user's certificate from the .p12 (DER, for -UserCertificate)%n");
      }
      for (String user : List.of("alice", "bob")) {
        TestCertificate who = user.equals("alice") ? org.alice() : org.bob();
        Path p12 = artefact(user + "P12", user + ".p12");
        OutputFile.write(p12, org.pkcs12(who, secret));
        Password password = Password.of(secret);
        Pkcs12Identity identity;
        try {
          identity = Inputs.inFile(p12, () -> Pkcs12.read(p12, password));
        } finally {
          password.destroy();
        }
        X509Certificate cert = identity.certificate();
        Path cer = artefact(user + "Cer", user + ".cer");
        Certificates.writeDer(cer, cert);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identity", p12.toString());
        m.put("certificate", cer.toString());
        m.put("sha1", Thumbprint.sha1(cert).hex());
        m.put("keyAlgorithm", cert.getPublicKey().getAlgorithm());
        out.add(m);
        if (!json) {
          printf(
              "   %-9s -> %-9s %s  %s key%n",
              user + ".p12",
              user + ".cer",
              Thumbprint.sha1(cert).hex(),
              cert.getPublicKey().getAlgorithm());
        }
      }
    } finally {
      Arrays.fill(secret, '\0');
    }
    // what the partner and the CAs hand over: certificates only
    Certificates.writeDer(artefact("partnerCer", "dana.cer"), org.partner().certificate());
    Path ca = dir.resolve("ca");
    Files.createDirectories(ca);
    artefacts.put("caFolder", ca.toString());
    String[] names = {"contoso-root", "contoso-issuing", "fabrikam-root", "fabrikam-issuing"};
    for (int i = 0; i < names.length; i++) {
      Certificates.writeDer(
          ca.resolve(names[i] + ".cer"), org.caCertificates().get(i).certificate());
    }
    if (!json) {
      printf("   dana.cer (partner, fabrikam.example) and ca/*.cer as the CAs publish them%n");
    }
    return out;
  }

  // --- step 2 ---------------------------------------------------------------------------------

  /** Builds every chain from the ca/ folder and writes chainOfTrust.sst. */
  private IssuingCaCertificates chainStep(Instant at) throws IOException {
    Path ca = dir.resolve("ca");
    List<X509Certificate> anchors = new ArrayList<>();
    anchors.add(Certificates.readOne(ca.resolve("contoso-root.cer")));
    anchors.add(Certificates.readOne(ca.resolve("fabrikam-root.cer")));
    ChainResolver resolver =
        ChainResolver.builder()
            .trustAnchors(anchors)
            .pool(CertificatePool.load(List.of(ca), STORES))
            .build();
    List<X509Certificate> leaves = new ArrayList<>();
    for (String f : List.of("alice.cer", "bob.cer", "dana.cer")) {
      leaves.add(Certificates.readOne(dir.resolve(f)));
    }
    IssuingCaCertificates cas = resolver.issuingCaCertificates(leaves, at);
    Path sst = artefact("chainOfTrust", "chainOfTrust.sst");
    SerializedStore store =
        SerializedStore.builder(StoreProfile.MINIMAL).addAll(cas.caCertificates()).build();
    OutputFile.write(sst, store.encode().toByteArray());
    if (!json) {
      printf("%n2. Build every chain of trust; write chainOfTrust.sst%n");
      for (ChainResult r : cas.results()) {
        printf("   %s%n", chainLine(r));
      }
      printf(
          "   chainOfTrust.sst: %s CA certificates, %s bytes%n",
          cas.caCertificates().size(), store.encode().size());
    }
    if (!cas.isComplete()) {
      throw new IllegalStateException("the demo organisation has a leaf without a chain");
    }
    return cas;
  }

  private static String chainLine(ChainResult r) {
    if (!r.isValid()) {
      return cn(r.leaf()) + ": no chain: " + r.diagnosis().map(Object::toString).orElse("");
    }
    CertificateChain c = r.chainOrThrow();
    List<String> names = new ArrayList<>();
    for (X509Certificate x : c.certificates()) {
      names.add(cn(x));
    }
    return String.join(" -> ", names);
  }

  private static String cn(X509Certificate c) {
    String dn = c.getSubjectX500Principal().getName();
    for (String part : dn.split(",", -1)) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return dn;
  }

  private static List<Map<String, Object>> chainsJson(IssuingCaCertificates cas) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ChainResult r : cas.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("leaf", Thumbprint.sha1(r.leaf()).hex());
      m.put("chain", r.chain().map(CertificateChain::thumbprints).orElse(List.of()));
      out.add(m);
    }
    return out;
  }

  // --- step 3 ---------------------------------------------------------------------------------

  /** Writes desired.json, plans it against an empty Exchange, writes plan.json and publish.ps1. */
  private Plan planStep(Instant at) throws IOException {
    Map<String, Object> desired = new LinkedHashMap<>();
    List<Map<String, Object>> recipients = new ArrayList<>();
    recipients.add(recipient("Mailbox", DemoOrganisation.ALICE, "alice.cer"));
    recipients.add(recipient("Mailbox", DemoOrganisation.BOB, "bob.cer"));
    Map<String, Object> partner = recipient("MailContact", DemoOrganisation.PARTNER, "dana.cer");
    partner.put("name", DemoOrganisation.PARTNER_NAME);
    partner.put("externalEmailAddress", DemoOrganisation.PARTNER);
    recipients.add(partner);
    desired.put("recipients", recipients);
    desired.put("issuingCa", Map.of("sst", "chainOfTrust.sst"));
    Path desiredFile = artefact("desired", "desired.json");
    OutputFile.write(
        desiredFile,
        (JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(desired)
                + "\n")
            .getBytes(UTF8));

    DesiredState state = Inputs.inFile(desiredFile, () -> DesiredState.read(desiredFile));
    Plan plan = Planner.plan(state, Optional.empty(), List.of(), PlanOptions.at(at));
    OutputFile.write(artefact("plan", "plan.json"), (Plans.json(plan) + "\n").getBytes(UTF8));
    OutputFile.write(
        artefact("script", "publish.ps1"),
        PowerShell7.script(plan, ScriptConnect.delegated(ADMIN)).getBytes(UTF8));
    if (!json) {
      printf("%n3. Plan against an empty Exchange; write desired.json, plan.json, publish.ps1%n");
      for (RecipientPlan r : plan.recipients()) {
        printf(
            "   %-6s %-11s %-24s %s operation(s)%n",
            r.status().jsonName(),
            r.type().jsonName(),
            r.identity().value(),
            r.operations().size());
      }
      printf(
          "   issuing-CA store: %s; %s operations in all%n",
          plan.caStore().operation().isEmpty() ? "unchanged" : "set (Set-SmimeConfig)",
          plan.operations().size());
    }
    return plan;
  }

  private static Map<String, Object> recipient(String type, String identity, String certificate) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("identity", identity);
    m.put("certificates", List.of(certificate));
    return m;
  }

  // --- step 4 ---------------------------------------------------------------------------------

  /** Starts the fake, applies the plan with the real client, verifies and audits. */
  private Map<String, Object> fakeStep(DemoOrganisation org, Plan plan, Instant at)
      throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    Path desiredFile = dir.resolve("desired.json");
    DesiredState desired = Inputs.inFile(desiredFile, () -> DesiredState.read(desiredFile));
    try (FakeExchangeServer server = FakeExchangeServer.builder().tenant(TENANT).start()) {
      org.populate(server.tenant());
      ExchangeClient client =
          ExchangeClient.builder()
              .baseUri(server.baseUri())
              .tenant(TenantId.parse(TENANT))
              .tokenProvider(
                  AccessTokenProvider.fixed(AccessToken.fromString(server.acceptedToken(), null)))
              .build();
      if (!json) {
        printf("%n4. Apply to the Admin API fake at %s, verify, audit%n", server.baseUri());
      }
      // the plan of step 3, run with the real client: calls, read-back and comparison
      ApplyOutcome applied = client.apply(plan);
      List<Map<String, Object>> outcomes = new ArrayList<>();
      List<RecipientOutcome> all = new ArrayList<>(applied.recipients());
      applied.issuingCa().ifPresent(all::add);
      for (RecipientOutcome o : all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", o.target());
        m.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("reason", o.reason().orElse(null));
        m.put("thumbprints", ExchangeLiveCommands.hex(o.actualThumbprints()));
        outcomes.add(m);
        if (!json) {
          printf(
              "   %-8s %-24s %s%n",
              o.status().name().toLowerCase(java.util.Locale.ROOT),
              o.target(),
              o.reason().orElse(o.actualThumbprints().size() + " certificate(s) read back"));
        }
      }
      out.put("baseUri", server.baseUri().toString());
      out.put("outcomes", outcomes);
      out.put("applied", applied.succeeded());

      Verification verification = client.verify(desired, PlanOptions.at(at));
      out.put("matches", verification.matches());
      List<String> differences = new ArrayList<>();
      for (RecipientPlan r : verification.differences()) {
        differences.add(r.identity().value());
      }
      out.put("differences", differences);

      AuditReport report = client.audit(AuditOptions.at(at));
      Path html = artefact("audit", "audit.html");
      OutputFile.write(html, AuditReports.html(report).getBytes(UTF8));
      OutputFile.write(
          artefact("auditJson", "audit.json"), (AuditReports.json(report) + "\n").getBytes(UTF8));
      OutputFile.write(
          artefact("tenant", "tenant.json"), server.tenant().toJsonString().getBytes(UTF8));
      List<String> findings = new ArrayList<>();
      for (AuditedRecipient r : report.recipients()) {
        List<ExchangeFinding> held = new ArrayList<>(r.findings());
        r.certificates().forEach(c -> held.addAll(c.findings()));
        addFindings(findings, r.recipient().primarySmtpAddress(), held);
      }
      List<ExchangeFinding> store = new ArrayList<>(report.store().findings());
      report.store().certificates().forEach(c -> store.addAll(c.findings()));
      addFindings(findings, "issuing-CA store", store);
      addFindings(findings, "tenant", report.findings());
      Map<String, Object> audit = new LinkedHashMap<>();
      audit.put("clean", report.clean());
      audit.put("errors", report.count(Severity.ERROR));
      audit.put("warnings", report.count(Severity.WARNING));
      audit.put("findings", findings);
      out.put("audit", audit);
      if (!json) {
        printf(
            "   verify: %s%n",
            verification.matches()
                ? "Exchange holds the desired state"
                : "differences: " + String.join(", ", differences));
        printf(
            "   audit.html: %s error(s), %s warning(s) (the planted certificate):%n",
            report.count(Severity.ERROR), report.count(Severity.WARNING));
        for (String f : findings) {
          printf("     %s%n", f);
        }
      }
    }
    return out;
  }

  /** The errors and warnings (not the notes) of {@code where}, each prefixed with it. */
  private static void addFindings(List<String> out, String where, List<ExchangeFinding> found) {
    for (ExchangeFinding f : found) {
      if (f.severity() != Severity.INFO) {
        out.add(where + ": " + f);
      }
    }
  }

  // --- step 5 ---------------------------------------------------------------------------------

  private List<String> realTenantCommands() {
    String d = dir.resolve("desired.json").toString();
    String auth =
        "--tenant contoso.onmicrosoft.com --client-id APP_ID --certificate app.p12"
            + " --password-file app-password.txt";
    List<String> commands =
        List.of(
            "smime exchange plan --desired " + d + " " + auth,
            "smime exchange apply --desired " + d + " " + auth,
            "smime exchange verify --desired " + d + " " + auth,
            "smime exchange audit " + auth + " --html audit.html",
            "pwsh "
                + dir.resolve("publish.ps1")
                + "   # PowerShell 7, ExchangeOnlineManagement 3.x");
    if (!json) {
      printf("%n5. Against a real tenant (app registration: see README, 'Register an app'):%n");
      for (String c : commands) {
        printf("   %s%n", c);
      }
    }
    return commands;
  }
}
