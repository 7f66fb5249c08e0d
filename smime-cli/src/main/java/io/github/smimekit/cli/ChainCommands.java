package io.github.smimekit.cli;

import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.Thumbprint;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
          + " samples/root.cer"
    })
final class ChainCommands {
  private ChainCommands() {}

  /** {@code smime chain build LEAF --pool PATH... [--anchor PATH...] [--at TIME] [--all]}. */
  @Command(
      name = "build",
      header = "Build a certificate's chain leaf -> root, or say why none exists.",
      description = {
        "Build the chain leaf -> root (SHA-1 and subject per link), or say precisely why none"
            + " exists: a status (ISSUER_NOT_FOUND, BAD_SIGNATURE, EXPIRED, NOT_A_CA, ...) and a"
            + " reason naming the certificate where it broke.",
        "No revocation checking, no network access. Files in a --pool or --anchor directory that"
            + " hold no certificate are skipped and listed (stderr; 'skipped' in JSON)."
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
        "  smime chain build samples/alice.cer --pool cas/ --anchor samples/root.cer --all --json"
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
        paramLabel = "PATH",
        description =
            "Trust anchors: files or directories, as for --pool. Without any, a self-signed"
                + " certificate from the pool ends the chain, reported as not anchored.")
    List<Path> anchors = new ArrayList<>();

    @Mixin AtOption at = new AtOption();

    @Option(
        names = "--all",
        description =
            "Print every valid chain (cross-signs, renewed CAs), not only the preferred one"
                + " (anchored, then shortest, then newest).")
    boolean all;

    private List<Inputs.Skipped> skipped = List.of();

    @Override
    public Integer call() throws IOException {
      Path leafFile = Objects.requireNonNull(leaf);
      List<X509Certificate> leafCerts = Inputs.certificates(leafFile);
      if (leafCerts.size() != 1) {
        throw new BadInputException(
            leafFile
                + ": holds "
                + Text.count(leafCerts.size(), "certificate")
                + "; LEAF must be one certificate");
      }
      X509Certificate leafCert = leafCerts.get(0);
      Instant time = at.orNow(context.clock());
      Inputs.Read anchorRead = Inputs.readAll(anchors);
      Inputs.Read poolRead = Inputs.readAll(pool);
      skipped = new ArrayList<>(anchorRead.skipped());
      skipped.addAll(poolRead.skipped());
      reportSkipped(skipped);
      CertificatePool anchorPool = CertificatePool.of(anchorRead.certificates());
      CertificatePool intermediates = CertificatePool.of(poolRead.certificates());
      ChainResolver resolver =
          ChainResolver.builder()
              .trustAnchors(anchorPool.certificates())
              .pool(intermediates)
              .build();
      ChainResult result =
          all ? resolver.resolveAll(leafCert, time) : resolver.resolve(leafCert, time);
      if (json) {
        printJson(view(result, time));
      } else {
        printText(result);
      }
      return result.isValid() ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
    }

    private Map<String, Object> view(ChainResult result, Instant time) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("leaf", Thumbprint.sha1(result.leaf()).hex());
      doc.put("subject", Names.subject(result.leaf()));
      doc.put("at", time.toString());
      doc.put("valid", result.isValid());
      if (result.isValid()) {
        List<CertificateChain> chains = result.chains();
        doc.put("chain", links(chains.get(0)));
        doc.put("anchored", chains.get(0).anchored());
        doc.put("warnings", chains.get(0).warnings());
        if (all) {
          List<Object> every = new ArrayList<>();
          for (CertificateChain c : chains) {
            every.add(links(c));
          }
          doc.put("chains", every);
        }
      } else {
        ChainDiagnosis d = result.diagnosis().orElseThrow();
        doc.put("status", d.status().name());
        doc.put("reason", d.reason());
        doc.put("certificate", d.thumbprint().map(Thumbprint::hex).orElse(null));
      }
      doc.put("skipped", skippedJson(skipped));
      return doc;
    }

    private static List<Map<String, Object>> links(CertificateChain chain) {
      List<Map<String, Object>> links = new ArrayList<>();
      for (int i = 0; i < chain.certificates().size(); i++) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("sha1", chain.thumbprints().get(i).hex());
        link.put("subject", Names.subject(chain.certificates().get(i)));
        links.add(link);
      }
      return links;
    }

    private void printText(ChainResult result) {
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
        for (Map<String, Object> link : links(chain)) {
          printf("%s  %s%n", link.get("sha1"), link.get("subject"));
        }
        printf("%s%n", chain.anchored() ? "anchored" : "not anchored (no trust anchor given)");
        for (String w : chain.warnings()) {
          printf("warning: %s%n", w);
        }
      }
    }
  }
}
