package io.github.smimekit.cli;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.IssuingCaStoreCheck;
import io.github.smimekit.sst.ContextType;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SniffedStore;
import io.github.smimekit.sst.SstWarning;
import io.github.smimekit.sst.StoreEntry;
import io.github.smimekit.sst.StoreFinding;
import io.github.smimekit.sst.StoreFormat;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.sst.StoreProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smime sst ...}: Microsoft serialized certificate stores. */
@Command(
    name = "sst",
    header = "Read, write, convert and verify serialized certificate stores (.sst).",
    mixinStandardHelpOptions = true,
    description = {
      "Read, write, convert and verify Microsoft serialized certificate stores (.sst), the file"
          + " Set-SmimeConfig -SMIMECertificateIssuingCA takes.",
      "Inputs are recognised by content: a serialized store, PKCS#7 (.p7b), or certificates in"
          + " any encoding cert info reads."
    },
    subcommands = {
      SstCommands.ListCommand.class,
      SstCommands.Create.class,
      SstCommands.Convert.class,
      SstCommands.Verify.class
    },
    footerHeading = Help.EXAMPLES,
    footer = {
      "  smime sst create --out chainOfTrust.sst samples/root.cer samples/issuing-ca.cer",
      "  smime sst list chainOfTrust.sst",
      "  smime sst verify chainOfTrust.sst"
    })
final class SstCommands {
  private SstCommands() {}

  /** The profiles {@code --profile} accepts. */
  enum ProfileOption {
    minimal(StoreProfile.MINIMAL),
    windows(StoreProfile.WINDOWS_EXPORT);

    final StoreProfile profile;

    ProfileOption(StoreProfile profile) {
      this.profile = profile;
    }
  }

  /** The encodings {@code convert --to} writes. */
  enum Target {
    SST("sst"),
    PEM("pem"),
    P7B("p7b"),
    DER_DIR("der-dir");

    final String label;

    Target(String label) {
      this.label = label;
    }

    static Target parse(String s) {
      for (Target t : values()) {
        if (t.label.equals(s)) {
          return t;
        }
      }
      throw new IllegalArgumentException(s);
    }
  }

  /** {@code smime sst list FILE [--lenient]}. */
  @Command(
      name = "list",
      header = "List every entry of a store with its properties.",
      description = {
        "List every entry of a store: kind (certificate, crl, ctl), offset, SHA-1, subject, and"
            + " its properties (id, name, length).",
        "A PKCS#7 bundle or certificate file is listed as a store without properties."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime sst list chainOfTrust.sst",
        "  smime sst list --lenient --json damaged.sst"
      })
  static final class ListCommand extends BaseCommand implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "The store (.sst), a PKCS#7 bundle or a certificate file.")
    @Nullable Path file;

    @Option(
        names = "--lenient",
        description =
            "Read a damaged store as far as possible: recoverable format errors (a truncated"
                + " element, an unknown element id, a missing end marker) become warnings instead"
                + " of failing.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
      Path path = Objects.requireNonNull(file);
      Inputs.StoreRead read = Inputs.store(path, lenient);
      reportSkipped(read.skipped());
      SniffedStore sniffed = read.sniffed();
      SerializedStore store = sniffed.store();
      List<Map<String, Object>> entries = new ArrayList<>();
      for (int i = 0; i < store.entries().size(); i++) {
        entries.add(entryView(i, store.entries().get(i)));
      }
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", path.toString());
        doc.put("size", Files.size(path));
        doc.put("format", formatName(sniffed.format()));
        doc.put("entries", entries);
        doc.put("warnings", warningViews(store.warnings()));
        doc.put("skipped", skippedJson(read.skipped()));
        printJson(doc);
        return ExitCode.OK;
      }
      printf(
          "%s: %s, %s%n",
          path, formatName(sniffed.format()), Text.count(entries.size(), "entry", "entries"));
      for (Map<String, Object> e : entries) {
        Object offset = e.get("offset");
        printf(
            "#%-4s %-11s %-15s %s %s%n",
            e.get("index"),
            e.get("kind"),
            offset == null ? "" : "offset " + offset,
            e.get("sha1"),
            Optional.ofNullable(e.get("subject")).orElse(""));
        for (Object p : (List<?>) Objects.requireNonNull(e.get("properties"))) {
          Map<?, ?> pm = (Map<?, ?>) p;
          printf(
              "      property %5s %-34s %6s bytes%n",
              pm.get("id"), pm.get("name"), pm.get("length"));
        }
      }
      for (SstWarning w : store.warnings()) {
        printf("warning: %s%n", w.message());
      }
      return ExitCode.OK;
    }
  }

  /** {@code smime sst create --out FILE [--profile minimal|windows] CERT...}. */
  @Command(
      name = "create",
      header = "Write a store holding the given certificates.",
      description = {
        "Write a store holding the certificates of the given files and directories"
            + " (deduplicated, in the order given; directories in file-name order, files without a"
            + " certificate skipped and listed).",
        "The store is written to a temporary file and moved into place; an existing FILE is"
            + " replaced only with --force."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime sst create --out chainOfTrust.sst samples/root.cer samples/issuing-ca.cer",
        "  smime sst create --profile windows --out cas.sst cas/ --force"
      })
  static final class Create extends BaseCommand implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        paramLabel = "CERT",
        description = "Certificate files (any encoding, PKCS#7, .sst) or directories of them.")
    List<Path> certs = new ArrayList<>();

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The .sst to write (not an input; an existing one needs --force).")
    @Nullable Path out;

    @Mixin OutputFile.Force force = new OutputFile.Force();

    @Option(
        names = "--profile",
        paramLabel = "minimal|windows",
        defaultValue = "minimal",
        description =
            "minimal: no properties (what Exchange needs); windows: the cached properties a"
                + " Windows export carries (default: ${DEFAULT-VALUE}).")
    ProfileOption profile = ProfileOption.minimal;

    @Override
    public Integer call() throws IOException {
      Path target = Objects.requireNonNull(out);
      OutputFile.check(this, "--out", target, force.force, certs);
      Inputs.Read read = Inputs.readAll(certs);
      reportSkipped(read.skipped());
      SerializedStore.Builder builder = SerializedStore.builder(profile.profile);
      new java.util.LinkedHashSet<>(read.certificates()).forEach(builder::add);
      SerializedStore store = builder.build();
      OutputFile.write(target, store.encode().toByteArray());
      report(this, target, store, read.skipped(), List.of());
      return ExitCode.OK;
    }
  }

  /** {@code smime sst convert IN --out FILE --to sst|pem|p7b|der-dir}. */
  @Command(
      name = "convert",
      header = "Convert between .sst, PEM, PKCS#7 and a directory of DER files.",
      description = {
        "Convert between a store (.sst), a PEM bundle, PKCS#7 (.p7b) and a directory of DER"
            + " files (der-dir: SHA1.cer per certificate, SHA1.crl per CRL). sst to sst keeps every"
            + " entry and property byte for byte, key links too (KEY_PROV_INFO and the other"
            + " properties a personal-store export writes for certificates with a private key:"
            + " key container and provider names, never key material); --strip-key-links leaves"
            + " them out of a store you pass on.",
        "What the target cannot hold (properties; CRLs in p7b; CTLs in pem, p7b and der-dir) is"
            + " named on stderr ('dropped' in JSON). IN may be a directory, read as chain build"
            + " --pool reads one."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime sst convert chainOfTrust.sst --to pem --out chainOfTrust.pem",
        "  smime sst convert cas/ --to sst --out cas.sst",
        "  smime sst convert roots.sst --to der-dir --out roots/",
        "  smime sst convert my-certs.sst --to sst --strip-key-links --out to-share.sst"
      })
  static final class Convert extends BaseCommand implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "IN",
        description = "A store, PKCS#7 file, certificate file or directory of certificate files.")
    @Nullable Path in;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description =
            "Where to write: a file, or a directory for der-dir (not the input; an existing one"
                + " needs --force).")
    @Nullable Path out;

    @Mixin OutputFile.Force force = new OutputFile.Force();

    @Option(
        names = "--to",
        required = true,
        paramLabel = "sst|pem|p7b|der-dir",
        converter = TargetConverter.class,
        description = "The encoding to write: sst, pem, p7b or der-dir.")
    @Nullable Target to;

    @Option(
        names = "--strip-key-links",
        description =
            "Leave out the key-link properties (ids 1, 2, 5, 6, 78, 79, 99, 100: KEY_PROV_INFO"
                + " with the key container and provider names, KEY_SPEC, key handles) that a"
                + " personal-store export carries; every other property is kept.")
    boolean stripKeyLinks;

    @Override
    public Integer call() throws IOException {
      Path source = Objects.requireNonNull(in);
      Path target = Objects.requireNonNull(out);
      Target format = Objects.requireNonNull(to);
      if (format == Target.DER_DIR) {
        OutputFile.checkDirectory(this, "--out", target, force.force, List.of(source));
      } else {
        OutputFile.check(this, "--out", target, force.force, List.of(source));
      }
      List<Inputs.Skipped> skipped = List.of();
      SerializedStore store;
      if (Files.isDirectory(source)) {
        Inputs.Read read = Inputs.readDirectory(source);
        skipped = read.skipped();
        reportSkipped(skipped);
        SerializedStore.Builder b = SerializedStore.builder(StoreProfile.MINIMAL);
        new java.util.LinkedHashSet<>(read.certificates()).forEach(b::add);
        store = b.build();
      } else {
        Inputs.StoreRead read = Inputs.store(source, false);
        skipped = read.skipped();
        reportSkipped(skipped);
        store = stripKeyLinks ? read.store().withoutKeyLinks() : read.store();
      }
      List<X509Certificate> certificates = Inputs.inFile(source, () -> store.certificates());
      List<StoreEntry> crls = new ArrayList<>();
      for (StoreEntry e : store.entries()) {
        if (e.contextType() == ContextType.CRL) {
          crls.add(e);
        }
      }
      if ((format == Target.P7B || format == Target.PEM) && certificates.isEmpty()) {
        throw new BadInputException(
            source
                + ": holds no certificate ("
                + describeEntries(store)
                + "); "
                + format.label
                + " needs at least one");
      }
      List<String> dropped = dropped(store, format);
      switch (format) {
        case SST -> OutputFile.write(target, store.encode().toByteArray());
        case PEM -> {
          StringBuilder pem = new StringBuilder(Certificates.encodePem(certificates));
          for (StoreEntry crl : crls) {
            pem.append(pemBlock("X509 CRL", crl.encoded().toByteArray()));
          }
          OutputFile.write(target, pem.toString().getBytes(StandardCharsets.US_ASCII));
        }
        case P7B -> OutputFile.write(target, Certificates.encodePkcs7(certificates).toByteArray());
        case DER_DIR -> {
          Files.createDirectories(target);
          for (X509Certificate c : certificates) {
            OutputFile.write(
                target.resolve(Thumbprint.sha1(c).hex() + ".cer"),
                Certificates.encodeDer(c).toByteArray());
          }
          for (StoreEntry crl : crls) {
            OutputFile.write(
                target.resolve(crl.sha1().hex() + ".crl"), crl.encoded().toByteArray());
          }
        }
      }
      if (!json) {
        for (String d : dropped) {
          warn("note: %s cannot hold %s; not written", format.label, d);
        }
      }
      report(this, target, store, skipped, dropped);
      return ExitCode.OK;
    }

    /** What {@code format} cannot hold, one fragment per kind, naming the entries. */
    private static List<String> dropped(SerializedStore store, Target format) {
      List<String> lost = new ArrayList<>();
      if (format == Target.SST) {
        return lost;
      }
      long withProperties = store.entries().stream().filter(e -> !e.properties().isEmpty()).count();
      if (withProperties > 0) {
        lost.add("the properties of " + Text.count(withProperties, "entry", "entries"));
      }
      for (int i = 0; i < store.entries().size(); i++) {
        StoreEntry e = store.entries().get(i);
        boolean lostHere =
            e.contextType() == ContextType.CTL
                || (e.contextType() == ContextType.CRL && format == Target.P7B);
        if (lostHere) {
          lost.add(
              "entry #"
                  + i
                  + " ("
                  + (e.contextType() == ContextType.CTL ? "a CTL" : "a CRL")
                  + ", SHA-1 "
                  + e.sha1().hex()
                  + ")");
        }
      }
      return lost;
    }
  }

  /** {@code smime sst verify FILE [--at TIME] [--size-limit BYTES]}. */
  @Command(
      name = "verify",
      header = "Check a store's hashes and what Exchange Online requires of it.",
      description = {
        "Recompute every hash property (SHA-1, MD5, SHA-256, key and subject hashes) and check"
            + " what Exchange Online requires of -SMIMECertificateIssuingCA: every certificate"
            + " decodable, a CA, not expired at TIME, and the store within the size limit.",
        "Accepts what sst list accepts (a PKCS#7 bundle or certificates are checked as a store)."
      },
      exitCodeListHeading = Help.EXIT_CODES,
      exitCodeList = {Help.OK, "1:a finding (listed)", Help.USAGE, Help.BAD_INPUT, Help.INTERNAL},
      footerHeading = Help.EXAMPLES,
      footer = {
        "  smime sst verify chainOfTrust.sst",
        "  smime sst verify chainOfTrust.sst --at 2027-01-01 --size-limit 100000 --json"
      })
  static final class Verify extends BaseCommand implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "The store (.sst), a PKCS#7 bundle or a certificate file.")
    @Nullable Path file;

    @Mixin AtOption at = new AtOption();

    @Option(
        names = "--size-limit",
        paramLabel = "BYTES",
        description =
            "Largest store Exchange accepts, in bytes, more than 0 (default: ${DEFAULT-VALUE};"
                + " from Exchange Server, unverified for Exchange Online).",
        defaultValue = "70000")
    long sizeLimit = IssuingCaStoreCheck.DEFAULT_SIZE_LIMIT_BYTES;

    @Override
    public Integer call() throws IOException {
      if (sizeLimit <= 0) {
        throw usage("--size-limit must be more than 0 bytes: " + sizeLimit);
      }
      Path path = Objects.requireNonNull(file);
      Instant time = at.orNow(context.clock());
      Inputs.StoreRead read = Inputs.store(path, false);
      reportSkipped(read.skipped());
      SerializedStore store = read.store();
      List<StoreFinding> findings = new ArrayList<>(store.verify());
      findings.addAll(exchangeFindings(store, time, sizeLimit));
      List<Map<String, Object>> views = new ArrayList<>();
      for (StoreFinding f : findings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code().name());
        m.put("entry", f.entryIndex() < 0 ? null : f.entryIndex());
        m.put("offset", f.offset() < 0 ? null : f.offset());
        m.put("sha1", f.sha1().map(Thumbprint::hex).orElse(null));
        m.put("propertyId", f.propertyId() == 0 ? null : f.propertyId());
        m.put("message", f.message());
        views.add(m);
      }
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", path.toString());
        doc.put("at", time.toString());
        doc.put("entries", store.size());
        doc.put("size", store.encodedSize());
        doc.put("sizeLimit", sizeLimit);
        doc.put("findings", views);
        doc.put("skipped", skippedJson(read.skipped()));
        printJson(doc);
      } else {
        for (StoreFinding f : findings) {
          printf("%-24s %s%n", f.code(), f.message());
        }
        printf(
            "%s: %s, %d bytes, %s%n",
            path,
            Text.count(store.size(), "entry", "entries"),
            store.encodedSize(),
            Text.count(findings.size(), "finding"));
      }
      return findings.isEmpty() ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
    }
  }

  /**
   * What smime-exchange's {@link IssuingCaStoreCheck} finds, as store findings: the entries' in
   * store order, then the store's size; more than {@value StoreFinding#FINDINGS_PER_CODE} of one
   * code are folded into one.
   */
  static List<StoreFinding> exchangeFindings(SerializedStore store, Instant at, long sizeLimit) {
    List<StoreFinding> entries = new ArrayList<>();
    List<StoreFinding> whole = new ArrayList<>();
    for (IssuingCaStoreCheck.EntryFinding f :
        IssuingCaStoreCheck.defaults().withSizeLimitBytes(sizeLimit).checkEntries(store, at)) {
      StoreFinding.Code code = storeCode(f.finding().code());
      if (f.entryIndex() < 0) {
        whole.add(new StoreFinding(code, -1, -1, Optional.empty(), 0, f.finding().message()));
      } else {
        StoreEntry e = store.entries().get(f.entryIndex());
        long offset = e.offset().orElse(-1);
        String where = "entry #" + f.entryIndex() + (offset >= 0 ? " at offset " + offset : "");
        entries.add(
            new StoreFinding(
                code,
                f.entryIndex(),
                offset,
                Optional.of(e.sha1()),
                0,
                where + ": " + f.finding().message()));
      }
    }
    entries.addAll(whole);
    return StoreFinding.summarise(entries);
  }

  private static StoreFinding.Code storeCode(String exchangeCode) {
    return switch (exchangeCode) {
      case "undecodable-certificate" -> StoreFinding.Code.UNDECODABLE_CERTIFICATE;
      case "expired-ca" -> StoreFinding.Code.EXPIRED;
      case "not-a-ca" -> StoreFinding.Code.NOT_A_CA;
      case "store-too-large" -> StoreFinding.Code.SIZE_LIMIT_EXCEEDED;
      default -> throw new IllegalStateException("unknown store check code " + exchangeCode);
    };
  }

  /** Converts {@code --to} values, accepting {@code der-dir}. */
  static final class TargetConverter implements picocli.CommandLine.ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      try {
        return Target.parse(value.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected sst, pem, p7b or der-dir, not '" + value + "'");
      }
    }
  }

  static String formatName(StoreFormat format) {
    return format.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static Map<String, Object> entryView(int index, StoreEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("kind", e.contextType().name().toLowerCase(Locale.ROOT));
    m.put("offset", e.offset().isPresent() ? e.offset().getAsLong() : null);
    m.put("length", e.encoded().size());
    m.put("sha1", e.sha1().hex());
    if (e.isCertificate()) {
      Optional<X509Certificate> cert = e.tryCertificate();
      m.put("subject", cert.map(c -> Names.subject(c)).orElse(null));
      if (cert.isEmpty()) {
        m.put("decodeError", "the certificate's DER is not accepted by the X.509 decoder");
      }
    }
    List<Map<String, Object>> props = new ArrayList<>();
    for (StoreProperty p : e.properties()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("id", p.id());
      pm.put("name", p.name());
      pm.put("length", p.length());
      pm.put("offset", p.offset().isPresent() ? p.offset().getAsLong() : null);
      props.add(pm);
    }
    m.put("properties", props);
    return m;
  }

  static List<Map<String, Object>> warningViews(List<SstWarning> warnings) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SstWarning w : warnings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("problem", w.problem().name());
      m.put("offset", w.offset());
      m.put("element", w.elementIndex());
      m.put("message", w.message());
      out.add(m);
    }
    return out;
  }

  /** {@code "2 certificates, 1 CRL"}: what a store holds, for messages. */
  static String describeEntries(SerializedStore store) {
    long certs = store.entries().stream().filter(StoreEntry::isCertificate).count();
    long crls = store.entries().stream().filter(e -> e.contextType() == ContextType.CRL).count();
    long ctls = store.entries().stream().filter(e -> e.contextType() == ContextType.CTL).count();
    List<String> parts = new ArrayList<>();
    if (crls > 0) {
      parts.add(Text.count(crls, "CRL"));
    }
    if (ctls > 0) {
      parts.add(Text.count(ctls, "CTL"));
    }
    if (parts.isEmpty() || certs > 0) {
      parts.add(0, Text.count(certs, "certificate"));
    }
    return String.join(", ", parts);
  }

  static void report(
      BaseCommand command,
      Path target,
      SerializedStore store,
      List<Inputs.Skipped> skipped,
      List<String> dropped)
      throws IOException {
    long certificates = store.entries().stream().filter(StoreEntry::isCertificate).count();
    if (command.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("out", target.toString());
      doc.put("entries", store.size());
      doc.put("certificates", certificates);
      doc.put("bytes", Files.isDirectory(target) ? null : Files.size(target));
      doc.put("skipped", BaseCommand.skippedJson(skipped));
      doc.put("dropped", dropped);
      command.printJson(doc);
    } else {
      command.printf(
          "wrote %s (%s, %s)%n",
          target,
          Text.count(store.size(), "entry", "entries"),
          Text.count(certificates, "certificate"));
    }
  }

  static String pemBlock(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }
}
