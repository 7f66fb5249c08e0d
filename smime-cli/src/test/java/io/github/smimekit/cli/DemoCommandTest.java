package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SstReadOptions;
import io.github.smimekit.testing.DemoOrganisation;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.exchange.FakeTenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smime demo}, run in-process: its artefacts are checked with the SDK, with the independent
 * {@code tools/sstdump.py} and with the PowerShell grammar, and the fake's final state and the
 * audit through the JSON document.
 */
final class DemoCommandTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final boolean CI = "true".equals(System.getenv("CI"));
  private static final DemoOrganisation ORG =
      DemoOrganisation.create(DemoOrganisation.DEFAULT_SEED, CliRunner.NOW);

  @TempDir static Path shared;
  private static Path out;
  private static CliRunner.Result run;
  private static JsonNode doc;

  @BeforeAll
  static void runDemo() throws IOException {
    out = shared.resolve("demo");
    run = CliRunner.run("demo", "--out", out.toString(), "--json");
    doc = JSON.readTree(run.out());
  }

  @Test
  void demo_json_exitsZeroAndNamesEveryArtefact() {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(doc.get("ok").asBoolean()).isTrue();
    for (String name :
        List.of(
            "alice.cer",
            "bob.cer",
            "dana.cer",
            "chainOfTrust.sst",
            "desired.json",
            "plan.json",
            "publish.ps1",
            "audit.html",
            "p12-password.txt")) {
      assertThat(out.resolve(name)).as(name).isRegularFile();
    }
    List<String> paths = new ArrayList<>();
    doc.get("artefacts")
        .properties()
        .iterator()
        .forEachRemaining(e -> paths.add(e.getValue().asText()));
    assertThat(paths)
        .contains(out.resolve("audit.html").toString(), out.resolve("plan.json").toString());
  }

  @Test
  void demo_certificates_areTheUsersExportedFromTheirP12() throws Exception {
    assertThat(Files.readAllBytes(out.resolve("alice.cer"))).isEqualTo(ORG.alice().der());
    assertThat(Files.readAllBytes(out.resolve("bob.cer"))).isEqualTo(ORG.bob().der());
    assertThat(Certificates.readOne(out.resolve("bob.cer")).getPublicKey().getAlgorithm())
        .isEqualTo("EC");
    // the password file works with the real command, and holds nothing but the password
    CliRunner.Result info =
        CliRunner.run(
            "p12",
            "info",
            out.resolve("alice.p12").toString(),
            "--password-file",
            out.resolve("p12-password.txt").toString());
    assertThat(info.exitCode()).as(info.err()).isZero();
    assertThat(run.out()).doesNotContain(new String(ORG.pkcs12Password()));
  }

  @Test
  void demo_store_holdsTheFourCasAndReadsBackStrictly() throws Exception {
    SerializedStore store =
        SerializedStore.read(out.resolve("chainOfTrust.sst"), SstReadOptions.strict());

    List<X509Certificate> expected = new ArrayList<>();
    for (TestCertificate c : ORG.caCertificates()) {
      expected.add(c.certificate());
    }
    assertThat(store.certificates()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void demo_store_sstdumpListsTheSameCas() throws Exception {
    assumeTrue(pythonWithCryptography(), "python3 with the cryptography package is needed");
    Process p =
        new ProcessBuilder(
                "python3", "../tools/sstdump.py", out.resolve("chainOfTrust.sst").toString())
            .redirectErrorStream(true)
            .start();
    String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(dump).isZero();
    for (TestCertificate c : ORG.caCertificates()) {
      assertThat(dump.toUpperCase(java.util.Locale.ROOT))
          .as(c.subject())
          .contains(Thumbprint.sha1(c.certificate()).hex());
    }
  }

  @Test
  void demo_plan_changesThreeRecipientsTheContactCreatedWhenAbsent() throws Exception {
    JsonNode plan = JSON.readTree(out.resolve("plan.json").toFile());
    List<String> statuses = new ArrayList<>();
    plan.get("recipients")
        .forEach(r -> statuses.add(r.get("identity").asText() + " " + r.get("status").asText()));

    assertThat(statuses)
        .containsExactly(
            DemoOrganisation.ALICE + " change",
            DemoOrganisation.BOB + " change",
            DemoOrganisation.PARTNER + " change");
    JsonNode desired = JSON.readTree(out.resolve("desired.json").toFile());
    assertThat(desired.get("issuingCa").get("sst").asText()).isEqualTo("chainOfTrust.sst");
  }

  @Test
  void demo_script_holdsTheOperationsInOrder() throws Exception {
    String script = Files.readString(out.resolve("publish.ps1"));
    List<String> cmdlets = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?m)^\\s*(Set-SmimeConfig|Set-Mailbox|New-MailContact|Set-MailContact)\\b")
            .matcher(script);
    while (m.find()) {
      cmdlets.add(m.group(1));
    }
    assertThat(cmdlets)
        .containsSubsequence(
            "Set-SmimeConfig", "Set-Mailbox", "Set-Mailbox", "New-MailContact", "Set-MailContact");
    assertThat(script)
        .contains("Connect-ExchangeOnline")
        .contains(DemoCommand.ADMIN)
        .doesNotContain(new String(ORG.pkcs12Password()));
  }

  @Test
  void demo_script_parsesWithThePowerShellGrammar() throws Exception {
    Path modules = nodeModules();
    assumeTrue(modules != null, "node with tree-sitter-powershell and web-tree-sitter is needed");
    Path parser = Path.of("../smime-exchange/src/test/node/parse-powershell.mjs").toAbsolutePath();
    Process p =
        new ProcessBuilder(
                "node",
                "--liftoff-only",
                parser.toString(),
                modules.toString(),
                out.resolve("publish.ps1").toString())
            .start();
    p.getOutputStream().close();
    String result = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(JSON.readTree(result).get(0).get("hasError").asBoolean()).isFalse();
  }

  @Test
  void demo_fake_endsInTheDesiredStateAndTheAuditFindsOnlyThePlantedCertificate() throws Exception {
    JsonNode fake = doc.get("fake");
    assertThat(fake.get("applied").asBoolean()).isTrue();
    assertThat(fake.get("matches").asBoolean()).isTrue();
    assertThat(fake.get("differences")).isEmpty();

    // the tenant as the fake saved it at the end
    FakeTenant tenant =
        io.github.smimekit.testing.exchange.FakeExchangeServer.builder().build().tenant();
    tenant.loadJson(Files.readString(out.resolve("tenant.json")));
    assertThat(tenant.recipient(DemoOrganisation.ALICE).orElseThrow().userCertificates())
        .containsExactly(ORG.alice().der());
    assertThat(tenant.recipient(DemoOrganisation.BOB).orElseThrow().userCertificates())
        .containsExactly(ORG.bob().der());
    assertThat(tenant.recipient(DemoOrganisation.PARTNER).orElseThrow().type())
        .isEqualTo("MailContact");
    assertThat(tenant.recipient(DemoOrganisation.PARTNER).orElseThrow().userCertificates())
        .containsExactly(ORG.partner().der());
    assertThat(tenant.issuingCaStore().orElseThrow())
        .isEqualTo(Files.readAllBytes(out.resolve("chainOfTrust.sst")));

    JsonNode audit = fake.get("audit");
    assertThat(audit.get("clean").asBoolean()).isFalse();
    assertThat(audit.get("errors").asInt()).isPositive();
    List<String> findings = new ArrayList<>();
    audit.get("findings").forEach(f -> findings.add(f.asText()));
    // clean but for the planted certificate: every error or warning is about Carol's mailbox
    assertThat(findings)
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).contains(DemoOrganisation.CAROL));
    String html = Files.readString(out.resolve("audit.html"));
    assertThat(html).contains(DemoOrganisation.CAROL).doesNotContain("<script");
  }

  @Test
  void demo_text_fitsOnOneScreenAndNamesTheRealTenantCommands(@TempDir Path dir) {
    CliRunner.Result text = CliRunner.run("demo", "--out", dir.resolve("d").toString());

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out().lines().count()).isLessThanOrEqualTo(45);
    assertThat(text.out())
        .contains("smime exchange apply --desired")
        .contains("pwsh ")
        .contains("Exchange holds the desired state")
        .contains(DemoOrganisation.CAROL);
  }

  @Test
  void demo_sameSeedAndDay_writesIdenticalStorePlanAndScript(@TempDir Path dir) throws Exception {
    Path again = dir.resolve("again");
    CliRunner.Result r = CliRunner.run("demo", "--out", again.toString(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    for (String name : List.of("alice.cer", "chainOfTrust.sst", "plan.json", "publish.ps1")) {
      assertThat(HexFormat.of().formatHex(Files.readAllBytes(again.resolve(name))))
          .as(name)
          .isEqualTo(HexFormat.of().formatHex(Files.readAllBytes(out.resolve(name))));
    }
  }

  @Test
  void demo_rerunInItsOwnFolder_succeeds() {
    CliRunner.Result r = CliRunner.run("demo", "--out", out.toString(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void demo_foreignNonEmptyFolder_exits3UnlessForced(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");

    CliRunner.Result refused = CliRunner.run("demo", "--out", dir.toString());
    CliRunner.Result forced = CliRunner.run("demo", "--out", dir.toString(), "--force", "--json");

    assertThat(refused.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(refused.err().lines()).singleElement().asString().contains("--force");
    assertThat(refused.out()).isEmpty();
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
  }

  private static Path nodeModules() {
    String env = System.getenv("SMIMEKIT_NODE_TOOLS");
    Path base =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "smimekit", "node-tools");
    Path m = base.resolve("node_modules");
    boolean present =
        Files.isRegularFile(m.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"))
            && Files.isRegularFile(m.resolve("web-tree-sitter/web-tree-sitter.js"));
    boolean node;
    try {
      Process p = new ProcessBuilder("node", "--version").start();
      node = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      node = false;
    }
    if (!(present && node) && CI) {
      throw new IllegalStateException("CI=true but node or the tree-sitter packages are missing");
    }
    return present && node ? m : null;
  }

  private static boolean pythonWithCryptography() {
    boolean present;
    try {
      Process p = new ProcessBuilder("python3", "-c", "import cryptography").start();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present && CI) {
      throw new AssertionError("CI=true but python3 with the cryptography package is missing");
    }
    return present;
  }
}
