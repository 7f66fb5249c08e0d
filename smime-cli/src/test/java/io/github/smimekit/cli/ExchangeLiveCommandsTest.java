package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import io.github.smimekit.testing.exchange.FakeRecipient;
import io.github.smimekit.testing.exchange.Fault;
import io.github.smimekit.testing.exchange.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smime exchange apply|verify|audit} and live {@code plan} against the loopback fake of the
 * Admin API over real HTTP, with the token from the environment or a helper command.
 */
@Timeout(120)
final class ExchangeLiveCommandsTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String TENANT = "contoso.onmicrosoft.com";

  /** Distinctive, so a leak into any output is found by a plain search. */
  static final String TOKEN = "eyJ0eXAi.LEAKCHECK-7f3a9c2e51b84d06.sig";

  static final Path ALICE = Path.of("../samples/alice.cer").toAbsolutePath();
  static final Path ISSUING = Path.of("../samples/issuing-ca.cer").toAbsolutePath();
  static final Path ROOT = Path.of("../samples/root.cer").toAbsolutePath();

  @TempDir Path dir;
  FakeExchangeServer fake;

  @BeforeEach
  void startFake() throws Exception {
    fake =
        FakeExchangeServer.builder()
            .token(TOKEN)
            .clock(Clock.fixed(CliRunner.NOW, ZoneOffset.UTC))
            .start();
    fake.tenant().addMailbox("alice@contoso.example");
    fake.tenant().addMailbox("bob@contoso.example");
  }

  @AfterEach
  void stopFake() {
    if (fake != null) {
      fake.close();
    }
  }

  static String json(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\") + "\"";
  }

  /** alice gets her certificate, the store is built from the sample chain. */
  Path desired() throws Exception {
    Path d = dir.resolve("desired.json");
    Files.writeString(
        d,
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"alice@contoso.example\","
            + "\"certificates\":["
            + json(ALICE)
            + "]}],\"issuingCa\":{\"fromChains\":{\"pool\":["
            + json(ISSUING)
            + "],\"anchors\":["
            + json(ROOT)
            + "]}}}");
    return d;
  }

  /** As {@link #desired()}, and bob, who is given alice's certificate: blocked. */
  Path desiredWithBlocked() throws Exception {
    Path d = dir.resolve("desired-blocked.json");
    Files.writeString(
        d,
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"alice@contoso.example\","
            + "\"certificates\":["
            + json(ALICE)
            + "]},{\"type\":\"Mailbox\",\"identity\":\"bob@contoso.example\",\"certificates\":["
            + json(ALICE)
            + "]}],\"issuingCa\":{\"fromChains\":{\"pool\":["
            + json(ISSUING)
            + "],\"anchors\":["
            + json(ROOT)
            + "]}}}");
    return d;
  }

  List<String> connection(String... auth) {
    List<String> a = new ArrayList<>();
    a.add("--tenant");
    a.add(TENANT);
    a.add("--base-uri");
    a.add(fake.baseUri().toString());
    a.addAll(List.of(auth));
    return a;
  }

  CliRunner.Result run(List<String> head, List<String> tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(tail);
    CliRunner.Result r = CliRunner.run(Map.of("EXO_TOKEN", TOKEN), all.toArray(String[]::new));
    assertNoToken(r);
    return r;
  }

  static void assertNoToken(CliRunner.Result r) {
    assertThat(r.out()).as("stdout").doesNotContain(TOKEN).doesNotContain("LEAKCHECK");
    assertThat(r.err()).as("stderr").doesNotContain(TOKEN).doesNotContain("LEAKCHECK");
  }

  List<String> userCertificateThumbprints(String identity) {
    FakeRecipient r = fake.tenant().recipient(identity).orElseThrow();
    List<String> t = new ArrayList<>();
    for (byte[] der : r.userCertificates()) {
      t.add(Thumbprint.sha1(Certificates.readOne(der)).hex());
    }
    return t;
  }

  static String sha1(Path cert) throws Exception {
    X509Certificate c = Certificates.readOne(Files.readAllBytes(cert));
    return Thumbprint.sha1(c).hex();
  }

  /**
   * {@code verify --certificates DIR} goes through {@code ExchangeClient.verify} with the folder's
   * certificates: alice's certificate, matched by address, is desired, so verify exits 1 before
   * apply and 0 after it, and a verify without the folder sees the certificate as one to remove.
   */
  @Test
  void verify_withCertificatesFolder_countsTheMatchedCertificates() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    Files.copy(ALICE, certs.resolve("alice.cer"));
    Path d = dir.resolve("desired-bulk.json");
    Files.writeString(
        d,
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"alice@contoso.example\","
            + "\"certificates\":[]}],\"issuingCa\":{\"fromChains\":{\"pool\":["
            + json(ISSUING)
            + "],\"anchors\":["
            + json(ROOT)
            + "]}}}");
    List<String> withFolder =
        List.of("--desired", d.toString(), "--certificates", certs.toString());
    List<String> verify = new ArrayList<>(List.of("exchange", "verify"));
    verify.addAll(withFolder);
    List<String> apply = new ArrayList<>(List.of("exchange", "apply"));
    apply.addAll(withFolder);

    CliRunner.Result before = run(verify, connection("--token-env", "EXO_TOKEN"));
    assertThat(before.exitCode()).as(before.err() + before.out()).isEqualTo(1);
    assertThat(before.out())
        .contains("The tenant differs from the desired state:")
        .contains("  Mailbox alice@contoso.example: change");

    CliRunner.Result applied = run(apply, connection("--token-env", "EXO_TOKEN"));
    assertThat(applied.exitCode()).as(applied.err() + applied.out()).isZero();
    assertThat(userCertificateThumbprints("alice@contoso.example")).containsExactly(sha1(ALICE));

    CliRunner.Result after = run(verify, connection("--token-env", "EXO_TOKEN"));
    assertThat(after.exitCode()).as(after.err() + after.out()).isZero();
    assertThat(after.out()).contains("The tenant matches the desired state (1 recipients");

    CliRunner.Result withoutFolder =
        run(
            List.of("exchange", "verify", "--desired", d.toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(withoutFolder.exitCode()).as(withoutFolder.out()).isEqualTo(1);
  }

  @Test
  void applyVerifyAudit_againstTheFake_convergeAndExit0() throws Exception {
    Path desired = desired();
    CliRunner.Result apply =
        run(
            List.of("exchange", "apply", "--desired", desired.toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
    assertThat(apply.out())
        .contains("~ Mailbox alice@contoso.example (change)")
        .containsPattern("applied +Mailbox alice@contoso.example")
        .containsPattern("applied +issuing-CA store")
        .contains("Apply: 2 applied, 0 unchanged, 0 failed.");
    assertThat(userCertificateThumbprints("alice@contoso.example")).containsExactly(sha1(ALICE));
    assertThat(fake.tenant().issuingCaStore()).isPresent();
    // the token went in the Authorization header, nowhere else
    List<RecordedRequest> requests = fake.recordedRequests();
    assertThat(requests)
        .isNotEmpty()
        .allSatisfy(
            q -> {
              assertThat(q.header("Authorization")).contains("Bearer " + TOKEN);
              assertThat(q.body()).doesNotContain(TOKEN);
            });

    CliRunner.Result verify =
        run(
            List.of("exchange", "verify", "--desired", desired.toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(verify.exitCode()).as(verify.err() + verify.out()).isZero();
    assertThat(verify.out()).contains("The tenant matches the desired state");

    CliRunner.Result audit =
        run(
            List.of("exchange", "audit", "--html", dir.resolve("audit.html").toString(), "--json"),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(audit.exitCode()).as(audit.err() + audit.out()).isZero();
    JsonNode report = JSON.readTree(audit.out());
    assertThat(report.toString()).contains("alice@contoso.example");
    String html = Files.readString(dir.resolve("audit.html"));
    assertThat(html).contains("alice@contoso.example").doesNotContain("<script");
    assertThat(html).doesNotContain("LEAKCHECK");

    // a second apply changes nothing
    CliRunner.Result again =
        run(
            List.of("exchange", "apply", "--desired", desired.toString(), "--json"),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode doc = JSON.readTree(again.out());
    assertThat(doc.get("succeeded").asBoolean()).isTrue();
    assertThat(doc.get("summary").get("applied").asInt()).isZero();
    assertThat(doc.get("summary").get("failed").asInt()).isZero();
  }

  @Test
  void apply_json_hasStableFieldsPerRecipient() throws Exception {
    CliRunner.Result r =
        run(
            List.of("exchange", "apply", "--desired", desired().toString(), "--json", "--quiet"),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("tenant").asText()).isEqualTo(TENANT);
    assertThat(doc.get("succeeded").asBoolean()).isTrue();
    JsonNode alice = doc.get("recipients").get(0);
    assertThat(alice.get("target").asText()).isEqualTo("alice@contoso.example");
    assertThat(alice.get("type").asText()).isEqualTo("Mailbox");
    assertThat(alice.get("status").asText()).isEqualTo("applied");
    assertThat(alice.get("reason").isNull()).isTrue();
    assertThat(alice.get("expectedThumbprints").get(0).asText()).isEqualTo(sha1(ALICE));
    assertThat(alice.get("actualThumbprints").get(0).asText()).isEqualTo(sha1(ALICE));
    assertThat(doc.get("issuingCa").get("status").asText()).isEqualTo("applied");
    assertThat(doc.get("plan").get("operations").size()).isEqualTo(2);
  }

  @Test
  void apply_blockedRecipient_appliesTheOthersAndExits1() throws Exception {
    CliRunner.Result r =
        run(
            List.of("exchange", "apply", "--desired", desiredWithBlocked().toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("! Mailbox bob@contoso.example (blocked)")
        .containsPattern(
            "failed +Mailbox bob@contoso.example: .*email-mismatch|failed +Mailbox bob@contoso.example: .*")
        .containsPattern("applied +Mailbox alice@contoso.example");
    assertThat(userCertificateThumbprints("alice@contoso.example")).containsExactly(sha1(ALICE));
    assertThat(userCertificateThumbprints("bob@contoso.example")).isEmpty();
  }

  @Test
  void verify_afterAChangeInTheTenant_exits1NamingTheRecipient() throws Exception {
    Path desired = desired();
    assertThat(
            run(
                    List.of("exchange", "apply", "--desired", desired.toString()),
                    connection("--token-env", "EXO_TOKEN"))
                .exitCode())
        .isZero();
    fake.tenant().setUserCertificates("alice@contoso.example", List.of());

    CliRunner.Result r =
        run(
            List.of("exchange", "verify", "--desired", desired.toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("The tenant differs from the desired state:")
        .contains("Mailbox alice@contoso.example: change");

    CliRunner.Result j =
        run(
            List.of("exchange", "verify", "--desired", desired.toString(), "--json"),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(j.exitCode()).isEqualTo(1);
    JsonNode doc = JSON.readTree(j.out());
    assertThat(doc.get("matches").asBoolean()).isFalse();
    assertThat(doc.get("differences").get(0).get("identity").asText())
        .isEqualTo("alice@contoso.example");
    assertThat(doc.get("issuingCaDiffers").asBoolean()).isFalse();
  }

  @Test
  void verify_sendsOnlyGetCmdlets() throws Exception {
    fake.clearRecordedRequests();
    CliRunner.Result r =
        run(
            List.of("exchange", "verify", "--desired", desired().toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(fake.recordedRequests())
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q.header("X-CmdletName").orElse("")).startsWith("Get-"));
    assertThat(fake.tenant().issuingCaStore()).isEmpty();
  }

  @Test
  void plan_live_readsTheTenant_andExcludesCurrent() throws Exception {
    fake.tenant().setUserCertificates("alice@contoso.example", List.of(Files.readAllBytes(ALICE)));
    CliRunner.Result r =
        run(
            List.of("exchange", "plan", "--desired", desired().toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Mailbox alice@contoso.example").doesNotContain("(change)");
    assertThat(fake.recordedRequests()).isNotEmpty();

    CliRunner.Result both =
        run(
            List.of(
                "exchange",
                "plan",
                "--desired",
                desired().toString(),
                "--current",
                ExchangeCommandsTest.CURRENT.toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--current and the live options");
  }

  @Test
  void progress_notATerminal_plainLinesOnStderr() throws Exception {
    CliRunner.Result r =
        run(
            List.of("exchange", "apply", "--desired", desired().toString(), "--json"),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("smime: recipients 2/2 \u00b7 retries 0 \u00b7 throttled 0")
        .doesNotContain("\r");
    // stdout stays one JSON document
    assertThat(JSON.readTree(r.out()).isObject()).isTrue();
  }

  @Test
  void progress_countsRetriesAndThrottling() throws Exception {
    fake.enqueue(Fault.throttle("0.01"));
    fake.enqueue(Fault.status(503));
    CliRunner.Result r =
        run(
            List.of("exchange", "apply", "--desired", desired().toString()),
            connection("--token-env", "EXO_TOKEN"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).containsPattern("retries [1-9]").containsPattern("throttled [1-9]");
  }

  @Test
  void tokenEnv_unsetOrGivenTheTokenItself_isRefusedWithoutShowingIt() throws Exception {
    CliRunner.Result unset =
        run(
            List.of("exchange", "verify", "--desired", desired().toString()),
            connection("--token-env", "NOT_SET_ANYWHERE"));
    assertThat(unset.exitCode()).isEqualTo(3);
    assertThat(unset.err()).contains("--token-env is not set").doesNotContain("NOT_SET_ANYWHERE");

    CliRunner.Result given =
        run(
            List.of("exchange", "verify", "--desired", desired().toString()),
            connection("--token-env", TOKEN));
    assertThat(given.exitCode()).isEqualTo(2);
    assertThat(given.err()).contains("not the token itself");
  }

  @Test
  void wrongToken_isExit3WithAClearMessage() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            Map.of("EXO_TOKEN", "some-other-token"),
            connection("--token-env", "EXO_TOKEN").stream()
                .collect(
                    () -> new ArrayList<>(List.of("exchange", "audit")), List::add, List::addAll)
                .toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("smime: ").contains("401").doesNotContain("some-other-token");
  }

  static boolean hasShell() {
    boolean present = Files.isExecutable(Path.of("/bin/sh"));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but /bin/sh is missing");
    }
    return present;
  }

  Path script(String name, String body) throws Exception {
    Path s = dir.resolve(name);
    Files.writeString(s, "#!/bin/sh\n" + body + "\n");
    return s;
  }

  @Test
  void tokenCommand_plainToken_works() throws Exception {
    assumeTrue(hasShell(), "no /bin/sh: skipping the --token-command test");
    Path tokenFile = dir.resolve("token.txt");
    Files.writeString(tokenFile, TOKEN + "\n");
    Path count = dir.resolve("count");
    Path s = script("token.sh", "echo run >> '" + count + "'\ncat '" + tokenFile + "'");
    CliRunner.Result r =
        run(
            List.of("exchange", "apply", "--desired", desired().toString()),
            connection("--token-command", "sh '" + s + "'"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(userCertificateThumbprints("alice@contoso.example")).containsExactly(sha1(ALICE));
    // the token is kept: the helper ran once for all requests
    assertThat(Files.readAllLines(count)).hasSize(1);
    assertThat(fake.requestCount()).isGreaterThan(1);
  }

  @Test
  void tokenCommand_azStyleJson_works() throws Exception {
    assumeTrue(hasShell(), "no /bin/sh: skipping the --token-command test");
    Path json = dir.resolve("az.json");
    Files.writeString(
        json,
        "{\n  \"accessToken\": \""
            + TOKEN
            + "\",\n  \"expiresOn\": \"2026-12-01 01:00:00.000000\",\n  \"expires_on\": 1796086800,\n"
            + "  \"subscription\": \"00000000-0000-0000-0000-000000000000\",\n"
            + "  \"tenant\": \"11111111-1111-1111-1111-111111111111\",\n  \"tokenType\": \"Bearer\"\n}\n");
    Path s = script("az.sh", "cat '" + json + "'");
    CliRunner.Result r =
        run(
            List.of("exchange", "verify", "--desired", desired().toString(), "--json"),
            connection("--token-command", "sh '" + s + "'"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1); // not applied yet: differs
    assertThat(JSON.readTree(r.out()).get("matches").asBoolean()).isFalse();
  }

  @Test
  void tokenCommand_failing_isExit3NamingTheCommandNotItsOutput() throws Exception {
    assumeTrue(hasShell(), "no /bin/sh: skipping the --token-command test");
    Path s = script("fail.sh", "echo '" + TOKEN + "'\necho 'secret " + TOKEN + "' >&2\nexit 7");
    CliRunner.Result r =
        run(List.of("exchange", "audit"), connection("--token-command", "sh '" + s + "'"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("--token-command 'sh ").contains("fail.sh").contains("status 7");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void tokenCommand_refreshedAfter401() throws Exception {
    assumeTrue(hasShell(), "no /bin/sh: skipping the --token-command test");
    Path count = dir.resolve("count");
    Path tokenFile = dir.resolve("token.txt");
    Files.writeString(tokenFile, TOKEN);
    Path s =
        script(
            "token.sh",
            "echo \"$SMIME_TOKEN_REFRESH\" >> '" + count + "'\ncat '" + tokenFile + "'");
    fake.enqueue(Fault.unauthorized("e30="));
    CliRunner.Result r =
        run(
            List.of("exchange", "verify", "--desired", desired().toString()),
            connection("--token-command", "sh '" + s + "'"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(Files.readAllLines(count)).containsExactly("0", "1");
  }

  @Test
  void baseUri_plainHttpToANonLoopbackHost_isAUsageError() throws Exception {
    CliRunner.Result r =
        run(
            List.of(
                "exchange",
                "verify",
                "--desired",
                desired().toString(),
                "--tenant",
                TENANT,
                "--base-uri",
                "http://example.com/adminapi/beta/",
                "--token-env",
                "EXO_TOKEN"),
            List.of());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--base-uri must be https, or http only for a loopback address");
  }

  @Test
  void auth_noneOrTwo_isAUsageErrorNamingTheForms() throws Exception {
    CliRunner.Result none = run(List.of("exchange", "audit", "--tenant", TENANT), List.of());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err())
        .contains(
            "the Admin API needs one AUTH form: --token-env VAR, --token-command CMD, or"
                + " --client-id ID --certificate FILE.p12");

    CliRunner.Result two =
        run(
            List.of("exchange", "audit"),
            connection("--token-env", "EXO_TOKEN", "--token-command", "true"));
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.err())
        .contains("--token-env and --token-command exclude each other: give one AUTH form:")
        .contains("--client-id ID --certificate FILE.p12");
  }

  @Test
  void tenant_notAGuidOrOnmicrosoft_isAUsageError() throws Exception {
    CliRunner.Result r =
        run(
            List.of("exchange", "audit", "--tenant", "contoso.com", "--token-env", "EXO_TOKEN"),
            List.of());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("--tenant: tenant is neither a GUID nor a *.onmicrosoft.com domain");
  }

  @Test
  void completion_picksUpTheNewCommandsAndOptions() {
    CliRunner.Result r = CliRunner.run("completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("apply")
        .contains("verify")
        .contains("audit")
        .contains("--token-command")
        .contains("--client-id")
        .contains("--expiring-within");
  }

  /** The README's "whole path against the fake": its tenant seed and desired file, its commands. */
  @Test
  void readme_wholePathAgainstTheFake_works() throws Exception {
    String readme = Files.readString(ReadmeSnippetsTest.README);
    java.util.regex.Matcher seed =
        java.util.regex.Pattern.compile("echo '(\\{\"recipients\".*?)' > /tmp/tenant.json")
            .matcher(readme);
    assertThat(seed.find()).as("the README seeds the fake's tenant").isTrue();
    fake.tenant().loadJson(seed.group(1));
    assertThat(readme)
        .contains("export EXO_TOKEN=" + FakeExchangeServer.Builder.DEFAULT_TOKEN)
        .contains(
            "CONNECT=\"--tenant contoso.onmicrosoft.com --base-uri"
                + " http://127.0.0.1:8443/adminapi/beta/ --token-env EXO_TOKEN\"");
    String desired = "../samples/exchange/desired.json";
    assertThat(readme).contains("--desired samples/exchange/desired.json $CONNECT");
    List<String> connect = connection("--token-env", "EXO_TOKEN");
    assertThat(run(List.of("exchange", "plan", "--desired", desired), connect).exitCode()).isZero();
    CliRunner.Result apply = run(List.of("exchange", "apply", "--desired", desired), connect);
    assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
    assertThat(apply.out()).contains("Apply: 2 applied, 0 unchanged, 0 failed.");
    assertThat(run(List.of("exchange", "verify", "--desired", desired), connect).exitCode())
        .isZero();
    CliRunner.Result audit =
        run(List.of("exchange", "audit", "--html", dir.resolve("audit.html").toString()), connect);
    assertThat(audit.exitCode()).as(audit.err() + audit.out()).isZero();
  }
}
