package io.github.smimekit.exchange.internal.desired;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.FetchOptions;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.DesiredRecipient;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.DesiredStateException;
import io.github.smimekit.exchange.ExchangeException;
import io.github.smimekit.exchange.IssuingCa;
import io.github.smimekit.exchange.RecipientIdentity;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.exchange.TenantState;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SstReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads desired-state and current-state files strictly: every unknown field, wrong type and missing
 * file is an error naming the file and the JSON pointer.
 */
public final class StateFileReader {
  /** Largest state file read (a current state of a big tenant holds every certificate). */
  public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private static final Set<String> DESIRED_TOP = Set.of("$schema", "recipients", "issuingCa");
  private static final Set<String> DESIRED_RECIPIENT =
      Set.of("type", "identity", "name", "externalEmailAddress", "certificates");
  private static final Set<String> CURRENT_RECIPIENT =
      Set.of(
          "type",
          "identity",
          "name",
          "externalEmailAddress",
          "primarySmtpAddress",
          "proxyAddresses",
          "certificates",
          "userSMimeCertificate");

  private final Path file;
  private final Path folder;

  private StateFileReader(Path file) {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    this.folder = parent == null ? Path.of(".") : parent;
  }

  /** Reads a desired-state file. */
  public static DesiredState readDesired(Path file) throws IOException {
    StateFileReader r = new StateFileReader(file);
    return r.desired(r.parse());
  }

  /** Reads a current-state file. */
  public static TenantState readCurrent(Path file) throws IOException {
    StateFileReader r = new StateFileReader(file);
    return r.current(r.parse());
  }

  /** Reads a desired state from JSON text, with relative paths against {@code folder}. */
  public static DesiredState readDesired(String json, Path folder) {
    StateFileReader r = new StateFileReader(folder.resolve("desired.json"));
    return r.desired(r.parse(json));
  }

  // --- parsing ------------------------------------------------------------------------------

  private JsonNode parse() throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new DesiredStateException(
          file + ": " + size + " bytes is over the limit of " + MAX_FILE_BYTES + " bytes", "");
    }
    byte[] data;
    try (InputStream in = Files.newInputStream(file)) {
      data = Bytes.read(in, MAX_FILE_BYTES).toByteArray();
    }
    try {
      JsonParser p =
          JSON.getFactory()
              .rebuild()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxStringLength((int) Math.min(Integer.MAX_VALUE, MAX_FILE_BYTES))
                      .maxNestingDepth(64)
                      .build())
              .build()
              .createParser(data);
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      return checkedTree(JSON.readTree(p), p);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  private JsonNode parse(String json) {
    try {
      JsonParser p = JSON.createParser(json);
      return checkedTree(JSON.readTree(p), p);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new DesiredStateException(file + ": cannot read", "", e);
    }
  }

  private JsonNode checkedTree(JsonNode tree, JsonParser p) throws IOException {
    if (tree == null || tree.isMissingNode()) {
      throw new DesiredStateException(file + ": empty file, expected a JSON object", "");
    }
    if (p.nextToken() != null) {
      throw new DesiredStateException(
          file + ": text after the JSON document at line " + p.currentLocation().getLineNr(), "");
    }
    return tree;
  }

  private DesiredStateException malformed(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    String where = l == null ? "" : " at line " + l.getLineNr() + " column " + l.getColumnNr();
    String what =
        e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
            ? "a field is given twice"
            : "malformed JSON";
    return new DesiredStateException(file + ": " + what + where, "", e);
  }

  // --- desired ------------------------------------------------------------------------------

  private DesiredState desired(JsonNode root) {
    ObjectNode top = object(root, "");
    fields(top, "", DESIRED_TOP);
    JsonNode rs = top.get("recipients");
    List<DesiredRecipient> recipients = new ArrayList<>();
    if (rs != null) {
      array(rs, "/recipients");
      for (int i = 0; i < rs.size(); i++) {
        recipients.add(desiredRecipient(rs.get(i), "/recipients/" + i));
      }
    }
    Optional<IssuingCa> ca = Optional.empty();
    JsonNode ic = top.get("issuingCa");
    if (ic != null && !ic.isNull()) {
      ca = Optional.of(issuingCa(ic, "/issuingCa"));
    }
    try {
      return new DesiredState(recipients, ca);
    } catch (ExchangeException e) {
      throw new DesiredStateException(file + " /recipients: " + e.getMessage(), "/recipients", e);
    }
  }

  private DesiredRecipient desiredRecipient(JsonNode node, String ptr) {
    ObjectNode o = object(node, ptr);
    fields(o, ptr, DESIRED_RECIPIENT);
    RecipientType type = type(o, ptr);
    RecipientIdentity identity = identity(o, ptr);
    Optional<String> name = optionalText(o, "name", ptr);
    Optional<String> external = optionalText(o, "externalEmailAddress", ptr);
    if (type != RecipientType.MAIL_CONTACT) {
      if (name.isPresent()) {
        throw error(ptr + "/name", "'name' is only for a MailContact");
      }
      if (external.isPresent()) {
        throw error(
            ptr + "/externalEmailAddress", "'externalEmailAddress' is only for a MailContact");
      }
    }
    List<X509Certificate> certs = certificates(o, ptr, false);
    try {
      return new DesiredRecipient(type, identity, name, external, certs);
    } catch (ExchangeException e) {
      throw error(ptr, e.getMessage(), e);
    }
  }

  @SuppressWarnings("StatementSwitchToExpressionSwitch") // one block per form reads better here
  private IssuingCa issuingCa(JsonNode node, String ptr) {
    ObjectNode o = object(node, ptr);
    if (o.size() != 1) {
      throw error(
          ptr, "expected exactly one of 'certificates', 'sst' or 'fromChains', found " + o.size());
    }
    String key = o.fieldNames().next();
    String p = ptr + "/" + escape(key);
    JsonNode v = o.get(key);
    switch (key) {
      case "certificates":
        {
          array(v, p);
          List<X509Certificate> certs = new ArrayList<>();
          for (int i = 0; i < v.size(); i++) {
            certs.addAll(certificateEntry(v.get(i), p + "/" + i, true));
          }
          return new IssuingCa.Listed(certs);
        }
      case "sst":
        {
          Path path = path(text(v, p), p);
          try {
            return new IssuingCa.FromStore(SerializedStore.read(path, SstReadOptions.defaults()));
          } catch (NoSuchFileException e) {
            throw error(p, "no such file: " + path, e);
          } catch (IOException e) {
            throw error(p, "cannot read " + path, e);
          } catch (SmimeException e) {
            throw error(p, path + ": " + e.getMessage(), e);
          }
        }
      case "fromChains":
        {
          ObjectNode fc = object(v, p);
          fields(fc, p, Set.of("pool", "anchors", "fetch"));
          List<X509Certificate> pool = poolPaths(fc.get("pool"), p + "/pool");
          List<X509Certificate> anchors = poolPaths(fc.get("anchors"), p + "/anchors");
          if (anchors.isEmpty()) {
            throw error(p + "/anchors", "no trust anchor: give the root CA certificates");
          }
          return new IssuingCa.FromChains(pool, anchors, fetch(fc.get("fetch"), p + "/fetch"));
        }
      default:
        throw error(p, "unknown field '" + key + "' (expected certificates, sst or fromChains)");
    }
  }

  /** The longest fetch timeout accepted, in seconds (as {@code smime chain build}). */
  private static final int MAX_TIMEOUT_SECONDS = 600;

  /**
   * {@code "fetch": true | false | {"enabled", "cache", "offline", "timeoutSeconds"}}: the options
   * of {@code smime chain build --fetch [--fetch-cache DIR] [--offline] [--fetch-timeout S]}.
   */
  private Optional<FetchOptions> fetch(JsonNode node, String ptr) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? Optional.of(FetchOptions.defaults()) : Optional.empty();
    }
    if (!(node instanceof ObjectNode o)) {
      throw error(ptr, "expected true, false or a JSON object, found " + kind(node));
    }
    fields(o, ptr, Set.of("enabled", "cache", "offline", "timeoutSeconds"));
    boolean enabled = optionalBoolean(o, "enabled", ptr).orElse(true);
    boolean offline = optionalBoolean(o, "offline", ptr).orElse(false);
    FetchOptions.Builder b = FetchOptions.builder().offline(offline);
    Optional<String> cache = optionalText(o, "cache", ptr);
    if (cache.isPresent()) {
      Path dir = path(cache.get(), ptr + "/cache");
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw error(ptr + "/cache", dir + " is a file, expected a folder (created when missing)");
      }
      b.cacheDirectory(dir);
    } else if (offline) {
      throw error(ptr + "/offline", "offline fetching reads the cache only: give 'cache' too");
    }
    JsonNode t = o.get("timeoutSeconds");
    if (t != null && !t.isNull()) {
      if (!t.isIntegralNumber() || !t.canConvertToInt()) {
        throw error(ptr + "/timeoutSeconds", "expected a whole number, found " + kind(t));
      }
      int seconds = t.intValue();
      if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
        throw error(
            ptr + "/timeoutSeconds", "must be 1.." + MAX_TIMEOUT_SECONDS + " seconds: " + seconds);
      }
      b.readTimeout(Duration.ofSeconds(seconds));
      b.totalTimeout(Duration.ofSeconds(Math.max(30, seconds * 3L)));
    }
    return enabled ? Optional.of(b.build()) : Optional.empty();
  }

  private Optional<Boolean> optionalBoolean(ObjectNode o, String field, String ptr) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isBoolean()) {
      throw error(ptr + "/" + field, "expected true or false, found " + kind(n));
    }
    return Optional.of(n.booleanValue());
  }

  private List<X509Certificate> poolPaths(JsonNode node, String ptr) {
    if (node == null) {
      return List.of();
    }
    array(node, ptr);
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String p = ptr + "/" + i;
      Path path = path(text(node.get(i), p), p);
      refusePkcs12(path, p);
      if (!Files.exists(path)) {
        throw error(p, "no such file or folder: " + path);
      }
      try {
        out.addAll(
            CertificatePool.builder()
                .readers(List.of(SerializedStore.bundleReader()))
                .add(path)
                .build()
                .certificates());
      } catch (IOException e) {
        throw error(p, "cannot read " + path, e);
      } catch (SmimeException e) {
        throw error(p, e.getMessage(), e);
      }
    }
    return out;
  }

  // --- current ------------------------------------------------------------------------------

  private TenantState current(JsonNode root) {
    ObjectNode top = object(root, "");
    fields(top, "", DESIRED_TOP);
    JsonNode rs = top.get("recipients");
    List<TenantRecipient> recipients = new ArrayList<>();
    if (rs != null) {
      array(rs, "/recipients");
      for (int i = 0; i < rs.size(); i++) {
        recipients.add(currentRecipient(rs.get(i), "/recipients/" + i));
      }
    }
    Optional<Bytes> store = Optional.empty();
    JsonNode ic = top.get("issuingCa");
    if (ic != null && !ic.isNull()) {
      ObjectNode o = object(ic, "/issuingCa");
      fields(o, "/issuingCa", Set.of("base64"));
      JsonNode b = o.get("base64");
      if (b == null) {
        throw error("/issuingCa", "missing field 'base64'");
      }
      Bytes bytes = base64(text(b, "/issuingCa/base64"), "/issuingCa/base64");
      if (!bytes.isEmpty()) {
        store = Optional.of(bytes);
      }
    }
    return new TenantState(recipients, store);
  }

  private TenantRecipient currentRecipient(JsonNode node, String ptr) {
    ObjectNode o = object(node, ptr);
    fields(o, ptr, CURRENT_RECIPIENT);
    RecipientType type = type(o, ptr);
    RecipientIdentity identity = identity(o, ptr);
    optionalText(o, "name", ptr);
    Optional<String> external = optionalText(o, "externalEmailAddress", ptr);
    String primary =
        optionalText(o, "primarySmtpAddress", ptr).or(() -> external).orElse(identity.value());
    List<String> proxies = new ArrayList<>();
    JsonNode px = o.get("proxyAddresses");
    if (px != null && !px.isNull()) {
      array(px, ptr + "/proxyAddresses");
      for (int i = 0; i < px.size(); i++) {
        String a = text(px.get(i), ptr + "/proxyAddresses/" + i);
        proxies.add(a.regionMatches(true, 0, "smtp:", 0, 5) ? a.substring(5) : a);
      }
    }
    List<Bytes> certs = rawValues(o.get("certificates"), ptr + "/certificates");
    for (int i = 0; i < certs.size(); i++) {
      try {
        Certificates.readOne(certs.get(i));
      } catch (SmimeException e) {
        throw error(ptr + "/certificates/" + i, "not a DER certificate: " + e.getMessage(), e);
      }
    }
    List<Bytes> smime = rawValues(o.get("userSMimeCertificate"), ptr + "/userSMimeCertificate");
    return new TenantRecipient(type, identity.value(), primary, proxies, certs, smime);
  }

  private List<Bytes> rawValues(JsonNode node, String ptr) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    array(node, ptr);
    List<Bytes> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String p = ptr + "/" + i;
      JsonNode v = node.get(i);
      if (v.isObject()) {
        ObjectNode o = (ObjectNode) v;
        fields(o, p, Set.of("base64"));
        JsonNode b = o.get("base64");
        if (b == null) {
          throw error(p, "missing field 'base64'");
        }
        out.add(base64(text(b, p + "/base64"), p + "/base64"));
      } else {
        Path path = path(text(v, p), p);
        refusePkcs12(path, p);
        try {
          out.add(Certificates.encodeDer(Certificates.readOne(path)));
        } catch (NoSuchFileException e) {
          throw error(p, "no such file: " + path, e);
        } catch (IOException e) {
          throw error(p, "cannot read " + path, e);
        } catch (SmimeException e) {
          throw error(p, path + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  // --- shared -------------------------------------------------------------------------------

  private RecipientType type(ObjectNode o, String ptr) {
    JsonNode t = o.get("type");
    if (t == null) {
      throw error(ptr, "missing field 'type' (Mailbox, MailUser or MailContact)");
    }
    String name = text(t, ptr + "/type");
    return RecipientType.fromJsonName(name)
        .orElseThrow(
            () ->
                error(
                    ptr + "/type",
                    "unknown recipient type '"
                        + name
                        + "' (expected Mailbox, MailUser or MailContact)"));
  }

  private RecipientIdentity identity(ObjectNode o, String ptr) {
    JsonNode t = o.get("identity");
    if (t == null) {
      throw error(ptr, "missing field 'identity'");
    }
    String value = text(t, ptr + "/identity");
    try {
      return RecipientIdentity.of(value);
    } catch (ExchangeException e) {
      throw error(ptr + "/identity", e.getMessage(), e);
    }
  }

  private List<X509Certificate> certificates(ObjectNode o, String ptr, boolean all) {
    JsonNode cs = o.get("certificates");
    if (cs == null || cs.isNull()) {
      return List.of();
    }
    array(cs, ptr + "/certificates");
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < cs.size(); i++) {
      out.addAll(certificateEntry(cs.get(i), ptr + "/certificates/" + i, all));
    }
    return out;
  }

  /**
   * One certificate entry: a path or {@code {"base64": DER}}. A file holding several certificates
   * (a PEM bundle, a .p7b) gives its end-entity certificates unless {@code all}.
   */
  private List<X509Certificate> certificateEntry(JsonNode v, String ptr, boolean all) {
    if (v.isObject()) {
      ObjectNode o = (ObjectNode) v;
      fields(o, ptr, Set.of("base64"));
      JsonNode b = o.get("base64");
      if (b == null) {
        throw error(ptr, "missing field 'base64'");
      }
      Bytes der = base64(text(b, ptr + "/base64"), ptr + "/base64");
      try {
        return List.of(Certificates.readOne(der));
      } catch (SmimeException e) {
        throw error(ptr + "/base64", "not a certificate: " + e.getMessage(), e);
      }
    }
    Path path = path(text(v, ptr), ptr);
    refusePkcs12(path, ptr);
    List<X509Certificate> certs;
    try {
      if (Files.isDirectory(path)) {
        throw error(ptr, path + " is a folder, expected a certificate file");
      }
      certs =
          CertificatePool.builder()
              .readers(List.of(SerializedStore.bundleReader()))
              .add(path)
              .build()
              .certificates();
    } catch (NoSuchFileException e) {
      throw error(ptr, "no such file: " + path, e);
    } catch (IOException e) {
      throw error(ptr, "cannot read " + path, e);
    } catch (SmimeException e) {
      if (e instanceof DesiredStateException d) {
        throw d;
      }
      throw error(ptr, e.getMessage(), e);
    }
    if (all || certs.size() == 1) {
      return certs;
    }
    List<X509Certificate> leaves = certs.stream().filter(c -> c.getBasicConstraints() < 0).toList();
    if (leaves.isEmpty()) {
      throw error(ptr, path + " holds only CA certificates");
    }
    return leaves;
  }

  private void refusePkcs12(Path path, String ptr) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
      throw error(
          ptr,
          path
              + " is a PKCS#12 identity (it holds a private key, which never goes to Exchange);"
              + " export its certificate with 'smime p12 export-cert "
              + name
              + " --out "
              + name.substring(0, name.length() - 4)
              + ".cer' and name the .cer");
    }
  }

  private Path path(String value, String ptr) {
    if (value.isBlank() || value.indexOf('\0') >= 0) {
      throw error(ptr, "not a file name: '" + value + "'");
    }
    try {
      Path p = Path.of(value);
      return p.isAbsolute() ? p : folder.resolve(p).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw error(ptr, "not a file name: '" + value + "'", e);
    }
  }

  private Bytes base64(String value, String ptr) {
    try {
      return Bytes.copyOf(Base64.getMimeDecoder().decode(value.strip()));
    } catch (IllegalArgumentException e) {
      throw error(ptr, "not base64", e);
    }
  }

  private ObjectNode object(JsonNode node, String ptr) {
    if (!(node instanceof ObjectNode o)) {
      throw error(ptr, "expected a JSON object, found " + kind(node));
    }
    return o;
  }

  private void array(JsonNode node, String ptr) {
    if (!node.isArray()) {
      throw error(ptr, "expected a JSON array, found " + kind(node));
    }
  }

  private String text(JsonNode node, String ptr) {
    if (!node.isTextual()) {
      throw error(ptr, "expected a string, found " + kind(node));
    }
    return node.textValue();
  }

  private Optional<String> optionalText(ObjectNode o, String field, String ptr) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(text(n, ptr + "/" + field));
  }

  private void fields(ObjectNode o, String ptr, Set<String> allowed) {
    Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
    while (it.hasNext()) {
      String name = it.next().getKey();
      if (!allowed.contains(name)) {
        throw error(
            ptr + "/" + escape(name),
            "unknown field '"
                + RecipientIdentityText.printable(name)
                + "' (allowed: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case NUMBER -> "a number";
      case OBJECT -> "an object";
      case STRING -> "a string";
      default -> "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private DesiredStateException error(String ptr, String message) {
    return new DesiredStateException(
        file + " " + (ptr.isEmpty() ? "/" : ptr) + ": " + message, ptr);
  }

  private DesiredStateException error(String ptr, String message, Throwable cause) {
    return new DesiredStateException(
        file + " " + (ptr.isEmpty() ? "/" : ptr) + ": " + message, ptr, cause);
  }
}
