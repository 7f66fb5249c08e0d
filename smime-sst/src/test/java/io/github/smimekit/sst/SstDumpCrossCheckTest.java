package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares what this reader reports with the independent Python parser {@code tools/sstdump.py} on
 * every test file: element offsets, ids and lengths (text output), certificate offsets, SHA-1s and
 * property ids ({@code --json}), and acceptance. Skipped when python3 or its {@code cryptography}
 * package is missing, except under CI=true.
 */
final class SstDumpCrossCheckTest {
  /** sstdump's numbers as {@code Long}, as the assertions compare them with offsets. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

  private static final Path SSTDUMP = Path.of("../tools/sstdump.py");
  private static final Pattern ELEMENT =
      Pattern.compile("^\\s*@(\\d+)\\s+id=(\\d+)\\s+enc=(\\d+)\\s+len=(\\d+)", Pattern.MULTILINE);
  private static boolean pythonReady;
  private static final Map<String, Map<String, Object>> JSON_REPORTS = new HashMap<>();
  private static final Map<String, String> TEXT_REPORTS = new HashMap<>();

  static List<String> files() {
    return TestFiles.all();
  }

  /** Runs sstdump once over all files, in --json and in --strict text mode. */
  @BeforeAll
  @SuppressWarnings("unchecked")
  static void runSstdump() throws IOException {
    pythonReady = run(List.of("python3", "-c", "import cryptography")) != null;
    boolean ci = "true".equals(System.getenv("CI"));
    if (ci && !pythonReady) {
      throw new IllegalStateException("python3 with 'cryptography' is required when CI=true");
    }
    if (!pythonReady) {
      return;
    }
    List<String> paths = files().stream().map(f -> TestFiles.path(f).toString()).toList();
    List<String> jsonCommand = new ArrayList<>(List.of("python3", SSTDUMP.toString()));
    jsonCommand.addAll(paths);
    jsonCommand.add("--json");
    String json = run(jsonCommand);
    List<String> textCommand = new ArrayList<>(List.of("python3", SSTDUMP.toString(), "--strict"));
    textCommand.addAll(paths);
    String text = run(textCommand);
    if (json == null || text == null) {
      throw new IllegalStateException("sstdump.py failed to run");
    }
    for (Object o : (List<Object>) JSON.readValue(json, Object.class)) {
      Map<String, Object> r = (Map<String, Object>) o;
      JSON_REPORTS.put((String) r.get("file"), r);
    }
    for (String p : paths) {
      int start = text.indexOf("== " + p + " (");
      if (start >= 0) {
        int end = text.indexOf("\n== ", start + 3);
        TEXT_REPORTS.put(p, text.substring(start, end < 0 ? text.length() : end));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  @SuppressWarnings("unchecked")
  void reader_agreesWithSstdump(String file) {
    assumeTrue(pythonReady, "python3 with 'cryptography' not available: skipped");
    Path path = TestFiles.path(file);
    Map<String, Object> report = JSON_REPORTS.get(path.toString());
    String text = TEXT_REPORTS.get(path.toString());
    assertThat(report).as("sstdump --json report").isNotNull();
    assertThat(text).as("sstdump text report").isNotNull();
    List<Map<String, Object>> certList = (List<Map<String, Object>>) report.get("cert_list");
    String format = (String) report.get("format");
    byte[] data = TestFiles.bytes(file);
    boolean pyStrictOk = !text.contains("   ERROR: ");

    SerializedStore store;
    if (format != null && format.startsWith("serialized store")) {
      boolean ourStrictOk;
      try {
        SerializedStore.read(Bytes.copyOf(data));
        ourStrictOk = true;
      } catch (SstFormatException e) {
        ourStrictOk = false;
      }
      assertThat(ourStrictOk)
          .as("strict acceptance agrees with sstdump --strict")
          .isEqualTo(pyStrictOk);
      try {
        store = SerializedStore.read(Bytes.copyOf(data), SstReadOptions.lenient());
      } catch (SstFormatException e) {
        assertThat((List<Object>) report.get("errors")).as("python errors").isNotEmpty();
        return;
      }
      if (store.warnings().stream().noneMatch(w -> w.problem() == SstProblem.ORPHANED_PROPERTIES)) {
        assertThat(elements(store))
            .as("offset/id/length of every element")
            .isEqualTo(pyElements(text));
      }
    } else if (format != null && format.startsWith("serialized element")) {
      store =
          StoreSniffer.open(
                  Bytes.copyOf(data),
                  SstReadOptions.builder().allowHeaderlessElements(true).build())
              .store();
      assertThat(elements(store)).isEqualTo(pyElements(text));
    } else if (!((List<Object>) report.get("errors")).isEmpty()) {
      // not a store for sstdump (e.g. the SSTable, a lone CRL): the sniffer refuses it too
      boolean refused;
      try {
        StoreSniffer.open(Bytes.copyOf(data), SstReadOptions.defaults());
        refused = false;
      } catch (SstFormatException e) {
        refused = true;
      }
      assertThat(refused).as("sniffer refuses what sstdump cannot read: " + format).isTrue();
      return;
    } else {
      store = StoreSniffer.open(Bytes.copyOf(data), SstReadOptions.defaults()).store();
    }

    List<StoreEntry> certs = store.certificateEntries();
    assertThat(((Number) report.get("certs")).intValue()).isEqualTo(certs.size());
    if (certList.isEmpty() && "single DER certificate".equals(format)) {
      return; // sstdump lists no cert_list for a bare certificate
    }
    assertThat(certs).hasSameSizeAs(certList);
    for (int i = 0; i < certs.size(); i++) {
      StoreEntry e = certs.get(i);
      Map<String, Object> py = certList.get(i);
      assertThat(e.sha1().hex()).as("sha1 of cert %d", i).isEqualTo(py.get("sha1"));
      assertThat(e.properties().stream().map(p -> (long) p.id()).toList())
          .as("property ids of cert %d", i)
          .isEqualTo(py.get("props"));
      if (py.containsKey("offset")) {
        assertThat(e.offset().getAsLong()).as("offset of cert %d", i).isEqualTo(py.get("offset"));
      }
    }
  }

  private static List<String> elements(SerializedStore store) {
    List<String> out = new ArrayList<>();
    for (StoreEntry e : store.entries()) {
      for (StoreProperty p : e.properties()) {
        out.add(p.offset().getAsLong() + " " + p.id() + " " + p.length());
      }
      out.add(e.offset().getAsLong() + " " + e.contextType().code() + " " + e.encoded().size());
    }
    return out;
  }

  private static List<String> pyElements(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ELEMENT.matcher(text);
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2) + " " + m.group(4));
    }
    return out;
  }

  /** Stdout of a command, or null when it cannot run. Exit status 1 (errors found) is fine. */
  private static String run(List<String> command) {
    try {
      Path out = Files.createTempFile("sstdump", ".out");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return null;
        }
        if (p.exitValue() > 1) {
          return null;
        }
        return Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
