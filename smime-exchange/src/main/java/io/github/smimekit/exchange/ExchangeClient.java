package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.ExchangeOperationException.Reason;
import io.github.smimekit.exchange.internal.http.HttpSender;
import io.github.smimekit.exchange.internal.http.Invoker;
import io.github.smimekit.exchange.internal.http.SafeListener;
import io.github.smimekit.sst.SerializedStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A client of the Exchange Online Admin API ({@code POST {base}/{tenant}/InvokeCommand}, the REST
 * transport of the ExchangeOnlineManagement V3 module), for the cmdlets of the S/MIME set-up.
 *
 * <p>Like OkHttp's {@code OkHttpClient}: immutable and thread-safe, made by a {@link Builder},
 * shared; {@link #newBuilder()} gives a variant. Settings (base URI, anchor header, page size,
 * retry and redirect policies, {@code $batch}, concurrency, timeouts, clock) are values on it.
 *
 * <p>What the client does on the wire follows what the module itself sends (spec {@code
 * exchange-online.md} §2.0): byte arrays as {@code Exchange.ByteArrayType} number arrays, {@code
 * X-CmdletName}, {@code X-ResponseFormat: json}, one {@code client-request-id} per cmdlet run kept
 * across its retries and pages, {@code Prefer: odata.maxpagesize}, paging by POSTing the same body
 * to {@code @odata.nextLink}, {@code @adminapi.errors} on HTTP 200 treated as a failure, one token
 * refresh on HTTP 401, retries by the {@link RetryPolicy}, redirects by the {@link RedirectPolicy}.
 *
 * <p>Not verified against a live tenant (spec §5), and therefore settings or tolerant readers
 * rather than assumptions: the {@code X-AnchorMailbox} form ({@link AnchorMailbox}), whether byte
 * arrays come back as integer arrays or base64 (both are read), which Entra role a 403 needs (named
 * as the documentation suggests), whether {@code Confirm} must be sent ({@code "Confirm": false} is
 * sent to every cmdlet but {@code Get-*}, {@link Builder#confirmFalse(boolean)}).
 */
public final class ExchangeClient {
  /** The Admin API of Exchange Online (worldwide). */
  public static final URI DEFAULT_BASE_URI =
      URI.create("https://outlook.office365.com/adminapi/beta/");

  private static final String NO_CHANGE = "no settings";

  private final URI baseUri;
  private final TenantId tenant;
  private final AccessTokenProvider tokens;
  private final String scope;
  private final AnchorMailbox anchorMailbox;
  private final int pageSize;
  private final RetryPolicy retryPolicy;
  private final RedirectPolicy redirectPolicy;
  private final boolean batch;
  private final int batchSize;
  private final int concurrency;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final boolean confirmFalse;
  private final @Nullable HttpClient suppliedHttpClient;
  private final ApplyListener listener;
  private final Invoker invoker;

  private ExchangeClient(Builder b) {
    this.baseUri = b.baseUri;
    this.tenant = requireNonNull(b.tenant, "tenant not set");
    this.tokens = requireNonNull(b.tokens, "token provider not set");
    this.scope = b.scope;
    this.anchorMailbox = b.anchorMailbox;
    this.pageSize = b.pageSize;
    this.retryPolicy = b.retryPolicy;
    this.redirectPolicy = b.redirectPolicy;
    this.batch = b.batch;
    this.batchSize = b.batchSize;
    this.concurrency = b.concurrency;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.jitter = b.jitter;
    this.confirmFalse = b.confirmFalse;
    this.suppliedHttpClient = b.httpClient;
    this.listener = SafeListener.of(b.listener);
    HttpClient http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    RedirectPolicy effective = redirectPolicy.withTokenHost(baseUri.getHost());
    URI tenantBase = baseUri.resolve(tenant.value() + "/");
    this.invoker =
        new Invoker(
            new Invoker.Config(
                tenantBase,
                tokens,
                scope,
                anchorMailbox.headerValue(tenant),
                pageSize,
                retryPolicy,
                effective,
                requestTimeout,
                clock,
                sleeper,
                jitter,
                confirmFalse,
                listener),
            new HttpSender(http, effective, requestTimeout, maxResponseBytes));
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this client's settings. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.baseUri = baseUri;
    b.tenant = tenant;
    b.tokens = tokens;
    b.scope = scope;
    b.anchorMailbox = anchorMailbox;
    b.pageSize = pageSize;
    b.retryPolicy = retryPolicy;
    b.redirectPolicy = redirectPolicy;
    b.batch = batch;
    b.batchSize = batchSize;
    b.concurrency = concurrency;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxResponseBytes = maxResponseBytes;
    b.clock = clock;
    b.sleeper = sleeper;
    b.jitter = jitter;
    b.confirmFalse = confirmFalse;
    b.httpClient = suppliedHttpClient;
    b.listener = listener;
    return b;
  }

  /** The base URI (ends with {@code /}). */
  public URI baseUri() {
    return baseUri;
  }

  /** The tenant. */
  public TenantId tenant() {
    return tenant;
  }

  /** The {@code InvokeCommand} URI. */
  public URI invokeUri() {
    return invoker.invokeUri();
  }

  /** The page size sent as {@code Prefer: odata.maxpagesize}. */
  public int pageSize() {
    return pageSize;
  }

  /** The retry policy. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The redirect policy (without the base host, which is always allowed the token). */
  public RedirectPolicy redirectPolicy() {
    return redirectPolicy;
  }

  /** Whether bulk work is sent as {@code $batch} requests. */
  public boolean batch() {
    return batch;
  }

  /** The number of requests in flight for bulk work. */
  public int concurrency() {
    return concurrency;
  }

  // --- sending --------------------------------------------------------------------------------

  /**
   * Runs {@code call} to the end (all pages, retries as the policy allows).
   *
   * <p>{@code New-MailContact} is not idempotent: after an ambiguous failure (a timeout, a 5xx) the
   * client asks {@code Get-MailContact} for its {@code ExternalEmailAddress} before sending it
   * again, and does not send it again when the contact exists.
   *
   * @throws ExchangeOperationException when the cmdlet fails
   */
  public CmdletResult invoke(CmdletCall call) {
    return invoke(call, false);
  }

  private CmdletResult invoke(CmdletCall call, boolean priorAmbiguous) {
    requireNonNull(call, "call");
    return invoker.invoke(call, recipientOf(call), existsCheck(call), priorAmbiguous);
  }

  private static @Nullable String recipientOf(CmdletCall call) {
    return Invoker.textParameter(call, "Identity")
        .or(() -> Invoker.textParameter(call, "ExternalEmailAddress"))
        .orElse(null);
  }

  private @Nullable BooleanSupplier existsCheck(CmdletCall call) {
    if (!call.cmdlet().equals("New-MailContact")) {
      return null;
    }
    Optional<String> address = Invoker.textParameter(call, "ExternalEmailAddress");
    if (address.isEmpty()) {
      return null;
    }
    String a = address.get().replaceFirst("(?i)^smtp:", "");
    return () -> readRecipient(new RecipientRef(RecipientType.MAIL_CONTACT, a)).isPresent();
  }

  /**
   * Runs {@code calls} with at most {@link #concurrency()} requests in flight (as {@code $batch}
   * requests of up to 10 when {@link #batch()} is set; failed sub-requests are re-sent alone). One
   * failure does not stop the others. The calls must not depend on each other's order.
   *
   * @return one outcome per call, in order
   */
  public List<CallOutcome> invokeAll(List<CmdletCall> calls) {
    return invokeAll(calls, null);
  }

  /** {@link #invokeAll(List)}, telling {@code progress} the number of calls answered so far. */
  private List<CallOutcome> invokeAll(List<CmdletCall> calls, @Nullable IntConsumer progress) {
    List<CmdletCall> all = List.copyOf(calls);
    if (all.isEmpty()) {
      return List.of();
    }
    List<List<CmdletCall>> chunks = new ArrayList<>();
    int size = batch ? batchSize : 1;
    for (int i = 0; i < all.size(); i += size) {
      chunks.add(all.subList(i, Math.min(all.size(), i + size)));
    }
    List<List<CallOutcome>> results = new ArrayList<>();
    AtomicInteger answered = new AtomicInteger();
    if (concurrency == 1 || chunks.size() == 1) {
      for (List<CmdletCall> chunk : chunks) {
        results.add(runChunk(chunk));
        if (progress != null) {
          progress.accept(answered.addAndGet(chunk.size()));
        }
      }
    } else {
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.min(concurrency, chunks.size()),
              r -> {
                Thread t = new Thread(r, "smime-exchange-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<List<CallOutcome>>> futures = new ArrayList<>();
        for (List<CmdletCall> chunk : chunks) {
          futures.add(
              pool.submit(
                  () -> {
                    List<CallOutcome> r = runChunk(chunk);
                    if (progress != null) {
                      progress.accept(answered.addAndGet(chunk.size()));
                    }
                    return r;
                  }));
        }
        for (Future<List<CallOutcome>> f : futures) {
          results.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ExchangeOperationException.builder(Reason.TRANSPORT, all.get(0).cmdlet())
            .detail("interrupted")
            .build();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    List<CallOutcome> out = new ArrayList<>(all.size());
    results.forEach(out::addAll);
    return out;
  }

  private List<CallOutcome> runChunk(List<CmdletCall> chunk) {
    if (!batch || chunk.size() == 1) {
      return chunk.stream().map(c -> one(c, false)).toList();
    }
    List<Invoker.BatchAnswer> answers = invoker.batch(chunk);
    List<CallOutcome> out = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      Invoker.BatchAnswer a = answers.get(i);
      if (a instanceof Invoker.BatchOk ok) {
        out.add(CallOutcome.success(chunk.get(i), ok.result()));
      } else {
        out.add(one(chunk.get(i), ((Invoker.BatchFailed) a).ambiguous()));
      }
    }
    return out;
  }

  private CallOutcome one(CmdletCall call, boolean priorAmbiguous) {
    try {
      return CallOutcome.success(call, invoke(call, priorAmbiguous));
    } catch (ExchangeOperationException e) {
      return CallOutcome.failure(call, e);
    }
  }

  // --- reading --------------------------------------------------------------------------------

  /**
   * Reads one recipient with {@code Get-Mailbox}/{@code Get-MailUser}/{@code Get-MailContact}.
   *
   * @return empty when the identity names no such recipient (HTTP 404)
   * @throws ExchangeOperationException on any other failure
   */
  public Optional<TenantRecipient> readRecipient(RecipientRef ref) {
    requireNonNull(ref, "ref");
    try {
      CmdletResult r = invoker.invoke(getCall(ref), ref.identity(), null, false);
      return recipientFrom(ref, r);
    } catch (ExchangeOperationException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static CmdletCall getCall(RecipientRef ref) {
    return CmdletCall.builder(ref.type().getCmdlet())
        .put("Identity", ParameterValue.text(ref.identity()))
        .build();
  }

  private static Optional<TenantRecipient> recipientFrom(RecipientRef ref, CmdletResult r) {
    if (r.values().isEmpty()) {
      return Optional.empty();
    }
    if (r.values().size() > 1) {
      throw ExchangeOperationException.builder(Reason.CMDLET_ERROR, ref.type().getCmdlet())
          .recipient(ref.identity())
          .detail("the identity matches " + r.values().size() + " recipients; use a unique one")
          .build();
    }
    return Optional.of(toRecipient(ref.type(), ref.identity(), r.values().get(0)));
  }

  /**
   * Reads every recipient of {@code type} ({@code -ResultSize Unlimited}, all pages). Each
   * recipient's identity is its primary SMTP address.
   */
  public List<TenantRecipient> readRecipients(RecipientType type) {
    requireNonNull(type, "type");
    CmdletCall call =
        CmdletCall.builder(type.getCmdlet())
            .put("ResultSize", ParameterValue.text("Unlimited"))
            .build();
    CmdletResult r = invoke(call);
    List<TenantRecipient> out = new ArrayList<>();
    for (ResultObject o : r.values()) {
      String id =
          o.text("PrimarySmtpAddress")
              .or(() -> o.text("ExternalDirectoryObjectId"))
              .or(() -> o.text("Identity"))
              .orElseThrow(
                  () ->
                      ExchangeOperationException.builder(Reason.BAD_RESPONSE, type.getCmdlet())
                          .detail("a recipient without PrimarySmtpAddress and Identity")
                          .build());
      out.add(toRecipient(type, id, o));
    }
    return out;
  }

  /** The recipient that {@code o}, a {@code Get-*} result object, describes. */
  static TenantRecipient toRecipient(RecipientType type, String identity, ResultObject o) {
    try {
      String primary = o.text("PrimarySmtpAddress").orElse("");
      List<String> proxies = new ArrayList<>();
      for (String a : o.textList("EmailAddresses")) {
        if (a.regionMatches(true, 0, "smtp:", 0, 5)) {
          String addr = a.substring(5);
          if (!addr.equalsIgnoreCase(primary) && !proxies.contains(addr)) {
            proxies.add(addr);
          }
        }
      }
      return new TenantRecipient(
          type,
          identity,
          primary,
          proxies,
          o.byteArrays("UserCertificate"),
          o.byteArrays("UserSMimeCertificate"));
    } catch (SmimeException e) {
      if (e instanceof ExchangeOperationException eoe) {
        throw eoe;
      }
      throw ExchangeOperationException.builder(Reason.BAD_RESPONSE, type.getCmdlet())
          .recipient(identity)
          .detail(e.getMessage())
          .cause(e)
          .build();
    }
  }

  /** The stored issuing-CA store ({@code Get-SmimeConfig}'s {@code SMIMECertificateIssuingCA}). */
  public Optional<Bytes> readIssuingCaStore() {
    CmdletResult r = invoke(CmdletCall.builder("Get-SmimeConfig").build());
    if (r.values().isEmpty()) {
      return Optional.empty();
    }
    try {
      return r.values().get(0).byteArray("SMIMECertificateIssuingCA");
    } catch (SmimeException e) {
      throw ExchangeOperationException.builder(Reason.BAD_RESPONSE, "Get-SmimeConfig")
          .detail(e.getMessage())
          .cause(e)
          .build();
    }
  }

  /**
   * Reads the recipients named (those that do not exist are left out) and the issuing-CA store,
   * with at most {@link #concurrency()} requests in flight.
   *
   * @throws ExchangeOperationException when a read fails for another reason than not found
   */
  public TenantState readState(List<RecipientRef> refs) {
    List<RecipientRef> list = List.copyOf(refs);
    int total = list.size() + 1;
    List<CallOutcome> outcomes =
        invokeAll(
            list.stream().map(ExchangeClient::getCall).toList(),
            done -> listener.reading(done, total));
    List<TenantRecipient> recipients = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      CallOutcome o = outcomes.get(i);
      if (o.failure().isPresent()) {
        if (o.failure().get().reason() == Reason.NOT_FOUND) {
          continue;
        }
        throw o.failure().get();
      }
      recipientFrom(list.get(i), o.result().orElseThrow()).ifPresent(recipients::add);
    }
    Optional<Bytes> store = readIssuingCaStore();
    listener.reading(total, total);
    return new TenantState(recipients, store);
  }

  /**
   * Reads every mailbox, mail user and mail contact, and the issuing-CA store (the listener's
   * {@code reading} counts the four reads).
   */
  public TenantState readState() {
    List<TenantRecipient> all = new ArrayList<>();
    int total = RecipientType.values().length + 1;
    int done = 0;
    for (RecipientType t : RecipientType.values()) {
      all.addAll(readRecipients(t));
      listener.reading(++done, total);
    }
    Optional<Bytes> store = readIssuingCaStore();
    listener.reading(total, total);
    return new TenantState(all, store);
  }

  // --- plan, verify, audit ---------------------------------------------------------------------

  /**
   * Runs {@code plan} and reads back what it touched: the issuing-CA store first, then each
   * recipient's operations in plan order ({@code New-MailContact} before its {@code
   * Set-MailContact}), then {@code Get-*} of every touched recipient and {@code Get-SmimeConfig},
   * compared by SHA-1 thumbprint with what the plan expects (the kept and added {@code
   * UserCertificate} values; the {@code UserSMimeCertificate} value when the plan sets or clears
   * it).
   *
   * <p>A {@link RecipientStatus#BLOCKED} recipient is never silent: its outcome is {@code FAILED}
   * with the blocking findings as reason, and nothing is sent for it. Likewise a store change the
   * plan cannot upload (an error finding on the store). An {@link RecipientStatus#UNCHANGED}
   * recipient gets an {@code UNCHANGED} outcome without a read. One failure does not stop the
   * others; planning against the state read afterwards and applying again converges.
   *
   * @param plan the plan, made against the tenant's current state
   * @return one outcome per recipient of the plan, in plan order, and the store's when the plan
   *     changes it
   */
  public ApplyOutcome apply(Plan plan) {
    requireNonNull(plan, "plan");
    return PlanApplier.apply(this, plan);
  }

  /**
   * Reads the live state of the desired recipients (those that exist) and the issuing-CA store, and
   * plans against it. Sends only {@code Get-*} cmdlets; changes nothing.
   *
   * @param desired what the tenant should hold
   * @param options the planner's settings
   * @return the plan and the state it was made against
   * @throws ExchangeOperationException when a read fails for another reason than not found
   */
  public Verification verify(DesiredState desired, PlanOptions options) {
    return verify(desired, List.of(), options);
  }

  /**
   * Like {@link #verify(DesiredState, PlanOptions)}, with bulk certificates matched to the
   * recipients by e-mail address as {@link Planner#plan(DesiredState, Optional, List, PlanOptions)}
   * matches them (what {@code smime exchange verify --certificates DIR} passes): the tenant matches
   * when it holds what {@link #apply(Plan)} of the same plan would have published.
   *
   * @param desired what the tenant should hold
   * @param bulk certificates to match to recipients (empty for none)
   * @param options the planner's settings
   * @return the plan and the state it was made against
   * @throws ExchangeOperationException when a read fails for another reason than not found
   */
  public Verification verify(
      DesiredState desired, List<X509Certificate> bulk, PlanOptions options) {
    requireNonNull(desired, "desired");
    List<X509Certificate> pool = List.copyOf(bulk);
    requireNonNull(options, "options");
    List<RecipientRef> refs =
        desired.recipients().stream()
            .map(r -> new RecipientRef(r.type(), r.identity().value()))
            .toList();
    TenantState state = readState(refs);
    return new Verification(Planner.plan(desired, Optional.of(state), pool, options), state);
  }

  /**
   * Reads the whole tenant ({@link #readState()}) and audits it ({@link Audit#run}). Changes
   * nothing.
   *
   * @param options the audit's settings
   * @return the report
   * @throws ExchangeOperationException when a read fails
   */
  public AuditReport audit(AuditOptions options) {
    requireNonNull(options, "options");
    return Audit.run(readState(), options);
  }

  /** The progress listener (never throws: what the caller's listener throws is ignored). */
  ApplyListener listener() {
    return listener;
  }

  // --- applying -------------------------------------------------------------------------------

  /** One unit of apply work: a recipient or the store, its calls, then its read-back. */
  static final class Item {
    final String target;
    final Optional<RecipientType> type;
    final List<CmdletCall> calls;
    final @Nullable CmdletCall readBack;
    final List<Thumbprint> expected;
    final @Nullable List<Thumbprint> expectedSmime;
    final boolean store;
    final Optional<Bytes> expectedStore;
    int next;
    boolean allNoChange = true;
    @Nullable String failure;
    @Nullable RecipientOutcome outcome;

    /**
     * A recipient's work.
     *
     * @param expected the sorted thumbprints expected in {@code UserCertificate}
     * @param expectedSmime the sorted thumbprints expected in {@code UserSMimeCertificate}; null to
     *     leave it uncompared
     */
    Item(
        String target,
        RecipientType type,
        List<CmdletCall> calls,
        List<Thumbprint> expected,
        @Nullable List<Thumbprint> expectedSmime) {
      this.target = target;
      this.type = Optional.of(type);
      this.calls = List.copyOf(calls);
      this.readBack = getCall(new RecipientRef(type, target));
      this.expected = List.copyOf(expected);
      this.expectedSmime = expectedSmime == null ? null : List.copyOf(expectedSmime);
      this.store = false;
      this.expectedStore = Optional.empty();
    }

    /** The store's work. */
    Item(List<CmdletCall> calls, Optional<Bytes> expectedStore) {
      this.target = RecipientOutcome.ISSUING_CA_TARGET;
      this.type = Optional.empty();
      this.calls = List.copyOf(calls);
      this.readBack = CmdletCall.builder("Get-SmimeConfig").build();
      this.expected = storeThumbprints(expectedStore).orElse(List.of());
      this.expectedSmime = null;
      this.store = true;
      this.expectedStore = expectedStore;
    }

    /** An outcome decided without sending anything (a blocked recipient). */
    Item(String target, Optional<RecipientType> type, List<Thumbprint> expected, String failure) {
      this.target = target;
      this.type = type;
      this.calls = List.of();
      this.readBack = null;
      this.expected = List.copyOf(expected);
      this.expectedSmime = null;
      this.store = false;
      this.expectedStore = Optional.empty();
      this.failure = failure;
    }

    /** An outcome decided without sending anything: nothing to do, not read back. */
    Item(String target, Optional<RecipientType> type, List<Thumbprint> expected) {
      this.target = target;
      this.type = type;
      this.calls = List.of();
      this.readBack = null;
      this.expected = List.copyOf(expected);
      this.expectedSmime = null;
      this.store = false;
      this.expectedStore = Optional.empty();
      this.outcome =
          new RecipientOutcome(
              target,
              type,
              RecipientOutcome.Status.UNCHANGED,
              Optional.empty(),
              this.expected,
              List.of());
    }

    boolean finished() {
      return failure != null || outcome != null;
    }

    /** The next call to send: a call of the work, then the read-back. */
    CmdletCall nextCall() {
      return next < calls.size() ? calls.get(next) : requireNonNull(readBack, "readBack");
    }

    boolean readingBack() {
      return next >= calls.size();
    }

    RecipientOutcome result() {
      if (outcome != null) {
        return outcome;
      }
      return new RecipientOutcome(
          target,
          type,
          RecipientOutcome.Status.FAILED,
          Optional.of(requireNonNull(failure, "failure")),
          expected,
          List.of());
    }
  }

  /**
   * Runs each recipient's calls in order, then reads it back and compares the certificate
   * thumbprints with the expected values. The issuing-CA store goes first (its calls and its
   * read-back), then the recipients side by side: each recipient's next call is sent as soon as its
   * previous one is answered, with at most {@link #concurrency()} requests in flight ({@code
   * $batch} requests of calls of different recipients when {@link #batch()} is set). One
   * recipient's failure does not stop the others; the outcome says, for each, applied, unchanged or
   * failed and why.
   *
   * @param work the recipients' calls and expected states
   * @param issuingCa the store's calls and expected store, if the store is part of the work
   */
  public ApplyOutcome apply(List<RecipientWork> work, Optional<IssuingCaWork> issuingCa) {
    List<Item> items = new ArrayList<>();
    for (RecipientWork w : List.copyOf(work)) {
      items.add(
          new Item(
              w.expected().identity(),
              w.expected().type(),
              w.calls(),
              thumbprints(w.expected().userCertificates()),
              thumbprints(w.expected().userSMimeCertificates())));
    }
    Item ca = issuingCa.map(c -> new Item(c.calls(), c.expectedStore())).orElse(null);
    return run(items, ca);
  }

  /** Runs {@code ca} (if any), then {@code items}; returns their outcomes. */
  ApplyOutcome run(List<Item> items, @Nullable Item ca) {
    int total = items.size() + (ca == null ? 0 : 1);
    listener.started(total);
    int reads =
        (int) items.stream().filter(it -> it.readBack != null).count() + (ca == null ? 0 : 1);
    Progress progress = new Progress(total, reads);
    for (Item it : items) {
      if (it.finished()) {
        progress.done(it);
      }
    }
    if (ca != null) {
      new Scheduler(List.of(ca), progress).run();
    }
    new Scheduler(items.stream().filter(it -> !it.finished()).toList(), progress).run();
    return new ApplyOutcome(
        items.stream().map(Item::result).toList(),
        ca == null ? Optional.empty() : Optional.of(ca.result()));
  }

  /** Counts finished items and tells the listener. */
  private final class Progress {
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final int readTotal;

    Progress(int total, int readTotal) {
      this.total = total;
      this.readTotal = readTotal;
    }

    void done(Item it) {
      listener.recipientDone(it.result(), done.incrementAndGet(), total);
    }

    void read() {
      listener.reading(reads.incrementAndGet(), readTotal);
    }
  }

  /**
   * Keeps up to {@link #concurrency()} requests in flight over a queue of items whose next call is
   * ready (in plan order, an item whose call was answered going to the front), so that no slow
   * recipient holds up the others.
   */
  private final class Scheduler {
    private final ArrayDeque<Item> ready;
    private final Progress progress;
    private final int chunkSize;
    private int inFlight;
    private @Nullable RuntimeException crash;

    Scheduler(List<Item> items, Progress progress) {
      this.ready = new ArrayDeque<>(items);
      this.progress = progress;
      this.chunkSize = batch ? batchSize : 1;
    }

    void run() {
      if (ready.isEmpty()) {
        return;
      }
      int workers = Math.min(concurrency, ready.size());
      if (workers == 1) {
        work();
        return;
      }
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        Thread t = new Thread(this::work, "smime-exchange-apply-" + (i + 1));
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      try {
        for (Thread t : threads) {
          t.join();
        }
      } catch (InterruptedException e) {
        threads.forEach(Thread::interrupt);
        Thread.currentThread().interrupt();
        throw ExchangeOperationException.builder(Reason.TRANSPORT, "apply")
            .detail("interrupted")
            .build();
      }
      RuntimeException c;
      synchronized (this) {
        c = crash;
      }
      if (c != null) {
        throw c;
      }
    }

    private void work() {
      while (true) {
        List<Item> chunk = new ArrayList<>();
        synchronized (this) {
          while (ready.isEmpty() && inFlight > 0 && crash == null) {
            try {
              wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          if (ready.isEmpty() || crash != null) {
            notifyAll();
            return;
          }
          while (!ready.isEmpty() && chunk.size() < chunkSize) {
            chunk.add(ready.removeFirst());
          }
          inFlight++;
        }
        List<Item> again = new ArrayList<>();
        try {
          List<CmdletCall> calls = chunk.stream().map(Item::nextCall).toList();
          List<CallOutcome> outcomes = runChunk(calls);
          for (int i = 0; i < chunk.size(); i++) {
            Item it = chunk.get(i);
            answered(it, outcomes.get(i));
            if (it.finished()) {
              progress.done(it);
            } else {
              again.add(it);
            }
          }
        } catch (RuntimeException e) {
          synchronized (this) {
            if (crash == null) {
              crash = e;
            }
          }
        } finally {
          synchronized (this) {
            inFlight--;
            for (int i = again.size() - 1; i >= 0; i--) {
              ready.addFirst(again.get(i));
            }
            notifyAll();
          }
        }
      }
    }

    private void answered(Item it, CallOutcome o) {
      if (it.readingBack()) {
        progress.read();
        if (o.failure().isPresent()) {
          ExchangeOperationException e = o.failure().get();
          it.failure =
              e.reason() == Reason.NOT_FOUND
                  ? "not found when read back"
                  : "read back failed: " + e.getMessage();
        } else {
          CmdletResult r = o.result().orElseThrow();
          it.outcome = it.store ? compareStore(it, r) : compareRecipient(it, r);
        }
        return;
      }
      if (o.failure().isPresent()) {
        it.failure = o.failure().get().getMessage();
      } else {
        it.next++;
        it.allNoChange &=
            o.result().orElseThrow().warnings().stream().anyMatch(ExchangeClient::saysNoChange);
      }
    }
  }

  private static boolean saysNoChange(String warning) {
    return warning.contains(NO_CHANGE) && warning.contains("modified");
  }

  private static RecipientOutcome failed(Item it, String reason, List<Thumbprint> actual) {
    return new RecipientOutcome(
        it.target,
        it.type,
        RecipientOutcome.Status.FAILED,
        Optional.of(reason),
        it.expected,
        actual);
  }

  private static RecipientOutcome compareRecipient(Item it, CmdletResult r) {
    if (r.values().size() != 1) {
      return failed(it, "read back gave " + r.values().size() + " objects, expected 1", List.of());
    }
    RecipientType type = it.type.orElseThrow();
    TenantRecipient actual;
    try {
      actual = toRecipient(type, it.target, r.values().get(0));
    } catch (ExchangeOperationException e) {
      return failed(it, e.getMessage(), List.of());
    }
    List<Thumbprint> act = thumbprints(actual.userCertificates());
    if (!it.expected.equals(act)) {
      return failed(
          it, "read back differs: UserCertificate expected " + it.expected + ", found " + act, act);
    }
    if (it.expectedSmime != null) {
      List<Thumbprint> actS = thumbprints(actual.userSMimeCertificates());
      if (!it.expectedSmime.equals(actS)) {
        return failed(
            it,
            "read back differs: UserSMimeCertificate expected "
                + it.expectedSmime
                + ", found "
                + actS,
            act);
      }
    }
    return new RecipientOutcome(it.target, it.type, status(it), Optional.empty(), it.expected, act);
  }

  private static RecipientOutcome.Status status(Item it) {
    return it.calls.isEmpty() || it.allNoChange
        ? RecipientOutcome.Status.UNCHANGED
        : RecipientOutcome.Status.APPLIED;
  }

  private static RecipientOutcome compareStore(Item it, CmdletResult r) {
    Optional<Bytes> expected = it.expectedStore;
    List<Thumbprint> exp = it.expected;
    Optional<Bytes> actual;
    try {
      actual =
          r.values().isEmpty()
              ? Optional.empty()
              : r.values().get(0).byteArray("SMIMECertificateIssuingCA");
    } catch (SmimeException e) {
      return failed(it, "read back failed: " + e.getMessage(), List.of());
    }
    Optional<List<Thumbprint>> read = storeThumbprints(actual);
    List<Thumbprint> act = read.orElse(List.of());
    boolean same =
        expected.equals(actual) || (exp.equals(act) && read.isPresent() && !exp.isEmpty());
    if (expected.isEmpty() != actual.isEmpty() || !same) {
      String found =
          read.isPresent()
              ? act.toString()
              : "[unreadable store of " + actual.orElseThrow().size() + " bytes]";
      return failed(
          it, "read back differs: issuing-CA store expected " + exp + ", found " + found, act);
    }
    return new RecipientOutcome(it.target, it.type, status(it), Optional.empty(), exp, act);
  }

  /**
   * The SHA-1 thumbprints of {@code values}, sorted (in upper-case hex order), as the read-back
   * compares them. A value need not be a certificate: the thumbprint is of its bytes.
   *
   * @param values the values (DER certificates, as {@code UserCertificate} holds them)
   * @return their thumbprints, sorted
   */
  public static List<Thumbprint> thumbprints(List<Bytes> values) {
    List<Thumbprint> out = new ArrayList<>(values.size());
    for (Bytes b : values) {
      out.add(Thumbprint.sha1(b));
    }
    out.sort(null);
    return out;
  }

  /**
   * The sorted SHA-1 thumbprints of the certificates of a store; empty when there is no store; an
   * empty optional when the store cannot be read.
   */
  static Optional<List<Thumbprint>> storeThumbprints(Optional<Bytes> store) {
    if (store.isEmpty()) {
      return Optional.of(List.of());
    }
    try {
      SerializedStore s = SerializedStore.read(store.get());
      List<Thumbprint> out = new ArrayList<>();
      s.certificateEntries().forEach(e -> out.add(e.sha1()));
      out.sort(null);
      return Optional.of(out);
    } catch (SmimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "ExchangeClient[baseUri="
        + baseUri
        + ", tenant="
        + tenant
        + ", anchorMailbox="
        + anchorMailbox
        + ", pageSize="
        + pageSize
        + ", batch="
        + batch
        + ", concurrency="
        + concurrency
        + ", "
        + retryPolicy
        + ", "
        + redirectPolicy
        + "]";
  }

  /** Builds an {@link ExchangeClient}. {@link #tenant} and {@link #tokenProvider} are required. */
  public static final class Builder {
    private URI baseUri = DEFAULT_BASE_URI;
    private @Nullable TenantId tenant;
    private @Nullable AccessTokenProvider tokens;
    private String scope = TokenRequest.EXCHANGE_ONLINE_SCOPE;
    private AnchorMailbox anchorMailbox = AnchorMailbox.appOnly();
    private int pageSize = 1000;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RedirectPolicy redirectPolicy = RedirectPolicy.defaults();
    private boolean batch;
    private int batchSize = 10;
    private int concurrency = 4;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofMinutes(16);
    private long maxResponseBytes = 64L << 20;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private boolean confirmFalse = true;
    private @Nullable HttpClient httpClient;
    private ApplyListener listener = ApplyListener.NONE;

    private Builder() {}

    /**
     * The progress listener of {@link #apply(Plan)}, {@link #verify} and {@link #audit} (default:
     * none). It is called from the calling thread and from worker threads, so it must be
     * thread-safe; what it throws is caught and ignored.
     */
    public Builder listener(ApplyListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The Admin API base (default {@link #DEFAULT_BASE_URI}); {@code https}, or {@code http} only
     * for a loopback address (tests, {@code smime exchange fake}).
     */
    public Builder baseUri(URI uri) {
      requireNonNull(uri, "uri");
      if (!RedirectPolicy.isAllowedTarget(uri)) {
        throw new IllegalArgumentException(
            "base URI must be https (http only for loopback): " + HttpSender.safe(uri));
      }
      if (uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("base URI must have no user info, query or fragment");
      }
      String s = uri.toString();
      this.baseUri = s.endsWith("/") ? uri : URI.create(s + "/");
      return this;
    }

    /** The tenant (required). */
    public Builder tenant(TenantId tenant) {
      this.tenant = requireNonNull(tenant, "tenant");
      return this;
    }

    /** The token provider (required); called before every request. */
    public Builder tokenProvider(AccessTokenProvider provider) {
      this.tokens = requireNonNull(provider, "provider");
      return this;
    }

    /** The OAuth scope asked for (default {@link TokenRequest#EXCHANGE_ONLINE_SCOPE}). */
    public Builder scope(String scope) {
      this.scope = requireNonNull(scope, "scope");
      return this;
    }

    /** The {@code X-AnchorMailbox} header (default {@link AnchorMailbox#appOnly()}). */
    public Builder anchorMailbox(AnchorMailbox anchor) {
      this.anchorMailbox = requireNonNull(anchor, "anchor");
      return this;
    }

    /** {@code Prefer: odata.maxpagesize} (1..1000, default 1000 as the module). */
    public Builder pageSize(int n) {
      if (n < 1 || n > 1000) {
        throw new IllegalArgumentException("page size not in 1..1000: " + n);
      }
      this.pageSize = n;
      return this;
    }

    /** The retry policy (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /** The redirect policy (default {@link RedirectPolicy#defaults()}). */
    public Builder redirectPolicy(RedirectPolicy policy) {
      this.redirectPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /** Whether bulk work goes as {@code $batch} requests (default false). */
    public Builder batch(boolean batch) {
      this.batch = batch;
      return this;
    }

    /** Sub-requests per {@code $batch} (1..10, default 10, the module's maximum). */
    public Builder batchSize(int n) {
      if (n < 1 || n > 10) {
        throw new IllegalArgumentException("batch size not in 1..10: " + n);
      }
      this.batchSize = n;
      return this;
    }

    /** Requests in flight for bulk work (1..32, default 4). */
    public Builder concurrency(int n) {
      if (n < 1 || n > 32) {
        throw new IllegalArgumentException("concurrency not in 1..32: " + n);
      }
      this.concurrency = n;
      return this;
    }

    /** The connection timeout (default 30 s). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** The timeout of one request until its response headers (default 960 s, as the module). */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** The largest response body read (default 64 MiB). */
    public Builder maxResponseBytes(long n) {
      if (n < 1024) {
        throw new IllegalArgumentException("maxResponseBytes < 1024: " + n);
      }
      this.maxResponseBytes = n;
      return this;
    }

    /** The clock of the retry time budget. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** What waits between retries. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The source of jitter, numbers in [0, 1) (thread-safe). */
    public Builder jitter(DoubleSupplier random01) {
      this.jitter = requireNonNull(random01, "random01");
      return this;
    }

    /**
     * Whether {@code "Confirm": false} is added to every cmdlet but {@code Get-*} (default true).
     */
    public Builder confirmFalse(boolean confirmFalse) {
      this.confirmFalse = confirmFalse;
      return this;
    }

    /**
     * The HTTP client to use (for a proxy or TLS settings); it must not follow redirects. The
     * connect timeout setting then does not apply.
     */
    public Builder httpClient(HttpClient client) {
      requireNonNull(client, "client");
      if (client.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new IllegalArgumentException("the HTTP client must not follow redirects itself");
      }
      this.httpClient = client;
      return this;
    }

    /** The immutable client. */
    public ExchangeClient build() {
      if (tenant == null) {
        throw new IllegalStateException("tenant not set");
      }
      if (tokens == null) {
        throw new IllegalStateException("token provider not set");
      }
      return new ExchangeClient(this);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " <= 0: " + d);
      }
      return d;
    }
  }
}
