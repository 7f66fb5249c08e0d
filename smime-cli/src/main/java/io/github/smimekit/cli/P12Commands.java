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
import io.github.smimekit.core.Thumbprint;
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
    header = "Read PKCS#12 identities (.p12/.pfx) and export their certificate.",
    mixinStandardHelpOptions = true,
    description =
        "Read PKCS#12 identities (.p12/.pfx) and export their certificate. The password comes from"
            + " --password-env VAR or --password-file FILE, never from the command line.",
    subcommands = {P12Commands.Info.class, P12Commands.ExportCert.class},
    footerHeading = Help.EXAMPLES,
    footer = {
      "  export P12_PASSWORD=smimekit-demo",
      "  smime p12 info samples/alice.p12 --password-env P12_PASSWORD",
      "  smime p12 export-cert samples/alice.p12 --password-env P12_PASSWORD --out"
          + " /tmp/alice.cer"
    })
final class P12Commands {
  private P12Commands() {}

  /** Options shared by the p12 commands. */
  abstract static class P12Command extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The PKCS#12 file (.p12/.pfx).")
    @Nullable Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    @Nullable PasswordOptions password;

    @Option(
        names = "--alias",
        paramLabel = "NAME",
        description =
            "When the file holds several keys, take the one with this friendly name (exact match"
                + " first, then ignoring case).")
    @Nullable String alias;

    @Option(
        names = "--thumbprint",
        paramLabel = "SHA1",
        description =
            "When the file holds several keys, take the one whose certificate has this SHA-1"
                + " thumbprint (40 hex digits; spaces and colons are ignored; a 64-digit SHA-256"
                + " thumbprint works too).")
    @Nullable String thumbprint;

    /** {@code --thumbprint} parsed, or a usage error. */
    private Thumbprint thumbprint() {
      try {
        return Thumbprint.parse(Objects.requireNonNull(thumbprint));
      } catch (IllegalArgumentException e) {
        throw usage("--thumbprint '" + thumbprint + "': " + e.getMessage());
      }
    }

    Path file() {
      return Objects.requireNonNull(file);
    }

    Password readPassword() throws IOException {
      return Objects.requireNonNull(password).read(this);
    }

    Pkcs12ReadOptions options() {
      Pkcs12ReadOptions.Builder b = Pkcs12ReadOptions.builder();
      if (alias != null) {
        b.alias(alias);
      }
      if (alias != null && alias.isBlank()) {
        throw usage("--alias must be a friendly name, not an empty or blank value");
      }
      if (thumbprint != null) {
        b.thumbprint(thumbprint());
      }
      return b.build();
    }
  }

  /** {@code smime p12 info FILE (--password-env VAR | --password-file F)}. */
  @Command(
      name = "info",
      header = "Show a PKCS#12 identity and the algorithms that protect the file.",
      description = {
        "Show the identity (certificate, chain, key algorithm and size, friendly name) and the"
            + " algorithms and iteration counts that protect the file (MAC, key and certificate"
            + " encryption), so a weak RC2-40 or SHA-1 file is visible."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  export P12_PASSWORD=smimekit-demo",
        "  smime p12 info samples/alice.p12 --password-env P12_PASSWORD",
        "  smime p12 info samples/alice.p12 --password-file pw.txt --json"
      })
  static final class Info extends P12Command implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
      Password pw = readPassword();
      Pkcs12Identity identity;
      Pkcs12Info info;
      try {
        Pkcs12.Inspected read =
            Inputs.inFile(file(), () -> Pkcs12.readAndInspect(file(), pw, options()));
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
        em.put("sha1", e.sha1().map(Thumbprint::hex).orElse(null));
        entries.add(em);
      }
      p.put("entries", entries);
      p.put("weak", info.weak());
      return p;
    }

    private void printText(Pkcs12Identity identity, Pkcs12Info info) {
      X509Certificate cert = identity.certificate();
      CertificateSummary summary = Certificates.summarize(cert);
      printf("%s%n", file());
      printf("identity     %s%n", Names.subject(cert));
      printf("  sha1       %s%n", Thumbprint.sha1(cert).hex());
      printf("  name       %s%n", identity.friendlyName().orElse("(none)"));
      printf("  key        %s %s%n", summary.keyAlgorithm(), summary.keySize());
      List<String> emails = Certificates.emailAddresses(cert);
      printf("  emails     %s%n", emails.isEmpty() ? "(none)" : String.join(", ", emails));
      for (X509Certificate c : identity.chain()) {
        printf("  chain      %s%n", Names.subject(c));
      }
      printf("mac          %s%n", info.macDescription());
      for (Pkcs12EncryptionInfo e : info.encryptions()) {
        printf(
            "%-12s %s, %s%s%n",
            e.target().name().toLowerCase(Locale.ROOT),
            e.scheme(),
            Text.count(e.iterations(), "iteration"),
            e.weak() ? "  (weak)" : "");
      }
      if (info.weak()) {
        printf("warning: this file's protection is weak; re-export it with modern algorithms%n");
      }
    }
  }

  /** {@code smime p12 export-cert FILE --out F [--format der|pem] (password option)}. */
  @Command(
      name = "export-cert",
      header = "Write a PKCS#12 identity's certificate as DER or PEM.",
      description = {
        "Write the identity's certificate, DER (what Set-Mailbox -UserCertificate takes; what"
            + " Windows' export wizard calls DER encoded binary X.509) or PEM.",
        "The output is written to a temporary file and moved into place; an existing file is"
            + " replaced only with --force, and never the input itself."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  export P12_PASSWORD=smimekit-demo",
        "  smime p12 export-cert samples/alice.p12 --password-env P12_PASSWORD --out"
            + " /tmp/alice.cer",
        "  smime p12 export-cert samples/alice.p12 --password-file pw.txt --format pem --out"
            + " alice.pem --force"
      })
  static final class ExportCert extends P12Command implements Callable<Integer> {
    /** Output formats. */
    enum Format {
      der,
      pem
    }

    @Option(
        names = "--out",
        required = true,
        paramLabel = "F",
        description =
            "The certificate file to write (not the input; an existing one needs --force).")
    @Nullable Path out;

    @picocli.CommandLine.Mixin OutputFile.Force force = new OutputFile.Force();

    @Option(
        names = "--format",
        paramLabel = "der|pem",
        defaultValue = "der",
        description =
            "Encoding: der or pem (default: ${DEFAULT-VALUE}; DER is what -UserCertificate"
                + " takes).")
    Format format = Format.der;

    @Override
    public Integer call() throws IOException {
      Path target = Objects.requireNonNull(out);
      OutputFile.check(this, "--out", target, force.force, List.of(file()));
      Pkcs12ReadOptions options = options();
      byte[] data = Inputs.readBytes(file(), Pkcs12ReadOptions.DEFAULT_MAX_FILE_SIZE);
      Password pw = readPassword();
      Pkcs12Identity identity;
      try {
        identity = Inputs.inFile(file(), () -> Pkcs12.read(data, pw, options));
      } finally {
        pw.destroy();
      }
      X509Certificate cert = identity.certificate();
      byte[] encoded =
          format == Format.der
              ? Certificates.encodeDer(cert).toByteArray()
              : Certificates.encodePem(cert).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      OutputFile.write(target, encoded);
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("out", target.toString());
        doc.put("format", format.name());
        doc.put("subject", Names.subject(cert));
        doc.put("sha1", Thumbprint.sha1(cert).hex());
        printJson(doc);
      } else {
        printf("wrote %s (%s, %s)%n", target, Names.subject(cert), Thumbprint.sha1(cert).hex());
      }
      return ExitCode.OK;
    }
  }
}
