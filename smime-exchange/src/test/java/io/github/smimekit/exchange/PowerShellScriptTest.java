package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smimekit.exchange.internal.powershell.PsText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rendered script is parsed by an independent PowerShell grammar, tree-sitter-powershell
 * (npm, its {@code .wasm} loaded with web-tree-sitter; the CI script installs both into {@code
 * $SMIMEKIT_NODE_TOOLS}, default {@code ~/.cache/smimekit/node-tools}). For a corpus of hostile
 * strings, the scripts must parse without error, hold exactly the commands of the same script
 * rendered with harmless values, and carry each hostile value inside one string literal.
 *
 * <p>That grammar treats only U+0027 as a quote. The Unicode single quotes PowerShell also accepts
 * (U+2018, U+2019, U+201A, U+201B; PowerShell language specification §2.3.5.2,
 * single-quote-character) are therefore checked with {@link PsSpecTokenizer}, a tokenizer written
 * from that specification: the hostile script's tokens must equal the harmless script's, except for
 * the string literals that carry the values, which must decode to exactly those values.
 *
 * <p>Without node or the npm packages, the tree-sitter tests are skipped with the reason; with
 * {@code CI=true} they fail instead.
 */
final class PowerShellScriptTest {
  private static final boolean CI = "true".equals(System.getenv("CI"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BENIGN_ID = "benign@contoso.example";
  private static final String BENIGN_NAME = "Benign Name";

  static final List<String> HOSTILE =
      List.of(
          "O'Brien",
          "'; Remove-Item -Recurse -Force /; '",
          "\u2018; Get-Process; \u2019",
          "\u201A\u201B mixed \u2019'\u2018",
          "x\u2019\u2019y",
          "ends with quote\u2019",
          "`n`r backtick`",
          "$(Remove-Item x)",
          "${env:PATH}",
          "a;b|c&&d||e",
          "# not a comment",
          "<# not a block #>",
          "\"double\" \u201Cquotes\u201D \u201E",
          "@{a=1} @(1) --% stop",
          "Zo\u00EB \u00DCnal \u65E5\u672C",
          "emoji \uD83D\uDE00 \uD834\uDD1E",
          "x".repeat(1000));

  private static Path modules;
  private static String skipReason = "";
  private final Fixtures f = Fixtures.get();

  @BeforeAll
  static void findTools() {
    String env = System.getenv("SMIMEKIT_NODE_TOOLS");
    Path base =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "smimekit", "node-tools");
    Path m = base.resolve("node_modules");
    boolean present =
        Files.isRegularFile(m.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"))
            && Files.isRegularFile(m.resolve("web-tree-sitter/web-tree-sitter.js"));
    boolean node = run(List.of("node", "--version")) != null;
    if (present && node) {
      modules = m;
    } else {
      skipReason =
          (node ? "" : "node is not installed; ")
              + (present ? "" : "tree-sitter-powershell and web-tree-sitter are not in " + m)
              + " (install: npm install --ignore-scripts --prefix "
              + base
              + " tree-sitter-powershell web-tree-sitter)";
      if (CI) {
        throw new IllegalStateException("CI=true: " + skipReason);
      }
    }
  }

  private List<ExchangeOperation> operations(String identity, String name) {
    return List.of(
        new NewMailContact(name, "partner@fabrikam.example", Optional.of(name)),
        new SetUserCertificates(
            RecipientType.MAILBOX, RecipientIdentity.of(identity), List.of(f.alice.certificate())),
        SetUserSMimeCertificate.clear(RecipientType.MAIL_USER, RecipientIdentity.of(identity)),
        SetUserCertificates.clear(RecipientType.MAIL_CONTACT, RecipientIdentity.of(identity)));
  }

  private static String nameFor(String hostile) {
    return hostile.length() <= 64 ? hostile : hostile.substring(0, 64);
  }

  private String script(String identity, String name) {
    return PowerShell7.script(
        operations(identity, name), ScriptConnect.delegated("admin@contoso.example"));
  }

  @Test
  void quote_doublesEveryQuoteCharacter() {
    assertThat(PsText.quote("O'Brien")).isEqualTo("'O''Brien'");
    assertThat(PsText.quote("\u2018a\u2019b\u201Ac\u201Bd"))
        .isEqualTo("'\u2018\u2018a\u2019\u2019b\u201A\u201Ac\u201B\u201Bd'");
    assertThat(PsText.quote("`$\"")).isEqualTo("'`$\"'");
  }

  @Test
  void hostileValues_specTokenizer_sameTokensAndValueInOneLiteral() {
    List<PsSpecTokenizer.Token> benign = PsSpecTokenizer.tokenize(script(BENIGN_ID, BENIGN_NAME));
    for (String h : HOSTILE) {
      List<PsSpecTokenizer.Token> tokens = PsSpecTokenizer.tokenize(script(h, nameFor(h)));
      assertThat(tokens).as(h).hasSameSizeAs(benign);
      int carried = 0;
      for (int i = 0; i < tokens.size(); i++) {
        PsSpecTokenizer.Token a = benign.get(i);
        PsSpecTokenizer.Token b = tokens.get(i);
        assertThat(b.kind()).as("token %d of the script for %s", i, h).isEqualTo(a.kind());
        if (a.kind() == PsSpecTokenizer.Kind.COMMENT) {
          continue;
        }
        if (a.kind() == PsSpecTokenizer.Kind.VERBATIM && a.value().equals(BENIGN_ID)) {
          assertThat(b.value()).as(h).isEqualTo(h);
          carried++;
        } else if (a.kind() == PsSpecTokenizer.Kind.VERBATIM && a.value().equals(BENIGN_NAME)) {
          assertThat(b.value()).as(h).isEqualTo(nameFor(h));
          carried++;
        } else {
          assertThat(b.text()).as("token %d of the script for %s", i, h).isEqualTo(a.text());
        }
      }
      assertThat(carried).as(h).isEqualTo(11);
    }
  }

  @Test
  void hostileValues_treeSitter_noErrorSameCommandsEachValueInOneLiteral(@TempDir Path dir)
      throws IOException {
    assumeTrue(modules != null, skipReason);
    List<Path> files = new ArrayList<>();
    files.add(write(dir, "benign.ps1", script(BENIGN_ID, BENIGN_NAME)));
    for (int i = 0; i < HOSTILE.size(); i++) {
      String h = HOSTILE.get(i);
      files.add(write(dir, "hostile" + i + ".ps1", script(h, nameFor(h))));
    }
    JsonNode results = parse(files);
    List<String> benignCommands = commands(results.get(0).get("tree"));
    assertThat(benignCommands)
        .contains(
            "Connect-ExchangeOnline",
            "New-MailContact",
            "Set-Mailbox",
            "Get-Mailbox",
            "Set-MailUser",
            "Get-MailUser",
            "Set-MailContact",
            "Get-MailContact");
    for (int i = 0; i < HOSTILE.size(); i++) {
      String h = HOSTILE.get(i);
      JsonNode r = results.get(i + 1);
      assertThat(r.get("hasError").asBoolean()).as(h).isFalse();
      assertThat(commands(r.get("tree"))).as(h).isEqualTo(benignCommands);
      List<String> literals = new ArrayList<>();
      collect(r.get("tree"), "string_literal", literals);
      assertThat(literals.stream().filter(l -> l.equals(PsText.quote(h))).count())
          .as("literals holding %s", h)
          .isEqualTo(h.equals(nameFor(h)) ? 11 : 9);
      if (!h.equals(nameFor(h))) {
        assertThat(literals.stream().filter(l -> l.equals(PsText.quote(nameFor(h)))).count())
            .isEqualTo(2);
      }
    }
  }

  @Test
  void everyRenderedScript_parsesWithoutError(@TempDir Path dir) throws IOException {
    assumeTrue(modules != null, skipReason);
    List<Path> files = new ArrayList<>();
    files.add(write(dir, "export.ps1", PowerShell7.exportScript(ScriptConnect.none())));
    files.add(
        write(
            dir,
            "export-app.ps1",
            PowerShell7.exportScript(
                ScriptConnect.appOnly(
                    "0123456789ABCDEF0123456789ABCDEF01234567",
                    "11111111-2222-3333-4444-555555555555",
                    "contoso.onmicrosoft.com"))));
    files.add(write(dir, "small.ps1", GoldenScriptTest.small()));
    files.add(write(dir, "realistic.ps1", GoldenScriptTest.realistic()));
    files.add(write(dir, "empty.ps1", PowerShell7.script(List.of(), ScriptConnect.none())));
    JsonNode results = parse(files);
    for (JsonNode r : results) {
      assertThat(r.get("hasError").asBoolean()).as(r.get("file").asText()).isFalse();
    }
    assertThat(commands(results.get(0).get("tree")))
        .contains(
            "Get-Mailbox", "Get-MailUser", "Get-MailContact", "Get-SmimeConfig", "Set-Content");
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static JsonNode parse(List<Path> files) throws IOException {
    Path script = Path.of("src/test/node/parse-powershell.mjs").toAbsolutePath();
    List<String> cmd =
        new ArrayList<>(List.of("node", "--liftoff-only", script.toString(), modules.toString()));
    files.forEach(p -> cmd.add(p.toString()));
    String out = run(cmd);
    assertThat(out).as("node parse-powershell.mjs failed").isNotNull();
    return JSON.readTree(out);
  }

  /** The command names in tree order. */
  private static List<String> commands(JsonNode tree) {
    List<String> out = new ArrayList<>();
    collect(tree, "command_name", out);
    return out;
  }

  private static void collect(JsonNode node, String type, List<String> out) {
    if (type.equals(node.get("type").asText())) {
      out.add(text(node));
      if (type.equals("string_literal")) {
        return;
      }
    }
    JsonNode children = node.get("children");
    if (children != null) {
      for (JsonNode c : children) {
        collect(c, type, out);
      }
    }
  }

  private static String text(JsonNode node) {
    if (node.has("text")) {
      return node.get("text").asText();
    }
    StringBuilder b = new StringBuilder();
    JsonNode children = node.get("children");
    if (children != null) {
      for (JsonNode c : children) {
        b.append(text(c));
      }
    }
    return b.toString();
  }

  static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      p.getErrorStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
