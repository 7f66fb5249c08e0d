package io.github.smimekit.testing.exchange;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the fake tenant holds (mailboxes, mail users, mail contacts with their certificate
 * attributes, the S/MIME configuration with its store) and the cmdlets that read and change it,
 * with the semantics the documentation gives (spec {@code exchange-online.md} §1). Thread-safe:
 * every cmdlet runs under the tenant's lock.
 */
public final class FakeTenant {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_VALUE_BYTES = 32_768;
  private static final Set<String> TYPES = Set.of("Mailbox", "MailUser", "MailContact");
  private static final Set<String> SET_RECIPIENT_PARAMETERS =
      Set.of("Identity", "UserCertificate", "UserSMimeCertificate", "DisplayName", "Confirm");

  private final Map<String, Rec> byGuid = new LinkedHashMap<>();

  /**
   * The recipients by each identity that finds them (GUID, name, primary and proxy addresses),
   * ASCII-lower-cased, in {@link #byGuid} order: a lookup costs one map access instead of a scan of
   * every recipient (at 1,000 recipients the scan was the largest cost of the fake per request).
   * Used only while every key is ASCII, where it finds exactly what {@link String#equalsIgnoreCase}
   * finds; otherwise {@link #findAll} scans.
   */
  private final Map<String, List<Rec>> byKey = new HashMap<>();

  private int unindexable;
  private byte @Nullable [] issuingCa;
  private final Map<String, JsonNode> smimeSettings = new LinkedHashMap<>();
  private final Clock clock;
  private final int sstSizeLimit;
  private final @Nullable Path stateFile;
  private long guidCounter;

  private static final class Rec {
    final String type;
    final String name;
    final String primary;
    final List<String> emailAddresses;
    final String guid;
    List<byte[]> userCertificates = List.of();
    List<byte[]> userSMimeCertificates = List.of();

    Rec(String type, String name, String primary, List<String> emailAddresses, String guid) {
      this.type = type;
      this.name = name;
      this.primary = primary;
      this.emailAddresses = List.copyOf(emailAddresses);
      this.guid = guid;
    }

    FakeRecipient snapshot() {
      return new FakeRecipient(
          type, name, primary, emailAddresses, guid, userCertificates, userSMimeCertificates);
    }
  }

  FakeTenant(Clock clock, int sstSizeLimit, @Nullable Path stateFile) {
    this.clock = requireNonNull(clock, "clock");
    this.sstSizeLimit = sstSizeLimit;
    this.stateFile = stateFile;
  }

  // --- set-up and inspection ------------------------------------------------------------------

  /** Adds a mailbox with primary address {@code address} (its name is the local part). */
  public FakeRecipient addMailbox(String address) {
    return add("Mailbox", localPart(address), address, List.of());
  }

  /** Adds a mail user with primary address {@code address}. */
  public FakeRecipient addMailUser(String address) {
    return add("MailUser", localPart(address), address, List.of());
  }

  /** Adds a mail contact {@code name} with external address {@code address}. */
  public FakeRecipient addMailContact(String name, String address) {
    return add("MailContact", name, address, List.of());
  }

  /**
   * Adds a recipient.
   *
   * @param type {@code Mailbox}, {@code MailUser} or {@code MailContact}
   * @param proxies further SMTP addresses
   */
  public synchronized FakeRecipient add(
      String type, String name, String address, List<String> proxies) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown recipient type: " + type);
    }
    if (findAll(address).size() > 0 || findAll(name).size() > 0) {
      throw new IllegalArgumentException("already exists: " + address);
    }
    List<String> addresses = new ArrayList<>();
    addresses.add("SMTP:" + address);
    proxies.forEach(p -> addresses.add("smtp:" + p));
    Rec r = new Rec(type, name, address, addresses, nextGuid());
    put(r);
    save();
    return r.snapshot();
  }

  /** Sets a recipient's {@code UserCertificate} values directly (test set-up). */
  public synchronized void setUserCertificates(String identity, List<byte[]> values) {
    Rec r = one(identity).orElseThrow(() -> new IllegalArgumentException("no " + identity));
    r.userCertificates = copy(values);
    save();
  }

  /** The recipient {@code identity} names (address, name or GUID), if exactly one. */
  public synchronized Optional<FakeRecipient> recipient(String identity) {
    return one(identity).map(Rec::snapshot);
  }

  /** Every recipient, in creation order. */
  public synchronized List<FakeRecipient> recipients() {
    return byGuid.values().stream().map(Rec::snapshot).toList();
  }

  /** The stored issuing-CA store, if any. */
  public synchronized Optional<byte[]> issuingCaStore() {
    return Optional.ofNullable(issuingCa).map(byte[]::clone);
  }

  /** Sets the stored issuing-CA store directly (test set-up), without the checks. */
  public synchronized void setIssuingCaStore(byte @Nullable [] store) {
    this.issuingCa = store == null ? null : store.clone();
    save();
  }

  private String nextGuid() {
    guidCounter++;
    return new UUID(0x5a1e_0000_0000_0000L, guidCounter).toString();
  }

  private static String localPart(String address) {
    int at = address.indexOf('@');
    return at < 0 ? address : address.substring(0, at);
  }

  private List<Rec> findAll(String identity) {
    if (unindexable == 0 && isAscii(identity)) {
      return List.copyOf(byKey.getOrDefault(asciiLower(identity), List.of()));
    }
    List<Rec> out = new ArrayList<>();
    for (Rec r : byGuid.values()) {
      if (r.guid.equalsIgnoreCase(identity)
          || r.name.equalsIgnoreCase(identity)
          || r.primary.equalsIgnoreCase(identity)
          || r.emailAddresses.stream().anyMatch(a -> a.substring(5).equalsIgnoreCase(identity))) {
        out.add(r);
      }
    }
    return out;
  }

  /** Adds {@code r} to {@link #byGuid} and the index. */
  private void put(Rec r) {
    Rec old = byGuid.put(r.guid, r);
    if (old != null) {
      byKey.clear();
      unindexable = 0;
      byGuid.values().forEach(this::index);
    } else {
      index(r);
    }
  }

  private void clearRecipients() {
    byGuid.clear();
    byKey.clear();
    unindexable = 0;
  }

  private void index(Rec r) {
    List<String> keys = new ArrayList<>();
    keys.add(r.guid);
    keys.add(r.name);
    keys.add(r.primary);
    for (String a : r.emailAddresses) {
      if (a.length() < 5) {
        unindexable++;
        return;
      }
      keys.add(a.substring(5));
    }
    if (!keys.stream().allMatch(FakeTenant::isAscii)) {
      unindexable++;
      return;
    }
    for (String k : keys) {
      List<Rec> list = byKey.computeIfAbsent(asciiLower(k), x -> new ArrayList<>());
      if (list.isEmpty() || list.get(list.size() - 1) != r) {
        list.add(r);
      }
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String asciiLower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private Optional<Rec> one(String identity) {
    List<Rec> all = findAll(identity);
    return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
  }

  // --- cmdlets --------------------------------------------------------------------------------

  /** A cmdlet failure: an HTTP status with an exception type and message. */
  static final class CmdletFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String typeName;

    CmdletFailure(int status, String typeName, String message) {
      super(message, null, false, false);
      this.status = status;
      this.typeName = typeName;
    }
  }

  /** The outcome of one cmdlet: the result objects and warnings. */
  record Outcome(List<ObjectNode> values, List<String> warnings) {}

  synchronized Outcome run(String cmdlet, ObjectNode parameters, ByteArrayForm form)
      throws CmdletFailure {
    return switch (cmdlet) {
      case "Get-Mailbox" -> get("Mailbox", parameters, form);
      case "Get-MailUser" -> get("MailUser", parameters, form);
      case "Get-MailContact" -> get("MailContact", parameters, form);
      case "Set-Mailbox" -> set("Mailbox", cmdlet, parameters);
      case "Set-MailUser" -> set("MailUser", cmdlet, parameters);
      case "Set-MailContact" -> set("MailContact", cmdlet, parameters);
      case "New-MailContact" -> newMailContact(parameters, form);
      case "Get-SmimeConfig" -> new Outcome(List.of(smimeConfig(form)), List.of());
      case "Set-SmimeConfig" -> setSmimeConfig(parameters);
      default ->
          throw new CmdletFailure(
              400,
              "System.Management.Automation.CommandNotFoundException",
              "The term '" + cmdlet + "' is not recognized as the name of a cmdlet.");
    };
  }

  private Outcome get(String type, ObjectNode p, ByteArrayForm form) throws CmdletFailure {
    JsonNode id = p.get("Identity");
    if (id != null && !id.isNull()) {
      String identity = text(p, "Identity");
      List<Rec> all = findAll(identity).stream().filter(r -> r.type.equals(type)).toList();
      if (all.isEmpty()) {
        throw notFound(identity);
      }
      if (all.size() > 1) {
        throw new CmdletFailure(
            400,
            "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException",
            "The operation couldn't be performed because '"
                + identity
                + "' matches multiple entries.");
      }
      return new Outcome(List.of(object(all.get(0), form)), List.of());
    }
    int limit = 1000;
    JsonNode rs = p.get("ResultSize");
    if (rs != null && rs.isTextual() && rs.asText().equalsIgnoreCase("Unlimited")) {
      limit = Integer.MAX_VALUE;
    } else if (rs != null && rs.canConvertToInt()) {
      limit = rs.asInt();
    }
    List<ObjectNode> out = new ArrayList<>();
    for (Rec r : byGuid.values()) {
      if (r.type.equals(type) && out.size() < limit) {
        out.add(object(r, form));
      }
    }
    return new Outcome(out, List.of());
  }

  private static CmdletFailure notFound(String identity) {
    return new CmdletFailure(
        404,
        "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
        "The operation couldn't be performed because object '"
            + identity
            + "' couldn't be found on 'FAKE01A001DC001.prod.outlook.com'.");
  }

  private Outcome set(String type, @SuppressWarnings("UnusedVariable") String cmdlet, ObjectNode p)
      throws CmdletFailure {
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      String base = name.endsWith("@odata.type") ? name.substring(0, name.length() - 11) : name;
      if (!SET_RECIPIENT_PARAMETERS.contains(base)) {
        throw new CmdletFailure(
            400,
            "System.Management.Automation.ParameterBindingException",
            "A parameter cannot be found that matches parameter name '" + base + "'.");
      }
    }
    String identity = text(p, "Identity");
    List<Rec> all = findAll(identity).stream().filter(r -> r.type.equals(type)).toList();
    if (all.isEmpty()) {
      throw notFound(identity);
    }
    if (all.size() > 1) {
      throw new CmdletFailure(
          400,
          "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException",
          "'" + identity + "' matches multiple entries.");
    }
    Rec r = all.get(0);
    boolean changed = false;
    if (p.has("UserCertificate")) {
      List<byte[]> v = byteList(p, "UserCertificate");
      changed |= !same(r.userCertificates, v);
      r.userCertificates = v;
    }
    if (p.has("UserSMimeCertificate")) {
      List<byte[]> v = byteList(p, "UserSMimeCertificate");
      changed |= !same(r.userSMimeCertificates, v);
      r.userSMimeCertificates = v;
    }
    List<String> warnings = new ArrayList<>();
    if (changed) {
      save();
    } else {
      warnings.add(
          "The command completed successfully but no settings of '"
              + r.name
              + "' have been modified.");
    }
    return new Outcome(List.of(), warnings);
  }

  private Outcome newMailContact(ObjectNode p, ByteArrayForm form) throws CmdletFailure {
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!Set.of(
              "Name",
              "ExternalEmailAddress",
              "DisplayName",
              "Alias",
              "FirstName",
              "LastName",
              "Confirm")
          .contains(name)) {
        throw new CmdletFailure(
            400,
            "System.Management.Automation.ParameterBindingException",
            "A parameter cannot be found that matches parameter name '" + name + "'.");
      }
    }
    String name = text(p, "Name");
    String address = text(p, "ExternalEmailAddress").replaceFirst("(?i)^smtp:", "");
    if (!address.matches("[^@\\s]+@[^@\\s]+")) {
      throw new CmdletFailure(
          400,
          "Microsoft.Exchange.Data.DataValidationException",
          "The value '" + address + "' of ExternalEmailAddress is not a valid SMTP address.");
    }
    if (!findAll(address).isEmpty()) {
      throw new CmdletFailure(
          400,
          "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException",
          "The proxy address \"SMTP:"
              + address
              + "\" is already being used; the object already exists.");
    }
    if (!findAll(name).isEmpty()) {
      throw new CmdletFailure(
          400,
          "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException",
          "The object '" + name + "' already exists.");
    }
    Rec r = new Rec("MailContact", name, address, List.of("SMTP:" + address), nextGuid());
    put(r);
    save();
    return new Outcome(List.of(object(r, form)), List.of());
  }

  private ObjectNode smimeConfig(ByteArrayForm form) {
    ObjectNode o = NODES.objectNode();
    o.put("Identity", "SmimeConfig");
    o.put("Name", "SmimeConfig");
    smimeSettings.forEach(o::set);
    if (issuingCa == null) {
      o.putNull("SMIMECertificateIssuingCA");
      o.putNull("SMIMECertificatesExpiryDate");
    } else {
      o.set("SMIMECertificateIssuingCA", form.write(issuingCa, 0));
      try {
        SstFraming.certificates(issuingCa).stream()
            .map(SstFraming.Cert::notAfter)
            .min(Instant::compareTo)
            .ifPresent(
                t ->
                    o.put(
                        "SMIMECertificatesExpiryDate",
                        DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.atOffset(ZoneOffset.UTC))));
      } catch (SstFraming.NotAStore e) {
        o.putNull("SMIMECertificatesExpiryDate");
      }
    }
    return o;
  }

  private Outcome setSmimeConfig(ObjectNode p) throws CmdletFailure {
    boolean changed = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.equals("Confirm") || name.equals("SMIMECertificateIssuingCA")) {
        continue;
      }
      if (!name.startsWith("OWA") && !name.equals("NoSignOnReply")) {
        throw new CmdletFailure(
            400,
            "System.Management.Automation.ParameterBindingException",
            "A parameter cannot be found that matches parameter name '" + name + "'.");
      }
      changed |= !e.getValue().equals(smimeSettings.put(name, e.getValue()));
    }
    if (p.has("SMIMECertificateIssuingCA")) {
      JsonNode v = p.get("SMIMECertificateIssuingCA");
      byte[] b = v.isNull() ? new byte[0] : bytes(v, "SMIMECertificateIssuingCA");
      if (b.length == 0) {
        changed |= issuingCa != null;
        issuingCa = null;
      } else {
        if (b.length > sstSizeLimit) {
          throw new CmdletFailure(
              400,
              "Microsoft.Exchange.Management.SystemConfigurationTasks.SSTFileSizeExceedLimit",
              "The SST file size "
                  + b.length
                  + " exceeds the limit of "
                  + sstSizeLimit
                  + " bytes.");
        }
        List<SstFraming.Cert> certs;
        try {
          certs = SstFraming.certificates(b);
        } catch (SstFraming.NotAStore e) {
          throw new CmdletFailure(
              400,
              "Microsoft.Exchange.Management.SystemConfigurationTasks.InvalidSSTFileFormat",
              "The certificate store is in the wrong format: " + e.getMessage());
        }
        Instant now = clock.instant();
        List<String> expired =
            certs.stream()
                .filter(c -> c.notAfter().isBefore(now))
                .map(SstFraming.Cert::sha1)
                .toList();
        if (!expired.isEmpty()) {
          throw new CmdletFailure(
              400,
              "Microsoft.Exchange.Management.SystemConfigurationTasks.ExpiredCertificateInSST",
              "The following certificates have expired: " + String.join(", ", expired));
        }
        changed |= issuingCa == null || !java.util.Arrays.equals(issuingCa, b);
        issuingCa = b;
      }
    }
    List<String> warnings = new ArrayList<>();
    if (changed) {
      save();
    } else {
      warnings.add(
          "The command completed successfully but no settings of 'SmimeConfig' have been modified.");
    }
    return new Outcome(List.of(), warnings);
  }

  private ObjectNode object(Rec r, ByteArrayForm form) {
    ObjectNode o = NODES.objectNode();
    o.put("Identity", r.name);
    o.put("Name", r.name);
    o.put("DisplayName", r.name);
    o.put("Guid", r.guid);
    o.put("ExternalDirectoryObjectId", r.guid);
    o.put("RecipientTypeDetails", r.type.equals("Mailbox") ? "UserMailbox" : r.type);
    o.put("PrimarySmtpAddress", r.primary);
    if (r.type.equals("MailContact")) {
      o.put("ExternalEmailAddress", "SMTP:" + r.primary);
    }
    ArrayNode addresses = o.putArray("EmailAddresses");
    r.emailAddresses.forEach(addresses::add);
    o.set("UserCertificate", values(r.userCertificates, form));
    o.set("UserSMimeCertificate", values(r.userSMimeCertificates, form));
    return o;
  }

  private static ArrayNode values(List<byte[]> values, ByteArrayForm form) {
    ArrayNode a = NODES.arrayNode();
    for (int i = 0; i < values.size(); i++) {
      a.add(form.write(values.get(i), i));
    }
    return a;
  }

  // --- parameter decoding ---------------------------------------------------------------------

  private static String text(ObjectNode p, String name) throws CmdletFailure {
    JsonNode v = p.get(name);
    if (v == null || v.isNull()) {
      throw new CmdletFailure(
          400,
          "System.Management.Automation.ParameterBindingException",
          "Cannot bind argument to parameter '" + name + "' because it is null.");
    }
    if (!v.isTextual()) {
      throw new CmdletFailure(
          400,
          "System.Management.Automation.ParameterBindingException",
          "Cannot convert the value of parameter '" + name + "' to System.String.");
    }
    return v.asText();
  }

  /** A multi-valued byte array parameter: null clears; a list (annotated or not) replaces. */
  private static List<byte[]> byteList(ObjectNode p, String name) throws CmdletFailure {
    JsonNode v = p.get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    if (v.isArray()) {
      if (v.size() > 0 && v.get(0).isNumber()) {
        out.add(bytes(v, name));
      } else {
        for (JsonNode x : v) {
          out.add(bytes(x, name));
        }
      }
    } else {
      out.add(bytes(v, name));
    }
    for (byte[] b : out) {
      if (b.length > MAX_VALUE_BYTES) {
        throw new CmdletFailure(
            400,
            "Microsoft.Exchange.Data.DataValidationException",
            "The length of the property is too long. The maximum length is "
                + MAX_VALUE_BYTES
                + " and the length of the value provided is "
                + b.length
                + ".");
      }
    }
    return out;
  }

  /**
   * One byte array: {@code {"Data":[ints]}} (with or without {@code @odata.type}), ints, or base64.
   */
  static byte[] bytes(JsonNode v, String name) throws CmdletFailure {
    JsonNode data = v.isObject() ? v.get("Data") : v;
    if (data == null) {
      throw badBytes(name);
    }
    if (data.isTextual()) {
      try {
        return Base64.getDecoder().decode(data.asText());
      } catch (IllegalArgumentException e) {
        throw badBytes(name);
      }
    }
    if (!data.isArray()) {
      throw badBytes(name);
    }
    byte[] out = new byte[data.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode x = data.get(i);
      if (!x.canConvertToInt() || !x.isIntegralNumber() || x.asInt() < 0 || x.asInt() > 255) {
        throw badBytes(name);
      }
      out[i] = (byte) x.asInt();
    }
    return out;
  }

  private static CmdletFailure badBytes(String name) {
    return new CmdletFailure(
        400,
        "System.Management.Automation.ParameterBindingException",
        "Cannot convert the value of parameter '" + name + "' to System.Byte[].");
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<byte[]> copy(List<byte[]> values) {
    List<byte[]> out = new ArrayList<>();
    values.forEach(b -> out.add(b.clone()));
    return List.copyOf(out);
  }

  // --- state file -----------------------------------------------------------------------------

  /** The state as a JSON document (recipients, certificates and the store as base64). */
  public String toJsonString() {
    try {
      return FakeExchangeServer.MAPPER
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(toJson());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the state with a document {@link #toJsonString()} wrote. */
  public void loadJson(String json) {
    try {
      load(FakeExchangeServer.MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a state document", e);
    }
  }

  synchronized ObjectNode toJson() {
    ObjectNode root = NODES.objectNode();
    ArrayNode rs = root.putArray("recipients");
    for (Rec r : byGuid.values()) {
      ObjectNode o = rs.addObject();
      o.put("type", r.type);
      o.put("name", r.name);
      o.put("primarySmtpAddress", r.primary);
      ArrayNode ea = o.putArray("emailAddresses");
      r.emailAddresses.forEach(ea::add);
      o.put("guid", r.guid);
      ArrayNode uc = o.putArray("userCertificate");
      r.userCertificates.forEach(b -> uc.add(Base64.getEncoder().encodeToString(b)));
      ArrayNode us = o.putArray("userSMimeCertificate");
      r.userSMimeCertificates.forEach(b -> us.add(Base64.getEncoder().encodeToString(b)));
    }
    ObjectNode config = root.putObject("smimeConfig");
    if (issuingCa == null) {
      config.putNull("SMIMECertificateIssuingCA");
    } else {
      config.put("SMIMECertificateIssuingCA", Base64.getEncoder().encodeToString(issuingCa));
    }
    smimeSettings.forEach(config::set);
    root.put("guidCounter", guidCounter);
    return root;
  }

  synchronized void load(JsonNode root) {
    clearRecipients();
    smimeSettings.clear();
    issuingCa = null;
    for (JsonNode o : root.path("recipients")) {
      List<String> ea = new ArrayList<>();
      o.path("emailAddresses").forEach(x -> ea.add(x.asText()));
      String primary = o.path("primarySmtpAddress").asText();
      if (ea.isEmpty()) {
        ea.add("SMTP:" + primary);
      }
      String guid = o.hasNonNull("guid") ? o.get("guid").asText() : nextGuid();
      Rec r =
          new Rec(
              o.path("type").asText("Mailbox"),
              o.path("name").asText(localPart(primary)),
              primary,
              ea,
              guid);
      r.userCertificates = base64List(o.path("userCertificate"));
      r.userSMimeCertificates = base64List(o.path("userSMimeCertificate"));
      put(r);
    }
    JsonNode config = root.path("smimeConfig");
    for (Iterator<Map.Entry<String, JsonNode>> it = config.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("SMIMECertificateIssuingCA")) {
        if (!e.getValue().isNull()) {
          issuingCa = Base64.getDecoder().decode(e.getValue().asText());
        }
      } else {
        smimeSettings.put(e.getKey(), e.getValue());
      }
    }
    guidCounter = Math.max(guidCounter, root.path("guidCounter").asLong(0));
  }

  private static List<byte[]> base64List(JsonNode a) {
    List<byte[]> out = new ArrayList<>();
    a.forEach(x -> out.add(Base64.getDecoder().decode(x.asText())));
    return List.copyOf(out);
  }

  void loadFile(ObjectMapper mapper) throws IOException {
    if (stateFile != null && Files.exists(stateFile)) {
      load(mapper.readTree(stateFile.toFile()));
    }
  }

  private void save() {
    if (stateFile == null) {
      return;
    }
    try {
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      Files.write(
          tmp,
          FakeExchangeServer.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
      Files.move(
          tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot save the fake's state to " + stateFile, e);
    }
  }

  @Override
  public String toString() {
    return "FakeTenant["
        + byGuid.size()
        + " recipients, store "
        + (issuingCa == null ? "none" : issuingCa.length + " bytes")
        + "]";
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
