package io.github.smimekit.cli;

import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
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
    description = "Build chains of trust from a pool of CA certificates.",
    subcommands = {ChainCommands.Build.class})
final class ChainCommands {
  private ChainCommands() {}

  /** {@code smime chain build LEAF --pool PATH... [--anchor PATH...] [--at TIME] [--all]}. */
  @Command(
      name = "build",
      description =
          "Build the chain leaf -> root, or say precisely why none exists (exit 1). No revocation"
              + " checking, no network access.")
  static final class Build extends BaseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LEAF", description = "The end-entity certificate.")
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
            "Trust anchors. Without any, a self-signed certificate from the pool ends the chain,"
                + " reported as not anchored.")
    List<Path> anchors = new ArrayList<>();

    @Mixin AtOption at = new AtOption();

    @Option(names = "--all", description = "Print every valid chain, not only the preferred one.")
    boolean all;

    @Override
    public Integer call() throws IOException {
      X509Certificate leafCert = Certificates.readOne(Objects.requireNonNull(leaf));
      Instant time = at.orNow(context.clock());
      CertificatePool anchorPool = CertificatePool.load(anchors);
      CertificatePool intermediates = CertificatePool.load(pool);
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
      doc.put("leaf", Certificates.sha1Thumbprint(result.leaf()));
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
        doc.put("certificate", d.thumbprint().orElse(null));
      }
      return doc;
    }

    private static List<Map<String, Object>> links(CertificateChain chain) {
      List<Map<String, Object>> links = new ArrayList<>();
      for (int i = 0; i < chain.certificates().size(); i++) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("sha1", chain.thumbprints().get(i));
        link.put("subject", Names.subject(chain.certificates().get(i)));
        links.add(link);
      }
      return links;
    }

    private void printText(ChainResult result) {
      if (!result.isValid()) {
        ChainDiagnosis d = result.diagnosis().orElseThrow();
        out().println("no chain: " + d.status().name().toLowerCase(Locale.ROOT));
        out().println("  " + d.reason());
        return;
      }
      int n = 0;
      for (CertificateChain chain : result.chains()) {
        if (n++ > 0) {
          out().println();
        }
        for (Map<String, Object> link : links(chain)) {
          out().println(link.get("sha1") + "  " + link.get("subject"));
        }
        out().println(chain.anchored() ? "anchored" : "not anchored (no trust anchor given)");
        for (String w : chain.warnings()) {
          out().println("warning: " + w);
        }
      }
    }
  }
}
