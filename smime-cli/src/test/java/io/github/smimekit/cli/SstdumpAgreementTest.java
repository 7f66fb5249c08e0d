package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code smime sst list --json} agrees with the independent Python parser {@code tools/sstdump.py}
 * on every file of {@code testdata/sst}: element offsets, ids and lengths, certificate SHA-1s, and
 * which files are refused.
 */
final class SstdumpAgreementTest {
  static final Path TESTDATA = Path.of("../testdata/sst");
  static final Path SSTDUMP = Path.of("../tools/sstdump.py");
  private static final JsonMapper JSON = new JsonMapper();
  private static final Pattern ELEMENT =
      Pattern.compile("^\\s+@(\\d+)\\s+id=(\\d+)\\s+enc=\\d+\\s+len=(\\d+)", Pattern.MULTILINE);

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(TESTDATA)) {
      return s
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void listJson_agreesWithSstdump(Path file) throws Exception {
    assumeTrue(pythonWithCryptography(), "python3 with the cryptography package is needed");
    JsonNode dump = JSON.readTree(sstdump(file, "--json")).get(0);
    String format = dump.get("format").asText();
    boolean dumpErrors = !dump.get("errors").isEmpty();

    CliRunner.Result strict = CliRunner.run("sst", "list", "--json", file.toString());
    CliRunner.Result lenient = CliRunner.run("sst", "list", "--lenient", "--json", file.toString());

    if (format.equals("serialized store") && !dumpErrors) {
      assertThat(lenient.exitCode()).as(lenient.err()).isZero();
      JsonNode ours = JSON.readTree(lenient.out());
      List<String> ourCerts = new ArrayList<>();
      for (JsonNode e : ours.get("entries")) {
        if (e.get("kind").asText().equals("certificate")) {
          List<Integer> ids = new ArrayList<>();
          e.get("properties").forEach(p -> ids.add(p.get("id").asInt()));
          ourCerts.add(e.get("offset").asLong() + " " + e.get("sha1").asText() + " " + ids);
        }
      }
      List<String> dumpCerts = new ArrayList<>();
      for (JsonNode c : dump.get("cert_list")) {
        List<Integer> ids = new ArrayList<>();
        c.get("props").forEach(p -> ids.add(p.asInt()));
        dumpCerts.add(c.get("offset").asLong() + " " + c.get("sha1").asText() + " " + ids);
      }
      assertThat(ourCerts).isEqualTo(dumpCerts);
      if (strict.exitCode() == 0) {
        assertThat(elements(JSON.readTree(strict.out()))).isEqualTo(dumpElements(sstdump(file)));
      }
    } else if (format.startsWith("PKCS#7") || format.startsWith("single DER")) {
      assertThat(strict.exitCode()).as(strict.err()).isZero();
      List<String> ours = new ArrayList<>();
      JSON.readTree(strict.out()).get("entries").forEach(e -> ours.add(e.get("sha1").asText()));
      List<String> theirs = new ArrayList<>();
      dump.get("cert_list").forEach(c -> theirs.add(c.get("sha1").asText()));
      if (format.startsWith("single DER")) {
        // sstdump lists no cert_list for a bare certificate: its SHA-1 is that of the file
        theirs.add(CertCommandsTest.hex("SHA-1", Files.readAllBytes(file)));
      }
      assertThat(ours).isEqualTo(theirs);
    } else {
      // damaged stores, bare elements, SSTables, CRLs, bare SignedData: refused as stores
      assertThat(strict.exitCode()).as(format + ": " + strict.out()).isEqualTo(3);
      assertThat(strict.err().strip().lines()).hasSize(1);
    }
  }

  /** Every element (properties and contexts) as "offset id length", in file order. */
  static List<String> elements(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : list.get("entries")) {
      for (JsonNode p : e.get("properties")) {
        out.add(p.get("offset").asLong() + " " + p.get("id").asInt() + " " + p.get("length"));
      }
      int id =
          switch (e.get("kind").asText()) {
            case "certificate" -> 32;
            case "crl" -> 33;
            default -> 34;
          };
      out.add(e.get("offset").asLong() + " " + id + " " + e.get("length"));
    }
    return out;
  }

  static List<String> dumpElements(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ELEMENT.matcher(text);
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
    }
    return out;
  }

  static String sstdump(Path file, String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3", SSTDUMP.toString()));
    cmd.addAll(List.of(options));
    cmd.add(file.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  static boolean pythonWithCryptography() {
    boolean present;
    try {
      Process p = new ProcessBuilder("python3", "-c", "import cryptography").start();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but python3 with the cryptography package is missing");
    }
    return present;
  }
}
