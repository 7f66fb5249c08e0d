package io.github.smimekit.cli;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.sst.ContextType;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SniffedStore;
import io.github.smimekit.sst.SstReadOptions;
import io.github.smimekit.sst.SstWarning;
import io.github.smimekit.sst.StoreEntry;
import io.github.smimekit.sst.StoreFinding;
import io.github.smimekit.sst.StoreFormat;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.sst.StoreProperty;
import io.github.smimekit.sst.StoreSniffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
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
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smime sst ...}: Microsoft serialized certificate stores. */
@Command(
    name = "sst",
    description = "Read, write, convert and verify Microsoft serialized certificate stores (.sst).",
    subcommands = {
      SstCommands.ListCommand.class,
      SstCommands.Create.class,
      SstCommands.Convert.class,
      SstCommands.Verify.class
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
  @Command(name = "list", description = "List every entry of a store with its properties.")
  static final class ListCommand extends BaseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The store (.sst, or PKCS#7).")
    @Nullable Path file;

    @Option(names = "--lenient", description = "Turn recoverable format errors into warnings.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
      Path path = Objects.requireNonNull(file);
      SniffedStore sniffed = open(path, lenient);
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
        printJson(doc);
        return ExitCode.OK;
      }
      out()
          .printf(
              Locale.ROOT,
              "%s: %s, %d entr%s%n",
              path,
              formatName(sniffed.format()),
              entries.size(),
              entries.size() == 1 ? "y" : "ies");
      for (Map<String, Object> e : entries) {
        out()
            .printf(
                Locale.ROOT,
                "#%-4s %-11s offset %-8s %s %s%n",
                e.get("index"),
                e.get("kind"),
                e.get("offset"),
                e.get("sha1"),
                Optional.ofNullable(e.get("subject")).orElse(""));
        for (Object p : (List<?>) Objects.requireNonNull(e.get("properties"))) {
          Map<?, ?> pm = (Map<?, ?>) p;
          out()
              .printf(
                  Locale.ROOT,
                  "      property %5s %-34s %6s bytes%n",
                  pm.get("id"),
                  pm.get("name"),
                  pm.get("length"));
        }
      }
      for (SstWarning w : store.warnings()) {
        out().println("warning: " + w.message());
      }
      return ExitCode.OK;
    }
  }

  /** {@code smime sst create --out FILE [--profile minimal|windows] CERT...}. */
  @Command(name = "create", description = "Write a store holding the given certificates.")
  static final class Create extends BaseCommand implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        paramLabel = "CERT",
        description = "Certificate files (any encoding).")
    List<Path> certs = new ArrayList<>();

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The .sst to write.")
    @Nullable Path out;

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
      SerializedStore.Builder builder = SerializedStore.builder(profile.profile);
      for (Path cert : certs) {
        builder.addAll(Certificates.read(cert));
      }
      SerializedStore store = builder.build();
      Path target = Objects.requireNonNull(out);
      store.write(target);
      report(this, json, target, store);
      return ExitCode.OK;
    }
  }

  /** {@code smime sst convert IN --out FILE --to sst|pem|p7b|der-dir}. */
  @Command(
      name = "convert",
      description =
          "Convert between a store (.sst), a PEM bundle, PKCS#7 (.p7b) and a directory of DER"
              + " files; sst to sst keeps every entry and property byte for byte.")
  static final class Convert extends BaseCommand implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "IN",
        description = "A store, PKCS#7 file, certificate file or directory of certificate files.")
    @Nullable Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
    @Nullable Path out;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "sst|pem|p7b|der-dir",
        converter = TargetConverter.class,
        description = "The encoding to write.")
    @Nullable Target to;

    @Override
    public Integer call() throws IOException {
      Path source = Objects.requireNonNull(in);
      Path target = Objects.requireNonNull(out);
      SerializedStore store =
          Files.isDirectory(source) ? readDirectory(source) : open(source, false).store();
      List<X509Certificate> certificates = store.certificates();
      List<X509CRL> crls = new ArrayList<>();
      for (StoreEntry e : store.entries()) {
        if (e.contextType() == ContextType.CRL) {
          crls.add(e.crl());
        }
      }
      switch (Objects.requireNonNull(to)) {
        case SST -> store.write(target);
        case PEM -> {
          StringBuilder pem = new StringBuilder(Certificates.encodePem(certificates));
          for (X509CRL crl : crls) {
            pem.append(pemBlock("X509 CRL", crlBytes(crl)));
          }
          Files.writeString(target, pem, StandardCharsets.US_ASCII);
          noteLost(store, false);
        }
        case P7B -> {
          Certificates.writePkcs7(target, certificates);
          noteLost(store, !crls.isEmpty());
        }
        case DER_DIR -> {
          Files.createDirectories(target);
          for (X509Certificate c : certificates) {
            Certificates.writeDer(target.resolve(Certificates.sha1Thumbprint(c) + ".cer"), c);
          }
          for (X509CRL crl : crls) {
            Files.write(target.resolve(sha1Hex(crlBytes(crl)) + ".crl"), crlBytes(crl));
          }
          noteLost(store, false);
        }
      }
      report(this, json, target, store);
      return ExitCode.OK;
    }

    /** Tells the user what the target encoding cannot hold, so nothing is lost silently. */
    private void noteLost(SerializedStore store, boolean crlsLost) {
      boolean hasProperties = store.entries().stream().anyMatch(e -> !e.properties().isEmpty());
      List<String> lost = new ArrayList<>();
      if (hasProperties) {
        lost.add("properties");
      }
      if (crlsLost) {
        lost.add("CRLs");
      }
      if (!lost.isEmpty()) {
        err()
            .println(
                "smime: note: "
                    + Objects.requireNonNull(to).label
                    + " cannot hold the store's "
                    + String.join(" and ", lost)
                    + "; they were not written");
      }
    }

    private static SerializedStore readDirectory(Path dir) throws IOException {
      SerializedStore.Builder builder = SerializedStore.builder(StoreProfile.MINIMAL);
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        builder.addAll(Certificates.read(f));
      }
      return builder.build();
    }
  }

  /** {@code smime sst verify FILE [--at TIME] [--size-limit BYTES]}. */
  @Command(
      name = "verify",
      description =
          "Recompute hash properties and check what Exchange Online requires (no expired"
              + " certificate, size limit); exit 1 on findings.")
  static final class Verify extends BaseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The store.")
    @Nullable Path file;

    @Mixin AtOption at = new AtOption();

    @Option(
        names = "--size-limit",
        paramLabel = "BYTES",
        description =
            "Largest store Exchange accepts (default: ${DEFAULT-VALUE}; from Exchange Server,"
                + " unverified for Exchange Online).",
        defaultValue = "70000")
    long sizeLimit = SerializedStore.DEFAULT_EXCHANGE_SIZE_LIMIT;

    @Override
    public Integer call() throws IOException {
      Path path = Objects.requireNonNull(file);
      Instant time = at.orNow(context.clock());
      SerializedStore store = SerializedStore.read(path, SstReadOptions.strict());
      List<StoreFinding> findings = new ArrayList<>(store.verify());
      findings.addAll(store.checkForExchange(time, sizeLimit));
      List<Map<String, Object>> views = new ArrayList<>();
      for (StoreFinding f : findings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code().name());
        m.put("entry", f.entryIndex());
        m.put("offset", f.offset());
        m.put("sha1", f.sha1().hex());
        m.put("propertyId", f.propertyId());
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
        printJson(doc);
      } else {
        for (StoreFinding f : findings) {
          out().printf(Locale.ROOT, "%-24s #%-4d %s%n", f.code(), f.entryIndex(), f.message());
        }
        out()
            .printf(
                Locale.ROOT,
                "%s: %d entries, %d bytes, %d finding(s)%n",
                path,
                store.size(),
                store.encodedSize(),
                findings.size());
      }
      return findings.isEmpty() ? ExitCode.OK : ExitCode.FOUND_PROBLEM;
    }
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

  static SniffedStore open(Path path, boolean lenient) throws IOException {
    return StoreSniffer.open(path, lenient ? SstReadOptions.lenient() : SstReadOptions.strict());
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

  static void report(BaseCommand command, boolean asJson, Path target, SerializedStore store)
      throws IOException {
    long certificates = store.entries().stream().filter(StoreEntry::isCertificate).count();
    if (asJson) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("out", target.toString());
      doc.put("entries", store.size());
      doc.put("certificates", certificates);
      doc.put("bytes", Files.isDirectory(target) ? null : Files.size(target));
      command.printJson(doc);
    } else {
      command
          .out()
          .printf(
              Locale.ROOT,
              "wrote %s (%d entries, %d certificates)%n",
              target,
              store.size(),
              certificates);
    }
  }

  static byte[] crlBytes(X509CRL crl) {
    try {
      return crl.getEncoded();
    } catch (java.security.cert.CRLException e) {
      throw new IllegalStateException("cannot encode a CRL that was decoded", e);
    }
  }

  static String pemBlock(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  static String sha1Hex(byte[] data) {
    try {
      return java.util.HexFormat.of()
          .withUpperCase()
          .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
