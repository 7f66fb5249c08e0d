package io.github.smimekit.cli;

import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.FetchAttempt;
import io.github.smimekit.core.FetchOptions;
import io.github.smimekit.core.PlatformTrustStores;
import io.github.smimekit.core.Thumbprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smime chain ...}: chains of trust. */
@Command(
    name = "chain",
    header = "Build chains of trust from a pool of CA certificates.",
    mixinStandardHelpOptions = true,
    description = "Build chains of trust from a pool of CA certificates.",
    subcommands = {ChainCommands.Build.class},
    footerHeading = Help.EXAMPLES,
    footer = {
      "  smime chain build samples/alice.cer --pool samples/issuing-ca.cer --anchor"
          + " samples/root.cer",
      "  smime chain build bob.cer --fetch --fetch-cache aia-cache --anchor jdk"
    })
final class ChainCommands {
  private ChainCommands() {}

  /** The purposes {@code --eku} knows by name (RFC 5280 section 4.2.1.12, RFC 9336). */
  static final Map<String, String> EKU_NAMES = ekuNames();

  private static Map<String, String> ekuNames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("emailProtection", "1.3.6.1.5.5.7.3.4");
    m.put("clientAuth", "1.3.6.1.5.5.7.3.2");
    m.put("serverAuth", "1.3.6.1.5.5.7.3.1");
    m.put("codeSigning", "1.3.6.1.5.5.7.3.3");
    m.put("timeStamping", "1.3.6.1.5.5.7.3.8");
    m.put("OCSPSigning", "1.3.6.1.5.5.7.3.9");
    m.put("documentSigning", "1.3.6.1.5.5.7.3.36");
    return Map.copyOf(m);
  }

  /** Reads {@code --eku}: a dotted OID or one of {@link #EKU_NAMES} (case-insensitive). */
  static final class EkuConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      for (Map.Entry<String, String> e : EKU_NAMES.entrySet()) {
        if (e.getKey().equalsIgnoreCase(value)) {
          return e.getValue();
        }
      }
      if (value.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
        return value;
      }
      throw new CommandLine.TypeConversionException(
          "not a dotted OID nor a known purpose: '"
              + value
              + "' (known: emailProtection, clientAuth, serverAuth, codeSigning, timeStamping,"
              + " OCSPSigning, documentSigning)");
    }
  }

  /** {@code smime chain build LEAF [--pool PATH...] [--anchor jdk|system|PATH...] ...}. */
  @Command(
      name = "build",
      header = "Build a certificate's chain leaf -> root, or say why none exists.",
      description = {
        "Build the chain leaf -> root (SHA-1 and subject per link), or say precisely why none"
            + " exists: a status (ISSUER_NOT_FOUND, BAD_SIGNATURE, EXPIRED, NOT_A_CA, ...) and a"
            + " reason naming the certificate where it broke.",
        "No revocation checking. No network access unless --fetch: then a missing issuer is"
            + " fetched from the certificate's caIssuers URL (http/https only, bounded in size,"
            + " count, redirects and time; no cookies, no credentials), level by level; every"
            + " fetched certificate is checked like the pool's, and each URL's outcome is part"
            + " of the result. Files in a --pool or --anchor directory that hold no certificate"
            + " are skipped and listed (stderr; 'skipped' in JSON)."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {
        Help.OK,
        "1:no chain (status and reason say why)",
        Help.USAGE,
        Help.BAD_INPUT,
        Help.INTERNAL
      },
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime chain build samples/alice.cer --pool samples/issuing-ca.cer --anchor"
            + " samples/root.cer",
        "  smime chain build samples/alice.cer --pool cas/ --anchor samples/root.cer --all --json",
        "  smime chain build bob.cer --fetch --anchor jdk --save-fetched fetched-cas/",
        "  smime chain build bob.cer --fetch --fetch-cache aia-cache --anchor system --json",
        "  smime chain build bob.cer --fetch-cache aia-cache --offline --anchor jdk",
        "  smime chain build alice.cer --pool cas/ --anchor root.cer --strict --eku"
            + " emailProtection"
      })
  static final class Build extends BaseCommand implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "LEAF",
        description = "The end-entity certificate (one certificate, any encoding).")
    @Nullable Path leaf;

    @Option(
        names = "--pool",
        arity = "1..*",
        paramLabel = "PATH",
        description =
            "CA certificates to build from: files or directories in any encoding, PKCS#7, PEM"
                + " bundles, .sst stores.")
    List<Path> pool = new ArrayList<>();

    @Option(
        names = "--anchor",
        arity = "1..*",
        paramLabel = "jdk|system|PATH",
        description =
            "Trust anchors: 'jdk' (the running JDK's trust store, cacerts), 'system' (the"
                + " operating system's: the distribution's PEM bundle on Linux, KeychainStore on"
                + " macOS, Windows-ROOT on Windows), or files and directories as for --pool"
                + " (write ./jdk for a file named jdk). Without any, a self-signed certificate"
                + " from the pool ends the chain, reported as not anchored.")
    List<String> anchors = new ArrayList<>();

    @Mixin AtOption at = new AtOption();

    @Option(
        names = "--all",
        description =
            "Print every valid chain (cross-signs, renewed CAs), not only the preferred one"
                + " (anchored, then shortest, then newest).")
    boolean all;

    @Option(
        names = "--strict",
        description =
            "Enforce the RFC 5280 profile rules path validation does not demand: a CA's"
                + " basicConstraints must be critical, an end-entity certificate asserting"
                + " keyCertSign must be a CA.")
    boolean strict;

    @Option(
        names = "--eku",
        arity = "1..*",
        paramLabel = "OID|NAME",
        converter = EkuConverter.class,
        description =
            "Require the leaf's extendedKeyUsage to allow one of these purposes: a dotted OID or"
                + " emailProtection, clientAuth, serverAuth, codeSigning, timeStamping,"
                + " OCSPSigning, documentSigning. A leaf without extendedKeyUsage, or with"
                + " anyExtendedKeyUsage, allows every purpose.")
    List<String> eku = new ArrayList<>();

    @Option(
        names = "--accept-unanchored",
        description =
            "With anchors given, still return a chain that ends in a self-signed pool"
                + " certificate that is not an anchor (reported as not anchored).")
    boolean acceptUnanchored;

    @Option(
        names = "--anchors-as-names",
        description =
            "Treat anchors as a name and a key only, as the JDK does: their validity,"
                + " basicConstraints, keyUsage and name constraints are not checked.")
    boolean anchorsAsNames;

    @Option(
        names = "--refuse-sha1",
        description = "Refuse SHA-1 signatures (default: accepted with a warning).")
    boolean refuseSha1;

    @Option(names = "--refuse-dsa", description = "Refuse DSA signatures (default: accepted).")
    boolean refuseDsa;

    @Option(
        names = "--fetch",
        description =
            "Fetch missing issuers from the caIssuers URLs of the certificates (http and https"
                + " only; ldap and other URLs are named, not fetched).")
    boolean fetch;

    @Option(
        names = "--fetch-cache",
        paramLabel = "DIR",
        description =
            "Cache fetched answers in DIR (keyed by URL, stored by SHA-256), so each URL is"
                + " fetched once across runs. Implies --fetch.")
    @Nullable Path fetchCache;

    @Option(
        names = "--offline",
        description = "Read fetched issuers from --fetch-cache only; make no request.")
    boolean offline;

    @Option(
        names = "--fetch-timeout",
        paramLabel = "SECONDS",
        description = "Time limit of each request, in seconds (default: 10; all: 30).")
    @Nullable Integer fetchTimeout;

    @Option(
        names = "--save-fetched",
        paramLabel = "DIR",
        description =
            "Write every fetched certificate to DIR as DER, named by subject CN and SHA-1, to"
                + " review before uploading it. Implies --fetch.")
    @Nullable Path saveFetched;

    private List<Inputs.Skipped> skipped = List.of();
    private final Map<X509Certificate, String> anchorSource = new HashMap<>();
    private final List<String> saved = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      Path leafFile = Objects.requireNonNull(leaf);
      if (offline && fetchCache == null) {
        throw usage("--offline needs --fetch-cache DIR");
      }
      Integer timeout = fetchTimeout;
      if (timeout != null && (timeout < 1 || timeout > 600)) {
        throw usage("--fetch-timeout must be 1..600 seconds: " + timeout);
      }
      boolean fetching = fetch || fetchCache != null || offline || saveFetched != null;
      Inputs.Read leafRead = Inputs.read(leafFile);
      List<X509Certificate> leafCerts = leafRead.certificates();
      if (leafCerts.size() != 1) {
        throw new BadInputException(
            leafFile
                + ": holds "
                + Text.count(leafCerts.size(), "certificate")
                + "; LEAF must be one certificate");
      }
      X509Certificate leafCert = leafCerts.get(0);
      Instant time = at.orNow(context.clock());
      List<Path> anchorPaths = new ArrayList<>();
      Set<X509Certificate> anchorCerts = new LinkedHashSet<>();
      for (String a : anchors) {
        if (a.equals("jdk")) {
          addPlatform(anchorCerts, PlatformTrustStores.jdk(), "jdk");
        } else if (a.equals("system")) {
          addPlatform(anchorCerts, PlatformTrustStores.system(), "system");
        } else {
          anchorPaths.add(Path.of(a));
        }
      }
      Inputs.Read anchorRead = Inputs.readAll(anchorPaths);
      Inputs.Read poolRead = Inputs.readAll(pool);
      skipped = new ArrayList<>(leafRead.skipped());
      skipped.addAll(anchorRead.skipped());
      skipped.addAll(poolRead.skipped());
      reportSkipped(skipped);
      for (X509Certificate c : anchorRead.certificates()) {
        anchorSource.remove(c); // given as a file too: not only a platform anchor
        anchorCerts.add(c);
      }
      CertificatePool anchorPool = CertificatePool.of(new ArrayList<>(anchorCerts));
      CertificatePool intermediates = CertificatePool.of(poolRead.certificates());
      ChainResolver.Builder builder =
          ChainResolver.builder()
              .trustAnchors(anchorPool.certificates())
              .pool(intermediates)
              .strictProfile(strict)
              .acceptUnanchored(acceptUnanchored)
              .checkAnchorConstraints(!anchorsAsNames)
              .requiredExtendedKeyUsages(eku.toArray(new String[0]));
      if (refuseSha1 || refuseDsa) {
        builder.algorithmPolicy(
            io.github.smimekit.core.AlgorithmPolicy.builder()
                .allowSha1(!refuseSha1)
                .allowDsa(!refuseDsa)
                .build());
      }
      if (fetching) {
        FetchOptions.Builder f = FetchOptions.builder().offline(offline);
        Path cache = fetchCache;
        if (cache != null) {
          f.cacheDirectory(cache);
        }
        if (timeout != null) {
          f.readTimeout(Duration.ofSeconds(timeout));
          f.totalTimeout(Duration.ofSeconds(Math.max(30, timeout * 3L)));
        }
        builder.fetch(f.build());
      }
      ChainResolver resolver = builder.build();
      ChainResult result =
          all ? resolver.resolveAll(leafCert, time) : resolver.resolve(leafCert, time);
      Path saveDir = saveFetched;
      if (saveDir != null) {
        save(saveDir, result.fetchedCertificates());
      }
      if (json) {
        printJson(view(result, time));
      } else {
        printText(result);
      }
      return result.isValid() ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
    }

    private void addPlatform(Set<X509Certificate> into, List<X509Certificate> certs, String src) {
      for (X509Certificate c : certs) {
        if (into.add(c)) {
          anchorSource.put(c, src);
        }
      }
    }

    private void save(Path dir, List<X509Certificate> certs) throws IOException {
      Files.createDirectories(dir);
      for (X509Certificate c : certs) {
        Path file = dir.resolve(fileName(c));
        Certificates.writeDer(file, c);
        saved.add(file.toString());
      }
    }

    private static final java.util.regex.Pattern CN =
        java.util.regex.Pattern.compile("(?:^|,)CN=((?:[^,+\\\\]|\\\\.)*)");

    /** "CN-SHA1.cer", the CN reduced to letters, digits, '.', '-' and '_'. */
    static String fileName(X509Certificate c) {
      String cn = "certificate";
      java.util.regex.Matcher m =
          CN.matcher(
              c.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253));
      if (m.find()) {
        cn = m.group(1);
      }
      String safe = cn.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
      if (safe.isEmpty()) {
        safe = "certificate";
      }
      if (safe.length() > 64) {
        safe = safe.substring(0, 64);
      }
      return safe + "-" + Thumbprint.sha1(c).hex() + ".cer";
    }

    private Map<String, Object> view(ChainResult result, Instant time) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("leaf", Thumbprint.sha1(result.leaf()).hex());
      doc.put("subject", Names.subject(result.leaf()));
      doc.put("at", time.toString());
      doc.put("valid", result.isValid());
      if (result.isValid()) {
        List<CertificateChain> chains = result.chains();
        doc.put("chain", links(chains.get(0), result));
        doc.put("anchored", chains.get(0).anchored());
        doc.put("platformAnchor", platformAnchor(chains.get(0)));
        doc.put("warnings", chains.get(0).warnings());
        if (all) {
          List<Object> every = new ArrayList<>();
          for (CertificateChain c : chains) {
            every.add(links(c, result));
          }
          doc.put("chains", every);
        }
      } else {
        ChainDiagnosis d = result.diagnosis().orElseThrow();
        doc.put("status", d.status().name());
        doc.put("reason", d.reason());
        doc.put("certificate", d.thumbprint().map(Thumbprint::hex).orElse(null));
      }
      List<Map<String, Object>> fetches = new ArrayList<>();
      for (FetchAttempt a : result.fetches()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("url", a.url());
        f.put("outcome", a.outcome().name());
        f.put("httpStatus", a.httpStatus() == 0 ? null : a.httpStatus());
        f.put("certificates", a.certificates());
        f.put("detail", a.detail());
        fetches.add(f);
      }
      doc.put("fetches", fetches);
      List<Map<String, Object>> fetched = new ArrayList<>();
      for (X509Certificate c : result.fetchedCertificates()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sha1", Thumbprint.sha1(c).hex());
        f.put("subject", Names.subject(c));
        fetched.add(f);
      }
      doc.put("fetched", fetched);
      doc.put("saved", saved);
      doc.put("skipped", skippedJson(skipped));
      return doc;
    }

    /** "jdk" or "system" when the chain ends at an anchor from a platform store, else null. */
    private @Nullable String platformAnchor(CertificateChain chain) {
      if (!chain.anchored()) {
        return null;
      }
      return anchorSource.get(chain.certificates().get(chain.certificates().size() - 1));
    }

    private List<Map<String, Object>> links(CertificateChain chain, ChainResult result) {
      Set<X509Certificate> fetched = new HashSet<>(result.fetchedCertificates());
      List<Map<String, Object>> links = new ArrayList<>();
      int n = chain.certificates().size();
      for (int i = 0; i < n; i++) {
        X509Certificate c = chain.certificates().get(i);
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("sha1", chain.thumbprints().get(i).hex());
        link.put("subject", Names.subject(c));
        String source;
        if (i == 0) {
          source = "leaf";
        } else if (i == n - 1 && chain.anchored()) {
          source = anchorSource.getOrDefault(c, "anchor");
        } else if (fetched.contains(c)) {
          source = "fetched";
        } else {
          source = "pool";
        }
        link.put("source", source);
        links.add(link);
      }
      return links;
    }

    private void printText(ChainResult result) {
      for (FetchAttempt a : result.fetches()) {
        warn("fetch %s", a);
      }
      for (String s : saved) {
        warn("saved %s", s);
      }
      if (!result.isValid()) {
        ChainDiagnosis d = result.diagnosis().orElseThrow();
        printf("no chain: %s%n", d.status().name().toLowerCase(Locale.ROOT));
        printf("  %s%n", d.reason());
        return;
      }
      int n = 0;
      for (CertificateChain chain : result.chains()) {
        if (n++ > 0) {
          printf("%n");
        }
        for (Map<String, Object> link : links(chain, result)) {
          Object source = link.get("source");
          String note =
              "fetched".equals(source)
                  ? "  [fetched]"
                  : "jdk".equals(source)
                      ? "  [JDK trust store]"
                      : "system".equals(source) ? "  [system trust store]" : "";
          printf("%s  %s%s%n", link.get("sha1"), link.get("subject"), note);
        }
        printf("%s%n", chain.anchored() ? "anchored" : "not anchored (no trust anchor given)");
        String platform = platformAnchor(chain);
        if (platform != null) {
          printf(
              "the anchor comes from the %s trust store: upload it with the issuing CAs (Outlook"
                  + " on the web trusts only the uploaded store)%n",
              platform.equals("jdk") ? "JDK" : "system");
        }
        for (String w : chain.warnings()) {
          printf("warning: %s%n", w);
        }
      }
    }
  }
}
