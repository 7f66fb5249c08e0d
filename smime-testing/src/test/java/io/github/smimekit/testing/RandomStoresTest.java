package io.github.smimekit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RandomStoresTest {
  private static final Path SSTDUMP = Path.of("../tools/sstdump.py");

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void next_sameSeed_sameBytes(long seed) {
    RandomStores a = RandomStores.create(seed);
    RandomStores b = RandomStores.create(seed);
    for (int i = 0; i < 5; i++) {
      assertThat(a.next().encode()).as("seed %d store %d", seed, i).isEqualTo(b.next().encode());
    }
    assertThat(RandomStores.create(seed).next().encode())
        .as("seed %d vs %d", seed, seed + 1)
        .isNotEqualTo(RandomStores.create(seed + 1).next().encode());
  }

  @ParameterizedTest
  @ValueSource(longs = {10L, 11L, 12L})
  void encode_randomStores_parseBackToElementsAndFollowSpec(long seed) throws Exception {
    RandomStores stores = RandomStores.create(seed);
    Set<Integer> ids = new HashSet<>();
    boolean emptyValue = false;
    for (int n = 0; n < 20; n++) {
      GeneratedStore s = stores.next();
      String ctx = "seed " + seed + " store " + n;
      byte[] bytes = s.encode();
      ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      assertThat(Arrays.copyOf(bytes, 8)).as(ctx).containsExactly(0, 0, 0, 0, 'C', 'E', 'R', 'T');
      buf.position(8);
      List<GeneratedElement> parsed = new ArrayList<>();
      while (true) {
        int id = buf.getInt();
        int enc = buf.getInt();
        int len = buf.getInt();
        if (id == 0) {
          assertThat(enc).as(ctx).isZero();
          assertThat(len).as(ctx).isZero();
          break;
        }
        byte[] v = new byte[len];
        buf.get(v);
        parsed.add(GeneratedElement.of(id, enc, v));
      }
      assertThat(buf.remaining()).as(ctx).isZero();
      assertThat(parsed).as(ctx).isEqualTo(s.elements());

      Set<Integer> groupIds = new HashSet<>();
      int certIndex = 0;
      int crlIndex = 0;
      for (GeneratedElement e : s.elements()) {
        assertThat(e.encoding()).as(ctx).isEqualTo(1);
        assertThat(e.id()).as(ctx).isBetween(1, 0xFFFF);
        ids.add(e.id());
        if (e.isContext()) {
          groupIds.clear();
          assertThat(e.length()).as(ctx).isPositive();
          if (e.id() == 32) {
            assertThat(e.value()).isEqualTo(s.certificates().get(certIndex++).getEncoded());
          } else {
            assertThat(e.value()).isEqualTo(s.crls().get(crlIndex++).getEncoded());
          }
        } else {
          assertThat(groupIds.add(e.id())).as(ctx + ": duplicate id " + e.id()).isTrue();
          emptyValue |= e.length() == 0;
        }
      }
      assertThat(certIndex).isEqualTo(s.certificates().size());
      assertThat(crlIndex).isEqualTo(s.crls().size());
      if (!s.elements().isEmpty()) {
        assertThat(s.elements().get(s.elements().size() - 1).isContext()).as(ctx).isTrue();
      }
      for (int c = 0; c < s.contexts().size(); c++) {
        GeneratedElement context = s.contexts().get(c);
        for (GeneratedElement p : s.propertiesOf(c)) {
          checkKnownProperty(ctx, p, context);
        }
      }
    }
    assertThat(ids).as("seed %d ids", seed).contains(3, 11, 32);
    assertThat(ids.stream().anyMatch(i -> i >= 0x8000)).as("seed %d user ids", seed).isTrue();
    assertThat(emptyValue).as("seed %d 0-length values", seed).isTrue();
  }

  private static void checkKnownProperty(String ctx, GeneratedElement p, GeneratedElement context)
      throws Exception {
    byte[] v = p.value();
    if (context.id() == 32 && p.id() == 3) {
      assertThat(v).as(ctx).isEqualTo(MessageDigest.getInstance("SHA-1").digest(context.value()));
      CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(context.value()));
    } else if (p.id() == 11 || p.id() == 13) {
      assertThat(v.length % 2).as(ctx).isZero();
      assertThat(v).as(ctx).endsWith(0, 0);
      new String(v, StandardCharsets.UTF_16LE); // decodable
    } else if (p.id() == 9 || p.id() == 122 || p.id() == 127) {
      assertThat(v[0]).as(ctx + " DER SEQUENCE").isEqualTo((byte) 0x30);
      assertThat(v[1] & 0xff).as(ctx).isEqualTo(v.length - 2);
    } else if (p.id() == 104 || p.id() == 126) {
      assertThat(v.length).as(ctx).isIn(0, 8);
    }
  }

  @Test
  void encode_randomStores_acceptedBySstdumpStrict(@TempDir Path dir) throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    boolean python = toolPresent("python3", "--version");
    if (ci) {
      assertThat(python).as("python3 must be on PATH when CI=true").isTrue();
      assertThat(SSTDUMP).as("sstdump.py must exist when CI=true").exists();
    }
    assumeTrue(python, "python3 not on PATH: skipped");
    assumeTrue(Files.exists(SSTDUMP), "../tools/sstdump.py missing: skipped");

    RandomStores stores = RandomStores.create(77L);
    List<String> cmd =
        new ArrayList<>(List.of("python3", SSTDUMP.toString(), "--strict", "--json"));
    List<GeneratedStore> generated = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      GeneratedStore s = stores.next();
      generated.add(s);
      Path f = dir.resolve("random-" + i + ".sst");
      Files.write(f, s.encode());
      cmd.add(f.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("\"format\": \"unknown\"");
    List<Integer> certs = ints(out, "\"certs\": (\\d+)");
    List<Integer> crls = ints(out, "\"crls\": (\\d+)");
    List<Integer> errors = ints(out, "\"checks_failed\": (\\d+)");
    assertThat(certs).hasSize(generated.size());
    for (int i = 0; i < generated.size(); i++) {
      assertThat(certs.get(i)).as(out).isEqualTo(generated.get(i).certificates().size());
      assertThat(crls.get(i)).as(out).isEqualTo(generated.get(i).crls().size());
      assertThat(errors.get(i)).as("recomputed hash mismatches: " + out).isZero();
    }
  }

  private static List<Integer> ints(String text, String regex) {
    List<Integer> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private static boolean toolPresent(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
