package io.github.smimekit.cli;

import io.github.smimekit.core.CertificateSummary;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12EncryptionInfo;
import io.github.smimekit.core.Pkcs12EntryInfo;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12Info;
import io.github.smimekit.core.Pkcs12ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smime p12 ...}: PKCS#12 identities (.p12/.pfx). */
@Command(
    name = "p12",
    description = "Read PKCS#12 identities (.p12/.pfx) and export their certificate.",
    subcommands = {P12Commands.Info.class, P12Commands.ExportCert.class})
final class P12Commands {
  private P12Commands() {}

  /** Options shared by the p12 commands. */
  abstract static class P12Command extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The .p12/.pfx file.")
    @Nullable Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    @Nullable PasswordOptions password;

    @Option(
        names = "--alias",
        paramLabel = "NAME",
        description = "Pick the identity with this friendly name when the file holds several.")
    @Nullable String alias;

    @Option(
        names = "--thumbprint",
        paramLabel = "SHA1",
        description = "Pick the identity whose certificate has this SHA-1 thumbprint.")
    @Nullable String thumbprint;

    Path file() {
      return Objects.requireNonNull(file);
    }

    Password readPassword() throws IOException {
      return Objects.requireNonNull(password).read(context);
    }

    Pkcs12ReadOptions options() {
      Pkcs12ReadOptions.Builder b = Pkcs12ReadOptions.builder();
      if (alias != null) {
        b.alias(alias);
      }
      if (thumbprint != null) {
        b.thumbprint(thumbprint);
      }
      return b.build();
    }
  }

  /** {@code smime p12 info FILE (--password-env VAR | --password-file F)}. */
  @Command(
      name = "info",
      description =
          "Show the identity (certificate, chain, key) and the algorithms and iteration counts"
              + " that protect the file.")
  static final class Info extends P12Command implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
      Password pw = readPassword();
      Pkcs12Identity identity;
      Pkcs12Info info;
      try {
        Pkcs12.Inspected read = Pkcs12.readAndInspect(file(), pw, options());
        identity = read.identity();
        info = read.info();
      } finally {
        pw.destroy();
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", file().toString());
      doc.put("friendlyName", identity.friendlyName().orElse(null));
      doc.put("localKeyId", identity.localKeyId().map(b -> b.hex()).orElse(null));
      Map<String, Object> certificate = CertificateView.of(identity.certificate());
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("algorithm", certificate.get("keyAlgorithm"));
      key.put("size", certificate.get("keySize"));
      doc.put("key", key);
      doc.put("certificate", certificate);
      List<Map<String, Object>> chain = new ArrayList<>();
      for (X509Certificate c : identity.chain()) {
        chain.add(CertificateView.of(c));
      }
      doc.put("chain", chain);
      doc.put("protection", protection(info));
      if (json) {
        printJson(doc);
      } else {
        printText(identity, info);
      }
      return ExitCode.OK;
    }

    private static Map<String, Object> protection(Pkcs12Info info) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(
          "mac",
          info.mac()
              .<Object>map(
                  m -> {
                    Map<String, Object> mm = new LinkedHashMap<>();
                    mm.put("algorithm", m.algorithm());
                    mm.put("iterations", m.iterations());
                    mm.put("saltLength", m.saltLength());
                    mm.put("weak", m.weak());
                    return mm;
                  })
              .orElse(null));
      List<Map<String, Object>> enc = new ArrayList<>();
      for (Pkcs12EncryptionInfo e : info.encryptions()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("target", e.target().name().toLowerCase(Locale.ROOT));
        em.put("scheme", e.scheme());
        em.put("oid", e.oid());
        em.put("iterations", e.iterations());
        em.put("weak", e.weak());
        enc.add(em);
      }
      p.put("encryptions", enc);
      List<Map<String, Object>> entries = new ArrayList<>();
      for (Pkcs12EntryInfo e : info.entries()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("friendlyName", e.friendlyName().orElse(null));
        em.put("hasKey", e.hasKey());
        em.put("subject", e.subject().orElse(null));
        em.put("sha1", e.sha1().orElse(null));
        entries.add(em);
      }
      p.put("entries", entries);
      p.put("weak", info.weak());
      return p;
    }

    private void printText(Pkcs12Identity identity, Pkcs12Info info) {
      X509Certificate cert = identity.certificate();
      CertificateSummary summary = Certificates.summarize(cert);
      out().println("identity     " + Names.subject(cert));
      out().println("  sha1       " + Certificates.sha1Thumbprint(cert));
      out().println("  name       " + identity.friendlyName().orElse("(none)"));
      out().println("  key        " + summary.keyAlgorithm() + " " + summary.keySize());
      out().println("  emails     " + String.join(", ", Certificates.emailAddresses(cert)));
      for (X509Certificate c : identity.chain()) {
        out().println("  chain      " + Names.subject(c));
      }
      out().println("mac          " + info.macDescription());
      for (Pkcs12EncryptionInfo e : info.encryptions()) {
        out()
            .printf(
                Locale.ROOT,
                "%-12s %s, %d iterations%s%n",
                e.target().name().toLowerCase(Locale.ROOT),
                e.scheme(),
                e.iterations(),
                e.weak() ? "  (weak)" : "");
      }
      if (info.weak()) {
        out()
            .println(
                "warning: this file's protection is weak; re-export it with modern algorithms");
      }
    }
  }

  /** {@code smime p12 export-cert FILE --out F [--format der|pem] (password option)}. */
  @Command(name = "export-cert", description = "Write the identity's certificate (DER or PEM).")
  static final class ExportCert extends P12Command implements Callable<Integer> {
    /** Output formats. */
    enum Format {
      der,
      pem
    }

    @Option(names = "--out", required = true, paramLabel = "F", description = "Where to write.")
    @Nullable Path out;

    @Option(
        names = "--format",
        paramLabel = "der|pem",
        defaultValue = "der",
        description = "Encoding (default: ${DEFAULT-VALUE}; DER is what -UserCertificate takes).")
    Format format = Format.der;

    @Override
    public Integer call() throws IOException {
      Password pw = readPassword();
      Pkcs12Identity identity;
      try {
        identity = Pkcs12.read(file(), pw, options());
      } finally {
        pw.destroy();
      }
      X509Certificate cert = identity.certificate();
      Path target = Objects.requireNonNull(out);
      if (format == Format.der) {
        Certificates.writeDer(target, cert);
      } else {
        Certificates.writePem(target, cert);
      }
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("out", target.toString());
        doc.put("format", format.name());
        doc.put("subject", Names.subject(cert));
        doc.put("sha1", Certificates.sha1Thumbprint(cert));
        printJson(doc);
      } else {
        out()
            .println(
                "wrote "
                    + target
                    + " ("
                    + Names.subject(cert)
                    + ", "
                    + Certificates.sha1Thumbprint(cert)
                    + ")");
      }
      return ExitCode.OK;
    }
  }
}
