package io.github.smimekit.testing.exchange;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A loopback fake of the Exchange Online Admin API: a real HTTP server (JDK {@code
 * com.sun.net.httpserver}) answering {@code POST /adminapi/beta/{tenant}/InvokeCommand} and {@code
 * /$batch} the way the service does (spec {@code exchange-online.md} §2), over a {@link FakeTenant}
 * that keeps state.
 *
 * <p>Modelled on mockwebserver3: every request is recorded ({@link #takeRequest()}), and faults are
 * queued for the next request or the next run of a cmdlet ({@link #enqueue(Fault)}, {@link
 * #enqueue(String, Fault)}), or drawn at random from a seed ({@link #randomFaults(long, double)}).
 *
 * <p>What it implements: {@code Get-Mailbox}/{@code Get-MailUser}/{@code Get-MailContact} (one by
 * {@code Identity}, 404 {@code ManagementObjectNotFoundException} when none; all of a type, paged
 * by {@code Prefer: odata.maxpagesize} and {@code @odata.nextLink}), {@code Set-*} (full-list
 * replace of {@code UserCertificate}/{@code UserSMimeCertificate}, {@code null} clears, the "no
 * settings modified" warning, values over 32,768 bytes refused), {@code New-MailContact} (400
 * "already exists" for a duplicate), {@code Get-SmimeConfig}/{@code Set-SmimeConfig} (an expired
 * certificate or a store over the size limit refused). It accepts exactly one bearer token. What
 * the real service does beyond that is unknown to it (spec §5).
 */
public final class FakeExchangeServer implements Closeable {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final String BASE_PATH = "/adminapi/beta/";
  private static final long MAX_BODY = 64L << 20;

  /**
   * The JDK's {@code HttpServer} leaves Nagle's algorithm on unless {@code
   * sun.net.httpserver.nodelay} is set when it is first used: a response whose headers and body go
   * out in two writes then waits for the client's delayed ACK (about 40 ms on Linux loopback),
   * which measured as 0.29x of the latency-bound apply rate at 20 ms latency (0.65x with the
   * setting). Set here, before any server of this JVM starts, unless the caller chose a value.
   */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  private final FakeTenant tenant;
  private final String host;
  private final int requestedPort;
  private final String token;
  private final @Nullable String tenantName;
  private final int threads;
  private volatile ByteArrayForm byteArrayForm;
  private volatile Duration latency = Duration.ZERO;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, Deque<Fault>> cmdletFaults = new LinkedHashMap<>();
  private @Nullable SplittableRandom random;
  private double faultProbability;
  private final LinkedBlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
  private final AtomicInteger requestCount = new AtomicInteger();
  private final AtomicInteger faultsInjected = new AtomicInteger();
  private volatile boolean recording = true;
  private @Nullable HttpServer server;
  private @Nullable ExecutorService executor;

  private FakeExchangeServer(Builder b) {
    this.tenant =
        b.sharedTenant != null
            ? b.sharedTenant
            : new FakeTenant(b.clock, b.sstSizeLimit, b.stateFile);
    this.host = b.host;
    this.requestedPort = b.port;
    this.token = b.token;
    this.tenantName = b.tenantName;
    this.threads = b.threads;
    this.byteArrayForm = b.byteArrayForm;
  }

  /** A builder: 127.0.0.1, a free port, token {@value Builder#DEFAULT_TOKEN}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening (and loads the state file, if one was given and exists). */
  public synchronized FakeExchangeServer start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    tenant.loadFile(MAPPER);
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService ex =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "fake-exchange-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    s.setExecutor(ex);
    s.createContext("/", this::handle);
    s.start();
    this.server = s;
    this.executor = ex;
    return this;
  }

  /** The base URI, for example {@code http://127.0.0.1:51234/adminapi/beta/}. */
  public URI baseUri() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("not started");
    }
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + s.getAddress().getPort() + BASE_PATH);
  }

  /** The port listened on. */
  public int port() {
    return baseUri().getPort();
  }

  /** The tenant state (shared with the HTTP handler). */
  public FakeTenant tenant() {
    return tenant;
  }

  /** The only bearer token accepted. */
  public String acceptedToken() {
    return token;
  }

  /** Answers byte arrays in {@code form} from now on. */
  public void byteArrayForm(ByteArrayForm form) {
    this.byteArrayForm = requireNonNull(form, "form");
  }

  /** Delays every answer by {@code latency} from now on (zero for none). */
  public void latency(Duration latency) {
    this.latency = requireNonNull(latency, "latency");
  }

  /** Whether to record requests (on by default; off for long benchmarks). */
  public void recording(boolean on) {
    this.recording = on;
  }

  /** Injects {@code fault} into the next HTTP request. */
  public synchronized void enqueue(Fault fault) {
    faults.add(requireNonNull(fault, "fault"));
  }

  /** Injects {@code fault} into the next run of {@code cmdlet} (also inside a {@code $batch}). */
  public synchronized void enqueue(String cmdlet, Fault fault) {
    cmdletFaults
        .computeIfAbsent(cmdlet, k -> new ArrayDeque<>())
        .add(requireNonNull(fault, "fault"));
  }

  /**
   * From now on, each cmdlet run fails with probability {@code probability} with a fault drawn from
   * a random generator seeded with {@code seed}: 429, 503, 500 naming a transient exception, the
   * cmdlet run then 503 (ambiguous), or {@code @adminapi.errors} naming a transient exception.
   * Probability 0 turns it off.
   */
  public synchronized void randomFaults(long seed, double probability) {
    if (!(probability >= 0 && probability < 1)) {
      throw new IllegalArgumentException("probability not in [0, 1): " + probability);
    }
    this.random = probability == 0 ? null : new SplittableRandom(seed);
    this.faultProbability = probability;
  }

  /** How many faults were injected so far. */
  public int faultsInjected() {
    return faultsInjected.get();
  }

  /**
   * The oldest recorded request not yet taken, waiting up to 10 s for one.
   *
   * @throws IllegalStateException if none arrives
   */
  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest r = requests.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new IllegalStateException("no request within 10 s");
    }
    return r;
  }

  /** The recorded requests not yet taken, oldest first, without taking them. */
  public List<RecordedRequest> recordedRequests() {
    return List.copyOf(requests);
  }

  /** Drops the recorded requests not yet taken. */
  public void clearRecordedRequests() {
    requests.clear();
  }

  /** The number of HTTP requests received so far. */
  public int requestCount() {
    return requestCount.get();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private record Answer(
      int status, Map<String, String> headers, @Nullable JsonNode body, Duration delay) {}

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = readBody(ex.getRequestBody());
      requestCount.incrementAndGet();
      if (recording) {
        requests.add(
            new RecordedRequest(
                baseUri().toString(),
                ex.getRequestMethod(),
                ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + ex.getRequestURI().getRawQuery()),
                ex.getRequestHeaders(),
                new String(body, StandardCharsets.UTF_8)));
      }
      Answer a = answer(ex, body);
      Duration wait = latency.plus(a.delay());
      if (!wait.isZero()) {
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] out = a.body() == null ? new byte[0] : MAPPER.writeValueAsBytes(a.body());
      a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.getResponseHeaders().set("request-id", UUID.randomUUID().toString());
      ex.getResponseHeaders()
          .set(
              "Date",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
      if (a.body() != null) {
        ex.getResponseHeaders().set("Content-Type", "application/json; odata.metadata=minimal");
      }
      ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (IOException e) {
      // the client went away (for example after its timeout): nothing to answer
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
      if (total > MAX_BODY) {
        throw new IOException("request body over " + MAX_BODY + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private Answer answer(HttpExchange ex, byte[] body) {
    String path = ex.getRequestURI().getRawPath();
    if (!ex.getRequestMethod().equals("POST") || !path.startsWith(BASE_PATH)) {
      return error(405, "MethodNotAllowed", "", "only POST " + BASE_PATH + "... is served");
    }
    String rest = path.substring(BASE_PATH.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return error(404, "NotFound", "", "no such resource");
    }
    String tenantPart = rest.substring(0, slash);
    String resource = rest.substring(slash + 1);
    Fault fault;
    synchronized (this) {
      fault = faults.poll();
    }
    if (fault != null) {
      if (fault.kind() == Fault.Kind.REDIRECT) {
        faultsInjected.incrementAndGet();
        URI target =
            fault
                .target()
                .orElseThrow()
                .resolve(
                    rest
                        + (ex.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + ex.getRequestURI().getRawQuery()));
        return new Answer(302, Map.of("Location", target.toString()), null, Duration.ZERO);
      }
      String named = ex.getRequestHeaders().getFirst("X-CmdletName");
      Optional<Answer> early = beforeRun(fault, named == null ? "InvokeCommand" : named);
      if (early.isPresent()) {
        return early.get();
      }
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.equals("Bearer " + token)) {
      return new Answer(
          401,
          Map.of("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\""),
          odataError(401, "Unauthorized", "", "The access token is missing or invalid."),
          Duration.ZERO);
    }
    if (tenantName != null && !tenantName.equalsIgnoreCase(tenantPart)) {
      return error(400, "BadRequest", "", "The tenant '" + tenantPart + "' is unknown.");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      return error(400, "BadRequest", "", "The request body is not JSON.");
    }
    if (root == null) {
      return error(400, "BadRequest", "", "The request body is empty.");
    }
    URI tenantBase = baseUri().resolve(tenantPart + "/");
    if (resource.equals("InvokeCommand")) {
      Answer a =
          invoke(
              root,
              ex.getRequestHeaders().getFirst("Prefer"),
              skipToken(ex.getRequestURI()),
              tenantBase);
      return fault != null && fault.kind() == Fault.Kind.SLOW
          ? new Answer(a.status(), a.headers(), a.body(), fault.delay().orElseThrow())
          : fault != null && fault.kind() == Fault.Kind.RUN_THEN_STATUS
              ? statusOnly(fault.status())
              : a;
    }
    if (resource.equals("$batch")) {
      return batch(root, tenantBase);
    }
    return error(404, "NotFound", "", "no such resource: " + resource);
  }

  private static int skipToken(URI uri) {
    String q = uri.getRawQuery();
    if (q == null) {
      return 0;
    }
    for (String part : q.split("&", -1)) {
      if (part.startsWith("$skiptoken=") || part.startsWith("%24skiptoken=")) {
        try {
          return Integer.parseInt(part.substring(part.indexOf('=') + 1));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private Answer invoke(JsonNode root, @Nullable String prefer, int skip, URI tenantBase) {
    JsonNode input = root.path("CmdletInput");
    String cmdlet = input.path("CmdletName").asText("");
    JsonNode params = input.path("Parameters");
    if (cmdlet.isEmpty() || !(params.isObject() || params.isMissingNode())) {
      return error(400, "BadRequest", "", "The request has no CmdletInput.CmdletName.");
    }
    ObjectNode p = params.isObject() ? (ObjectNode) params : MAPPER.createObjectNode();
    Fault fault = cmdletFault(cmdlet);
    if (fault != null) {
      Optional<Answer> early = beforeRun(fault, cmdlet);
      if (early.isPresent()) {
        return early.get();
      }
    }
    Answer a;
    try {
      FakeTenant.Outcome o = tenant.run(cmdlet, p, byteArrayForm);
      a = page(o, pageSize(prefer), skip, tenantBase);
    } catch (FakeTenant.CmdletFailure f) {
      a = cmdletError(f);
    }
    if (fault != null && fault.kind() == Fault.Kind.RUN_THEN_STATUS) {
      return statusOnly(fault.status());
    }
    if (fault != null && fault.kind() == Fault.Kind.SLOW) {
      return new Answer(a.status(), a.headers(), a.body(), fault.delay().orElseThrow());
    }
    return a;
  }

  private static int pageSize(@Nullable String prefer) {
    if (prefer == null) {
      return 1000;
    }
    for (String part : prefer.split("[;,]", -1)) {
      String t = part.trim();
      if (t.startsWith("odata.maxpagesize=")) {
        try {
          return Math.max(1, Math.min(1000, Integer.parseInt(t.substring(18))));
        } catch (NumberFormatException e) {
          return 1000;
        }
      }
    }
    return 1000;
  }

  private Answer page(FakeTenant.Outcome o, int pageSize, int skip, URI tenantBase) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("@odata.context", tenantBase + "$metadata#Collection(Exchange.GenericHashTable)");
    List<ObjectNode> values = o.values();
    int from = Math.min(skip, values.size());
    int to = Math.min(values.size(), from + pageSize);
    ArrayNode v = body.putArray("value");
    values.subList(from, to).forEach(v::add);
    if (to < values.size()) {
      body.put("@odata.nextLink", tenantBase + "InvokeCommand?$skiptoken=" + to);
    }
    if (!o.warnings().isEmpty()) {
      ArrayNode w = body.putArray("@adminapi.warnings");
      o.warnings().forEach(w::add);
    }
    return new Answer(200, Map.of(), body, Duration.ZERO);
  }

  private Answer batch(JsonNode root, URI tenantBase) {
    JsonNode reqs = root.path("requests");
    if (!reqs.isArray() || reqs.size() == 0 || reqs.size() > 10) {
      return error(400, "BadRequest", "", "A batch holds 1 to 10 requests.");
    }
    ObjectNode out = MAPPER.createObjectNode();
    ArrayNode responses = out.putArray("responses");
    Duration delay = Duration.ZERO;
    for (JsonNode r : reqs) {
      ObjectNode sub = responses.addObject();
      sub.put("id", r.path("id").asText(""));
      Answer a;
      if (!r.path("method").asText().equals("POST")
          || !r.path("url").asText().endsWith("/InvokeCommand")) {
        a = error(400, "BadRequest", "", "Only POST .../InvokeCommand can be batched.");
      } else {
        a = invoke(r.path("body"), r.path("headers").path("Prefer").asText(null), 0, tenantBase);
      }
      if (a.delay().compareTo(delay) > 0) {
        delay = a.delay();
      }
      sub.put("status", a.status());
      ObjectNode h = sub.putObject("headers");
      a.headers().forEach(h::put);
      h.put("request-id", UUID.randomUUID().toString());
      if (a.body() != null) {
        sub.set("body", a.body());
      }
    }
    return new Answer(200, Map.of(), out, delay);
  }

  private synchronized @Nullable Fault cmdletFault(String cmdlet) {
    Deque<Fault> q = cmdletFaults.get(cmdlet);
    if (q != null && !q.isEmpty()) {
      return q.poll();
    }
    SplittableRandom r = random;
    if (r != null && r.nextDouble() < faultProbability) {
      return switch (r.nextInt(5)) {
        case 0 -> Fault.throttle("0.01");
        case 1 -> Fault.status(503);
        case 2 -> Fault.status(500, "Microsoft.Exchange.Data.Directory.DCOverloadedException");
        case 3 -> Fault.runThenStatus(503);
        default -> Fault.adminApiErrors("StorageTransientException: the store is busy, try again");
      };
    }
    return null;
  }

  /** The answer of a fault that stops the cmdlet from running, if {@code fault} is one. */
  private Optional<Answer> beforeRun(Fault fault, String cmdlet) {
    Answer a =
        switch (fault.kind()) {
          case THROTTLE ->
              new Answer(
                  429,
                  fault.retryAfter().map(v -> Map.of("Retry-After", v)).orElse(Map.of()),
                  odataError(
                      429,
                      "TooManyRequests",
                      "",
                      "You have reached the maximum number of concurrent requests per tenant."
                          + " Please wait and try again."),
                  Duration.ZERO);
          case STATUS ->
              new Answer(
                  fault.status(),
                  fault.text().map(t -> Map.of("X-ExceptionType", t)).orElse(Map.of()),
                  odataError(
                      fault.status(),
                      "ServiceUnavailable",
                      fault.text().orElse(""),
                      "The service is busy (injected)."),
                  Duration.ZERO);
          case UNAUTHORIZED ->
              new Answer(
                  401,
                  Map.of(
                      "WWW-Authenticate",
                      "Bearer realm=\"\", error=\"insufficient_claims\", claims=\""
                          + fault.text().orElse("")
                          + "\""),
                  odataError(401, "Unauthorized", "", "The access token must be refreshed."),
                  Duration.ZERO);
          case FORBIDDEN ->
              new Answer(
                  403,
                  Map.of(),
                  odataError(
                      403,
                      "Forbidden",
                      "Microsoft.Exchange.Configuration.Tasks.AccessDeniedException",
                      "User is not allowed to call " + cmdlet + "."),
                  Duration.ZERO);
          case ADMINAPI_ERRORS -> {
            ObjectNode body = MAPPER.createObjectNode();
            body.putArray("value");
            body.putArray("@adminapi.errors").add(fault.text().orElse("error"));
            yield new Answer(200, Map.of(), body, Duration.ZERO);
          }
          default -> null;
        };
    if (a != null
        || fault.kind() == Fault.Kind.RUN_THEN_STATUS
        || fault.kind() == Fault.Kind.SLOW) {
      faultsInjected.incrementAndGet();
    }
    return Optional.ofNullable(a);
  }

  private static Answer statusOnly(int status) {
    return new Answer(
        status,
        Map.of(),
        odataError(
            status,
            "ServiceUnavailable",
            "",
            "The service is busy (injected after the cmdlet ran)."),
        Duration.ZERO);
  }

  private static Answer cmdletError(FakeTenant.CmdletFailure f) {
    return new Answer(
        f.status,
        Map.of("X-ExceptionType", f.typeName.substring(f.typeName.lastIndexOf('.') + 1)),
        odataError(
            f.status,
            f.status == 404 ? "NotFound" : "BadRequest",
            f.typeName,
            String.valueOf(f.getMessage())),
        Duration.ZERO);
  }

  private static Answer error(int status, String code, String typeName, String message) {
    return new Answer(status, Map.of(), odataError(status, code, typeName, message), Duration.ZERO);
  }

  /**
   * The OData error body (spec §2.3): {@code details[0].message} is JSON in the {@code {Message,
   * TypeName}} shape, or for 404 the {@code {localizedString:{stringId}, ClassName, Message}}
   * shape.
   */
  static ObjectNode odataError(int status, String code, String typeName, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("code", code);
    e.put("message", "Error executing cmdlet");
    ObjectNode inner = MAPPER.createObjectNode();
    if (status == 404) {
      inner.putObject("localizedString").put("stringId", "ErrorManagementObjectNotFound");
      inner.put("ClassName", typeName);
      inner.put("Message", message);
    } else {
      inner.put("Message", message);
      inner.put("TypeName", typeName);
      inner.putNull("InnerError");
    }
    ObjectNode d = e.putArray("details").addObject();
    d.put("code", "Context");
    d.put("target", "");
    try {
      d.put("message", MAPPER.writeValueAsString(inner));
    } catch (IOException x) {
      throw new IllegalStateException(x);
    }
    ObjectNode ie = e.putObject("innererror");
    ie.put("message", message);
    ie.put("type", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException");
    ie.putObject("internalexception").put("message", message);
    return root;
  }

  @Override
  public String toString() {
    return "FakeExchangeServer["
        + (server == null ? "not started" : baseUri())
        + ", "
        + tenant
        + "]";
  }

  /** Builds a {@link FakeExchangeServer}. */
  public static final class Builder {
    /** The token accepted unless {@link #token(String)} says otherwise. */
    public static final String DEFAULT_TOKEN = "fake-exchange-token";

    private String host = "127.0.0.1";
    private int port;
    private String token = DEFAULT_TOKEN;
    private @Nullable String tenantName;
    private Clock clock = Clock.systemUTC();
    private int sstSizeLimit = 70_000;
    private @Nullable Path stateFile;
    private ByteArrayForm byteArrayForm = ByteArrayForm.INTEGER_ARRAY;
    private int threads = 16;
    private @Nullable FakeTenant sharedTenant;

    private Builder() {}

    /** The loopback address to listen on (default 127.0.0.1; 127.0.0.2 for a second host). */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host");
      return this;
    }

    /** The port (0, the default, for a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port not in 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** The only bearer token accepted. */
    public Builder token(String token) {
      this.token = requireNonNull(token, "token");
      return this;
    }

    /** The only tenant accepted in the path (default: any). */
    public Builder tenant(String tenant) {
      this.tenantName = requireNonNull(tenant, "tenant");
      return this;
    }

    /** The clock that decides whether a store's certificate expired. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The largest store {@code Set-SmimeConfig} accepts (default 70,000 bytes; unverified for EXO).
     */
    public Builder sstSizeLimit(int bytes) {
      this.sstSizeLimit = bytes;
      return this;
    }

    /** A JSON file the state is loaded from (if it exists) and saved to after every change. */
    public Builder stateFile(Path file) {
      this.stateFile = requireNonNull(file, "file");
      return this;
    }

    /** How byte arrays are answered (default integer arrays). */
    public Builder byteArrayForm(ByteArrayForm form) {
      this.byteArrayForm = requireNonNull(form, "form");
      return this;
    }

    /** Handler threads (default 16). */
    public Builder threads(int n) {
      if (n < 1 || n > 256) {
        throw new IllegalArgumentException("threads not in 1..256: " + n);
      }
      this.threads = n;
      return this;
    }

    /** Serves {@code other}'s tenant (a second host of the same service, as after a redirect). */
    public Builder sharing(FakeExchangeServer other) {
      this.sharedTenant = other.tenant;
      return this;
    }

    /** The server, not yet started. */
    public FakeExchangeServer build() {
      return new FakeExchangeServer(this);
    }

    /** The server, started. */
    public FakeExchangeServer start() throws IOException {
      return build().start();
    }
  }
}
