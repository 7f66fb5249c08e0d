package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smime exchange plan|script|export-script} on the sample files. */
final class ExchangeCommandsTest {
  private static final JsonMapper JSON = new JsonMapper();
  static final Path DESIRED = Path.of("../samples/exchange/desired.json");
  static final Path CURRENT = Path.of("../samples/exchange/current.json");

  @Test
  void plan_samples_changeTableAndExit0() {
    CliRunner.Result r =
        CliRunner.run(
            "exchange", "plan", "--desired", DESIRED.toString(), "--current", CURRENT.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("~ issuing-CA store")
        .contains("+ SMIMECertificateIssuingCA")
        .contains("Contoso Demo Issuing CA")
        .contains("~ Mailbox alice@contoso.example (change)")
        .contains("Plan: 0 to add, 2 to change, 0 to destroy");
  }

  @Test
  void plan_json_hasOperationsAndRecipients() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "exchange",
            "plan",
            "--desired",
            DESIRED.toString(),
            "--current",
            CURRENT.toString(),
            "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("operations").get(0).get("cmdlet").asText()).isEqualTo("Set-SmimeConfig");
    assertThat(doc.get("operations").get(1).get("cmdlet").asText()).isEqualTo("Set-Mailbox");
    assertThat(doc.get("operations").get(1).get("identity").asText())
        .isEqualTo("alice@contoso.example");
    assertThat(doc.get("recipients").get(0).get("status").asText()).isEqualTo("change");
  }

  @Test
  void plan_blockedRecipient_exit1(@TempDir Path dir) throws Exception {
    Path desired = dir.resolve("desired.json");
    Files.writeString(
        desired,
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"bob@contoso.example\",\"certificates\":[\""
            + Path.of("../samples/alice.cer").toAbsolutePath().toString().replace("\\", "\\\\")
            + "\"]}]}");
    CliRunner.Result r = CliRunner.run("exchange", "plan", "--desired", desired.toString());
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("! Mailbox bob@contoso.example (blocked)")
        .contains("email-mismatch");
  }

  @Test
  void plan_badDesiredFile_exit3(@TempDir Path dir) throws Exception {
    Path desired = dir.resolve("desired.json");
    Files.writeString(desired, "{\"recipientz\":[]}");
    CliRunner.Result r = CliRunner.run("exchange", "plan", "--desired", desired.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("/recipientz: unknown field 'recipientz'");
    CliRunner.Result missing =
        CliRunner.run("exchange", "plan", "--desired", dir.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(3);
  }

  @Test
  void plan_usage_exit2() {
    assertThat(CliRunner.run("exchange", "plan").exitCode()).isEqualTo(2);
  }

  @Test
  void script_writesPowerShell7WithConnect(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("publish.ps1");
    CliRunner.Result r =
        CliRunner.run(
            "exchange",
            "script",
            "--desired",
            DESIRED.toString(),
            "--current",
            CURRENT.toString(),
            "--out",
            out.toString(),
            "--connect-upn",
            "admin@contoso.example");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String script = Files.readString(out);
    assertThat(script)
        .startsWith("#Requires -Version 7.0\n")
        .contains("Connect-ExchangeOnline -UserPrincipalName 'admin@contoso.example'")
        .contains("Set-SmimeConfig -SMIMECertificateIssuingCA $issuingCa")
        .contains("Set-Mailbox -Identity 'alice@contoso.example' -UserCertificate $values");
  }

  @Test
  void script_incompleteAppOnly_exit3(@TempDir Path dir) {
    CliRunner.Result r =
        CliRunner.run(
            "exchange",
            "script",
            "--desired",
            DESIRED.toString(),
            "--out",
            dir.resolve("p.ps1").toString(),
            "--connect-app-id",
            "00000000-0000-0000-0000-000000000000");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("app-only sign-in needs");
  }

  @Test
  void exportScript_writesScript(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("export.ps1");
    CliRunner.Result r = CliRunner.run("exchange", "export-script", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out))
        .contains("Get-SmimeConfig")
        .contains("ConvertTo-Json -InputObject $state -Depth 10");
  }
}
