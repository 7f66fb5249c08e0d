package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every chain-building case of {@code testdata/chain/} (NIST PKITS and x509-limbo, converted;
 * see the README there) through {@link ChainResolver}: valid cases must build {@code
 * expected_chain} (or one of {@code also_valid_chains}); invalid cases must be refused with a
 * status that maps to {@code expected_reason} (see {@link #REASONS}).
 *
 * <p>Path validation as in <a href="https://www.rfc-editor.org/rfc/rfc5280#section-6">RFC 5280
 * section 6</a>. The case's {@code strictness} chooses the resolver policy: {@code core} and {@code
 * anchor} cases use the defaults (anchor certificates are checked, which is the default); {@code
 * profile} cases, and the anchor case whose expected reason is {@code profile}, add {@link
 * ChainResolver.Builder#strictProfile(boolean)} (profile rules are off by default; {@link
 * ChainResolverTest} checks that the defaults accept those two cases); {@code caller-policy} cases
 * require the case's {@code required_eku}.
 */
final class Rfc5280PathValidationTest {
  private static final JsonMapper JSON = new JsonMapper();

  static final Path CASES = Path.of("../testdata/chain");

  /** expected_reason word → the statuses that count as that reason. */
  static final Map<String, Set<ChainStatus>> REASONS =
      Map.ofEntries(
          Map.entry("bad-signature", EnumSet.of(ChainStatus.BAD_SIGNATURE)),
          Map.entry("not-yet-valid", EnumSet.of(ChainStatus.NOT_YET_VALID)),
          Map.entry("expired", EnumSet.of(ChainStatus.EXPIRED)),
          Map.entry("missing-issuer", EnumSet.of(ChainStatus.ISSUER_NOT_FOUND)),
          Map.entry("untrusted-root", EnumSet.of(ChainStatus.UNTRUSTED_ROOT)),
          // README: "issuer candidates exist but every route loops or ends without an anchor
          // (cross-signed loops; 100-certificate pathological pools)": a loop, a route ending in a
          // self-signed non-anchor (limbo's same-subject-same-key pool consists of 100
          // self-signed certificates; OpenSSL reports "self-signed certificate in certificate
          // chain" there too), or a search cut by the depth/candidate budget
          Map.entry(
              "no-path",
              EnumSet.of(
                  ChainStatus.NO_PATH, ChainStatus.UNTRUSTED_ROOT, ChainStatus.BUDGET_EXCEEDED)),
          Map.entry("not-a-ca", EnumSet.of(ChainStatus.NOT_A_CA)),
          Map.entry("path-length", EnumSet.of(ChainStatus.PATH_LENGTH_EXCEEDED)),
          Map.entry("key-usage", EnumSet.of(ChainStatus.KEY_USAGE)),
          Map.entry("extended-key-usage", EnumSet.of(ChainStatus.EXTENDED_KEY_USAGE)),
          Map.entry("name-constraints", EnumSet.of(ChainStatus.NAME_CONSTRAINTS)),
          Map.entry(
              "unknown-critical-extension", EnumSet.of(ChainStatus.UNKNOWN_CRITICAL_EXTENSION)),
          Map.entry("profile", EnumSet.of(ChainStatus.PROFILE)));

  private static final Map<String, AtomicInteger[]> TALLY = new ConcurrentHashMap<>();

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CASES)) {
      return s
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chainCase_resolvedAsExpected(String id) throws Exception {
    AtomicInteger[] t =
        TALLY.computeIfAbsent(
            id.substring(0, id.indexOf('-')),
            k -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
    t[1].incrementAndGet();
    Outcome o = run(CASES.resolve(id));
    assertThat(o.problem).as(id + ": " + o.detail).isNull();
    t[0].incrementAndGet();
  }

  @AfterAll
  static void printTally() {
    Map<String, String> m = new TreeMap<>();
    TALLY.forEach((k, v) -> m.put(k, v[0].get() + "/" + v[1].get()));
    System.out.println("chain test suite, passed per source: " + m);
  }

  /** The result of one case: problem is null when the case passed. */
  static final class Outcome {
    final @Nullable String problem;
    final String detail;

    Outcome(@Nullable String problem, String detail) {
      this.problem = problem;
      this.detail = detail;
    }
  }

  @SuppressWarnings("unchecked")
  static Outcome run(Path dir) throws IOException, CertificateException {
    Map<String, @Nullable Object> c =
        (Map<String, @Nullable Object>)
            JSON.readValue(
                Files.readString(dir.resolve("case.json"), StandardCharsets.UTF_8), Object.class);
    X509Certificate leaf = pem(dir.resolve("leaf.pem")).get(0);
    List<X509Certificate> anchors = pem(dir.resolve("anchors.pem"));
    List<X509Certificate> pool = pem(dir.resolve("pool.pem"));
    Instant at = Instant.parse((String) c.get("validation_time"));
    ChainResolver.Builder b = ChainResolver.builder().trustAnchors(anchors).intermediates(pool);
    String strictness = (String) c.get("strictness");
    if ("profile".equals(strictness) || "profile".equals(c.get("expected_reason"))) {
      b.strictProfile(true);
    }
    Object eku = c.get("required_eku");
    if (eku != null) {
      b.requiredExtendedKeyUsages(((List<String>) eku).toArray(new String[0]));
    }
    ChainResolver resolver = b.build();
    ChainResult r = resolver.resolve(leaf, at);
    String got =
        r.isValid()
            ? "chain " + r.chainOrThrow().thumbprints()
            : r.diagnosis().orElseThrow().toString();
    if ("valid".equals(c.get("expected"))) {
      List<List<String>> ok = new ArrayList<>();
      ok.add((List<String>) c.get("expected_chain"));
      Object also = c.get("also_valid_chains");
      if (also != null) {
        ok.addAll((List<List<String>>) also);
      }
      if (!r.isValid()) {
        return new Outcome("expected a chain", got);
      }
      if (!ok.contains(hex(r.chainOrThrow().thumbprints()))) {
        return new Outcome("unexpected chain, expected one of " + ok, got);
      }
      // resolveAll must contain the expected chain too
      List<List<String>> all = new ArrayList<>();
      for (CertificateChain ch : resolver.resolveAll(leaf, at).chains()) {
        all.add(hex(ch.thumbprints()));
      }
      if (!all.contains(ok.get(0))) {
        return new Outcome("resolveAll misses the expected chain " + ok.get(0), all.toString());
      }
      return new Outcome(null, got);
    }
    String reason = (String) c.get("expected_reason");
    if (r.isValid()) {
      return new Outcome("expected refusal for " + reason, got);
    }
    ChainStatus status = r.diagnosis().orElseThrow().status();
    Set<ChainStatus> accepted = REASONS.get(reason);
    if (accepted == null || !accepted.contains(status)) {
      return new Outcome("expected a status for " + reason + ", got " + status, got);
    }
    return new Outcome(null, got);
  }

  static List<X509Certificate> pem(Path p) throws IOException, CertificateException {
    List<X509Certificate> out = new ArrayList<>();
    if (Files.size(p) == 0) {
      return out;
    }
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    try (InputStream in = Files.newInputStream(p)) {
      cf.generateCertificates(in).forEach(x -> out.add((X509Certificate) x));
    }
    return out;
  }

  private static List<String> hex(List<Thumbprint> thumbprints) {
    return thumbprints.stream().map(Thumbprint::hex).toList();
  }
}
