package io.github.smimekit.cli;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
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

    @Option(
        names = "--strict",
        description =
            "Refuse bytes after the end of the PKCS#12 structure instead of ignoring them with a"
                + " warning.")
    boolean strict;

    Pkcs12ReadOptions options() {
      Pkcs12ReadOptions.Builder b = Pkcs12ReadOptions.builder().strict(strict);
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
      header = "Show what a PKCS#12 file holds and the algorithms that protect it.",
      description = {
        "Show every identity of the file (friendly name, local key id, key algorithm and size,"
            + " certificate and chain), every certificate with its SHA-1, and the algorithms and"
            + " iteration counts that protect the file (MAC, key and certificate encryption), so a"
            + " weak RC2-40 or SHA-1 file is visible. Files with certificates only, with a key"
            + " but no certificate, or with several identities are shown too.",
        "With --alias or --thumbprint only that identity is shown, and its private key is"
            + " decrypted to check it opens. Bytes after the end of the PKCS#12 structure (as"
            + " Windows and .NET write them) are ignored with a warning, or refused with --strict."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  export P12_PASSWORD=smimekit-demo",
        "  smime p12 info samples/alice.p12 --password-env P12_PASSWORD",
        "  smime p12 info samples/alice.p12 --password-file pw.txt --json",
        "  smime p12 info two-keys.pfx --password-env P12_PASSWORD --alias bob --strict"
      })
  static final class Info extends P12Command implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
      Password pw = readPassword();
      Pkcs12ReadOptions options = options();
      boolean selected = options.alias().isPresent() || options.thumbprint().isPresent();
      Pkcs12Info info;
      @Nullable Pkcs12Identity identity = null;
      try {
        if (selected) {
          Pkcs12.Inspected read =
              Inputs.inFile(file(), () -> Pkcs12.readAndInspect(file(), pw, options));
          identity = read.identity();
          info = read.info();
        } else {
          info = Inputs.inFile(file(), () -> Pkcs12.inspect(file(), pw, options));
        }
      } finally {
        pw.destroy();
      }
      List<Pkcs12Info.Key> keys = new ArrayList<>();
      for (Pkcs12Info.Key k : info.keys()) {
        if (identity == null
            || (k.certificate().filter(identity.certificate()::equals).isPresent()
                && k.localKeyId().equals(identity.localKeyId())
                && k.friendlyName().equals(identity.friendlyName()))) {
          keys.add(k);
        }
      }
      for (String w : info.warnings()) {
        warn("warning: %s: %s", file(), w);
      }
      if (json) {
        printJson(document(keys, info));
      } else {
        printText(keys, info);
      }
      return ExitCode.OK;
    }

    private Map<String, Object> document(List<Pkcs12Info.Key> keys, Pkcs12Info info) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", file().toString());
      List<Map<String, Object>> identities = new ArrayList<>();
      for (Pkcs12Info.Key k : keys) {
        identities.add(identity(k));
      }
      // the one identity, at the top level too, for scripts (null when there is not exactly one)
      Map<String, Object> only = identities.size() == 1 ? identities.get(0) : Map.of();
      for (String field : List.of("friendlyName", "localKeyId", "key", "certificate", "chain")) {
        doc.put(field, only.get(field));
      }
      doc.put("identities", identities);
      List<Map<String, Object>> certificates = new ArrayList<>();
      for (Pkcs12Info.Certificate c : info.certificates()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("subject", c.subject());
        cm.put("sha1", c.sha1());
        cm.put("friendlyName", c.friendlyName().orElse(null));
        cm.put("localKeyId", c.localKeyId().map(b -> b.hex()).orElse(null));
        cm.put("hasKey", c.hasKey());
        certificates.add(cm);
      }
      doc.put("certificates", certificates);
      doc.put("protection", protection(info));
      doc.put("warnings", info.warnings());
      return doc;
    }

    private static Map<String, Object> identity(Pkcs12Info.Key k) {
      Map<String, Object> id = new LinkedHashMap<>();
      id.put("index", k.index());
      id.put("friendlyName", k.friendlyName().orElse(null));
      id.put("localKeyId", k.localKeyId().map(b -> b.hex()).orElse(null));
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("algorithm", k.algorithm().orElse(null));
      key.put("size", k.size().isPresent() ? k.size().getAsInt() : null);
      id.put("key", key);
      id.put("certificate", k.certificate().map(CertificateView::of).orElse(null));
      List<Map<String, Object>> chain = new ArrayList<>();
      for (X509Certificate c : k.chain()) {
        chain.add(CertificateView.of(c));
      }
      id.put("chain", chain);
      return id;
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
      for (Pkcs12Info.Encryption e : info.encryptions()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("target", e.target().name().toLowerCase(Locale.ROOT));
        em.put("scheme", e.scheme());
        em.put("oid", e.oid());
        em.put("iterations", e.iterations());
        em.put("weak", e.weak());
        enc.add(em);
      }
      p.put("encryptions", enc);
      p.put("weak", info.weak());
      return p;
    }

    private void printText(List<Pkcs12Info.Key> keys, Pkcs12Info info) {
      printf("%s%n", file());
      if (keys.isEmpty()) {
        printf("identity     (none: the file holds no private key)%n");
      }
      for (Pkcs12Info.Key k : keys) {
        String size = k.size().isPresent() ? " " + k.size().getAsInt() : "";
        String algorithm =
            k.algorithm().map(a -> a + size).orElse("(not known without its certificate)");
        if (k.certificate().isPresent()) {
          X509Certificate cert = k.certificate().get();
          printf("identity     %s%n", Names.subject(cert));
          printf("  sha1       %s%n", Thumbprint.sha1(cert).hex());
          printf("  name       %s%n", k.friendlyName().orElse("(none)"));
          printf("  key        %s%n", algorithm);
          List<String> emails = Certificates.emailAddresses(cert);
          printf("  emails     %s%n", emails.isEmpty() ? "(none)" : String.join(", ", emails));
          for (X509Certificate c : k.chain()) {
            printf("  chain      %s%n", Names.subject(c));
          }
        } else {
          printf("identity     (private key #%d without its certificate)%n", k.index());
          printf("  name       %s%n", k.friendlyName().orElse("(none)"));
          printf("  key        %s%n", algorithm);
        }
        k.localKeyId().ifPresent(id -> printf("  key id     %s%n", id.hex()));
      }
      printf("certificates %d%n", info.certificates().size());
      for (Pkcs12Info.Certificate c : info.certificates()) {
        printf(
            "  %s  %s%s%s%n",
            c.sha1(),
            c.subject(),
            c.hasKey() ? "  (key)" : "",
            c.friendlyName().map(n -> "  name=" + n).orElse(""));
      }
      printf("mac          %s%n", info.macDescription());
      for (Pkcs12Info.Encryption e : info.encryptions()) {
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
      byte[] data = Inputs.readBytes(file(), options.limits().maxInputBytes());
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
