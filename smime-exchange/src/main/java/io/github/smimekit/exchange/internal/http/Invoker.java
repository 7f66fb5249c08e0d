package io.github.smimekit.exchange.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.ApplyListener;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.CmdletResult;
import io.github.smimekit.exchange.ExchangeOperationException;
import io.github.smimekit.exchange.ExchangeOperationException.Reason;
import io.github.smimekit.exchange.ParameterValue;
import io.github.smimekit.exchange.RedirectPolicy;
import io.github.smimekit.exchange.ResultObject;
import io.github.smimekit.exchange.RetryPolicy;
import io.github.smimekit.exchange.RetryPolicy.Decision;
import io.github.smimekit.exchange.RetryPolicy.Failure;
import io.github.smimekit.exchange.Sleeper;
import io.github.smimekit.exchange.TokenRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Sends cmdlets: headers, the token (with one refresh on 401), retries by the {@link RetryPolicy},
 * paging, {@code $batch}, and the mapping of failures to {@link ExchangeOperationException}.
 */
public final class Invoker {
  private static final Pattern CLAIMS = Pattern.compile("claims=\"([^\"]*)\"");
  private static final int MAX_PAGES = 100_000;

  /**
   * What the invoker needs.
   *
   * @param tenantBase {@code {base}/{tenant}/}
   * @param tokens the token provider
   * @param scope the OAuth scope
   * @param anchorMailbox the {@code X-AnchorMailbox} value, if any
   * @param pageSize {@code odata.maxpagesize}
   * @param retry the retry policy
   * @param redirects the redirect policy (with the base host allowed)
   * @param requestTimeout the per-request timeout (for messages)
   * @param clock the clock of the time budget
   * @param sleeper waits between tries
   * @param jitter random numbers in [0, 1)
   * @param confirmFalse whether to add {@code "Confirm": false} to cmdlets other than Get-*
   * @param listener told of retries and throttling waits (must not throw: a {@link SafeListener})
   */
  public record Config(
      URI tenantBase,
      AccessTokenProvider tokens,
      String scope,
      Optional<String> anchorMailbox,
      int pageSize,
      RetryPolicy retry,
      RedirectPolicy redirects,
      Duration requestTimeout,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier jitter,
      boolean confirmFalse,
      ApplyListener listener) {}

  private final Config config;
  private final HttpSender sender;
  private final URI invokeUri;
  private final URI batchUri;

  public Invoker(Config config, HttpSender sender) {
    this.config = config;
    this.sender = sender;
    this.invokeUri = config.tenantBase().resolve("InvokeCommand");
    this.batchUri = config.tenantBase().resolve("$batch");
  }

  /** The {@code InvokeCommand} URI. */
  public URI invokeUri() {
    return invokeUri;
  }

  private boolean confirmFalse(CmdletCall call) {
    return config.confirmFalse() && !call.cmdlet().startsWith("Get-");
  }

  /**
   * Runs {@code call} to the end (all pages).
   *
   * @param recipient the recipient the call addresses, for messages
   * @param existsCheck for a non-idempotent call: whether its effect is already there, asked before
   *     retrying after an ambiguous failure (timeout, 5xx)
   * @param priorAmbiguous whether an earlier send (in a batch) failed ambiguously
   */
  public CmdletResult invoke(
      CmdletCall call,
      @Nullable String recipient,
      @Nullable BooleanSupplier existsCheck,
      boolean priorAmbiguous) {
    String requestId = UUID.randomUUID().toString();
    byte[] body = InvokeBody.write(call, confirmFalse(call));
    Map<String, String> headers = headers(call.cmdlet(), requestId, false);
    Instant start = config.clock().instant();
    List<ResultObject> values = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    URI uri = invokeUri;
    int requests = 0;
    Optional<String> lastRequestId = Optional.empty();
    for (int page = 1; ; page++) {
      Run<Page> run =
          run(
              call.cmdlet(),
              recipient,
              uri,
              body,
              headers,
              r -> pageOf(call.cmdlet(), recipient, r),
              page == 1 ? existsCheck : null,
              page == 1 && priorAmbiguous,
              start);
      requests += run.requests();
      lastRequestId = run.requestId().or(() -> Optional.empty());
      if (run.alreadyDone()) {
        warnings.add(
            "an earlier try of "
                + call.cmdlet()
                + " whose answer was lost had already taken effect; it was not sent again");
        break;
      }
      Page p = run.value();
      values.addAll(p.values());
      warnings.addAll(p.warnings());
      if (p.nextLink().isEmpty()) {
        break;
      }
      URI next;
      try {
        next = URI.create(p.nextLink().get());
      } catch (IllegalArgumentException e) {
        throw fail(Reason.BAD_RESPONSE, call.cmdlet(), recipient)
            .detail("malformed @odata.nextLink")
            .build();
      }
      if (!config.redirects().mayCarryToken(next)) {
        throw fail(Reason.REDIRECT, call.cmdlet(), recipient)
            .detail("@odata.nextLink points to " + HttpSender.safe(next) + ", not an allowed host")
            .build();
      }
      if (page >= MAX_PAGES) {
        throw fail(Reason.BAD_RESPONSE, call.cmdlet(), recipient)
            .detail("more than " + MAX_PAGES + " pages")
            .build();
      }
      uri = next;
    }
    return new CmdletResult(call.cmdlet(), values, warnings, lastRequestId, requests);
  }

  private Page pageOf(String cmdlet, @Nullable String recipient, HttpSender.Response r)
      throws Retryable {
    Page p;
    try {
      p = Responses.page(Responses.tree(r.body()));
    } catch (Responses.BadResponse e) {
      throw new Retryable(
          null,
          () ->
              fail(Reason.BAD_RESPONSE, cmdlet, recipient)
                  .httpStatus(r.status())
                  .requestId(r.header("request-id").orElse(null))
                  .detail(e.getMessage())
                  .build());
    }
    return checkErrors(p, cmdlet, recipient, r.status(), r.header("request-id").orElse(null));
  }

  private Page checkErrors(
      Page p, String cmdlet, @Nullable String recipient, int status, @Nullable String requestId)
      throws Retryable {
    if (p.errors().isEmpty()) {
      return p;
    }
    String joined = String.join("; ", p.errors());
    Optional<String> transientName =
        RetryPolicy.MODULE_TRANSIENT_ERRORS.stream().filter(joined::contains).findFirst();
    Failure f = new Failure(status, Optional.empty(), transientName, joined);
    throw new Retryable(
        config.retry().isRetryable(f) ? f : null,
        () ->
            fail(Reason.CMDLET_ERROR, cmdlet, recipient)
                .httpStatus(status)
                .requestId(requestId)
                .detail("@adminapi.errors on HTTP " + status)
                .innerMessage(joined)
                .build());
  }

  /** One {@code $batch} sub-request's answer. */
  public sealed interface BatchAnswer {}

  /** A sub-request that succeeded. */
  public record BatchOk(CmdletResult result) implements BatchAnswer {}

  /** A sub-request that failed; it is to be re-sent alone. */
  public record BatchFailed(int status, boolean ambiguous) implements BatchAnswer {}

  /**
   * Sends up to 10 calls as one {@code $batch} (spec §2.0) with {@code odata.continue-on-error};
   * returns one answer per call, in order. A failed batch request (after retries) fails every
   * sub-request ambiguously.
   */
  public List<BatchAnswer> batch(List<CmdletCall> calls) {
    if (calls.isEmpty() || calls.size() > 10) {
      throw new IllegalArgumentException("a batch holds 1..10 calls: " + calls.size());
    }
    String requestId = UUID.randomUUID().toString();
    byte[] body = batchBody(calls);
    Map<String, String> headers = headers(null, requestId, true);
    Run<Map<String, JsonNode>> run;
    try {
      run =
          run(
              "$batch",
              null,
              batchUri,
              body,
              headers,
              this::batchResponses,
              null,
              false,
              config.clock().instant());
    } catch (ExchangeOperationException e) {
      List<BatchAnswer> all = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        all.add(new BatchFailed(e.httpStatus(), true));
      }
      return all;
    }
    List<BatchAnswer> out = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      JsonNode r = run.value().get(String.valueOf(i + 1));
      CmdletCall call = calls.get(i);
      if (r == null) {
        out.add(new BatchFailed(0, true));
        continue;
      }
      int status = r.path("status").asInt(0);
      JsonNode b = r.get("body");
      if (status / 100 != 2 || b == null || !b.isObject()) {
        out.add(new BatchFailed(status, status == 0 || status >= 500 || status == 408));
        continue;
      }
      Page p;
      try {
        p = Responses.page(b);
      } catch (Responses.BadResponse e) {
        out.add(new BatchFailed(status, true));
        continue;
      }
      if (!p.errors().isEmpty() || p.nextLink().isPresent()) {
        // errors (maybe transient) and further pages are handled by a request of its own
        out.add(new BatchFailed(status, false));
        continue;
      }
      String rid = r.path("headers").path("request-id").asText(null);
      out.add(
          new BatchOk(
              new CmdletResult(
                  call.cmdlet(), p.values(), p.warnings(), Optional.ofNullable(rid), 1)));
    }
    return out;
  }

  private Map<String, JsonNode> batchResponses(HttpSender.Response r) throws Retryable {
    try {
      JsonNode root = Responses.tree(r.body());
      JsonNode responses = root.get("responses");
      if (responses == null || !responses.isArray()) {
        throw new Responses.BadResponse("no 'responses' array", null);
      }
      Map<String, JsonNode> byId = new HashMap<>();
      for (JsonNode x : responses) {
        byId.put(x.path("id").asText(""), x);
      }
      return byId;
    } catch (Responses.BadResponse e) {
      throw new Retryable(
          null,
          () ->
              fail(Reason.BAD_RESPONSE, "$batch", null)
                  .httpStatus(r.status())
                  .detail(e.getMessage())
                  .build());
    }
  }

  private byte[] batchBody(List<CmdletCall> calls) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Responses.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("requests");
      for (int i = 0; i < calls.size(); i++) {
        CmdletCall c = calls.get(i);
        g.writeStartObject();
        g.writeStringField("id", String.valueOf(i + 1));
        g.writeStringField("method", "POST");
        g.writeStringField("url", invokeUri.toString());
        g.writeObjectFieldStart("headers");
        g.writeStringField("Content-Type", "application/json");
        g.writeStringField("X-CmdletName", c.cmdlet());
        g.writeStringField("X-ResponseFormat", "json");
        g.writeStringField(
            "Prefer", "odata.maxpagesize=" + config.pageSize() + ";odata.continue-on-error");
        g.writeEndObject();
        g.writeFieldName("body");
        InvokeBody.writeObject(g, c, confirmFalse(c));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private Map<String, String> headers(@Nullable String cmdlet, String requestId, boolean batch) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("Accept", "application/json");
    h.put("Accept-Charset", "UTF-8");
    if (cmdlet != null) {
      h.put("X-CmdletName", cmdlet);
    }
    h.put("X-ResponseFormat", "json");
    h.put("client-request-id", requestId);
    h.put("Prefer", batch ? "odata.continue-on-error" : "odata.maxpagesize=" + config.pageSize());
    config.anchorMailbox().ifPresent(a -> h.put("X-AnchorMailbox", a));
    return h;
  }

  // --- the try loop ---------------------------------------------------------------------------

  private interface Parser<T> {
    T parse(HttpSender.Response r) throws Retryable;
  }

  /** A 2xx whose content is a failure: retryable when {@code failure} is set. */
  private static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient @Nullable Failure failure;
    private final transient java.util.function.Supplier<ExchangeOperationException> terminal;

    Retryable(
        @Nullable Failure failure,
        java.util.function.Supplier<ExchangeOperationException> terminal) {
      super(null, null, false, false);
      this.failure = failure;
      this.terminal = terminal;
    }
  }

  private record Run<T>(
      @Nullable T valueOrNull, int requests, Optional<String> requestId, boolean alreadyDone) {
    T value() {
      if (valueOrNull == null) {
        throw new IllegalStateException("no value");
      }
      return valueOrNull;
    }
  }

  private <T> Run<T> run(
      String cmdlet,
      @Nullable String recipient,
      URI uri,
      byte[] body,
      Map<String, String> headers,
      Parser<T> parser,
      @Nullable BooleanSupplier existsCheck,
      boolean priorAmbiguous,
      Instant start) {
    int attempts = 0;
    int requests = 0;
    boolean refreshed = false;
    boolean ambiguous = priorAmbiguous;
    TokenRequest[] next = {TokenRequest.of(config.scope())};
    while (true) {
      if (ambiguous && existsCheck != null && existsCheck.getAsBoolean()) {
        return new Run<>(null, requests, Optional.empty(), true);
      }
      ambiguous = false;
      attempts++;
      Failure failure;
      java.util.function.Supplier<ExchangeOperationException> terminal;
      try {
        HttpSender.Response r =
            sender.post(uri, body, headers, () -> token(next[0], cmdlet, recipient));
        next[0] = TokenRequest.of(config.scope());
        requests += r.hops();
        int status = r.status();
        Optional<String> rid = r.header("request-id");
        if (status / 100 == 2) {
          try {
            return new Run<>(parser.parse(r), requests, rid, false);
          } catch (Retryable e) {
            if (e.failure == null) {
              throw e.terminal.get();
            }
            failure = e.failure;
            terminal = e.terminal;
          }
        } else if (status == 401) {
          if (!refreshed) {
            refreshed = true;
            attempts--;
            Optional<String> claims = r.header("WWW-Authenticate").flatMap(Invoker::claims);
            next[0] = new TokenRequest(config.scope(), claims, true);
            continue;
          }
          Responses.ODataError err = Responses.error(r.body());
          throw fail(Reason.AUTHENTICATION, cmdlet, recipient)
              .httpStatus(401)
              .errorCode(err.code().orElse(null))
              .requestId(rid.orElse(null))
              .detail("the service refused the access token, also after a fresh one was requested")
              .build();
        } else {
          Responses.ODataError err = Responses.error(r.body());
          Optional<String> errorName = err.typeName().or(() -> r.header("X-ExceptionType"));
          failure =
              new Failure(
                  status,
                  retryAfter(r.header("Retry-After"), config.clock()),
                  errorName,
                  err.message().orElse(""));
          terminal = () -> errorFor(cmdlet, recipient, status, err, errorName, rid).build();
          ambiguous = status >= 500 || status == 408;
        }
      } catch (HttpTimeoutException e) {
        failure = Failure.noResponse("no response within " + describe(config.requestTimeout()));
        Failure f = failure;
        terminal = () -> fail(Reason.TRANSPORT, cmdlet, recipient).detail(f.message()).build();
        ambiguous = true;
      } catch (IOException e) {
        failure = Failure.noResponse("connection failed (" + e.getClass().getSimpleName() + ")");
        Failure f = failure;
        terminal = () -> fail(Reason.TRANSPORT, cmdlet, recipient).detail(f.message()).build();
        ambiguous = true;
      } catch (HttpSender.RedirectRefused e) {
        throw fail(Reason.REDIRECT, cmdlet, recipient).detail(e.getMessage()).build();
      } catch (HttpSender.TooLarge e) {
        throw fail(Reason.BAD_RESPONSE, cmdlet, recipient).detail(e.getMessage()).build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(Reason.TRANSPORT, cmdlet, recipient).detail("interrupted").build();
      }
      Duration elapsed = Duration.between(start, config.clock().instant());
      Decision d = config.retry().decide(failure, attempts, elapsed, config.jitter().getAsDouble());
      if (!d.retry()) {
        if (!config.retry().isRetryable(failure)) {
          throw terminal.get();
        }
        ExchangeOperationException last = terminal.get();
        if (d.reason().startsWith("time budget")) {
          throw fail(Reason.TIME_BUDGET, cmdlet, recipient)
              .httpStatus(last.httpStatus())
              .errorCode(last.errorCode().orElse(null))
              .requestId(last.requestId().orElse(null))
              .detail(d.reason() + ", last: " + last.getMessage())
              .cause(last)
              .build();
        }
        throw fail(last.reason(), cmdlet, recipient)
            .httpStatus(last.httpStatus())
            .errorCode(last.errorCode().orElse(null))
            .innerMessage(last.innerMessage().orElse(null))
            .requestId(last.requestId().orElse(null))
            .suggestedRole(last.suggestedRole().orElse(null))
            .detail(d.reason() + (failure.status() == 0 ? ", last: " + failure.message() : ""))
            .build();
      }
      if (failure.status() == 429) {
        config.listener().throttled(cmdlet, d.delay());
      } else {
        config
            .listener()
            .retrying(
                cmdlet,
                recipient == null ? cmdlet : recipient,
                attempts,
                d.delay(),
                failure.status() == 0 ? failure.message() : "HTTP " + failure.status());
      }
      try {
        config.sleeper().sleep(d.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(Reason.TRANSPORT, cmdlet, recipient).detail("interrupted").build();
      }
    }
  }

  private char[] token(TokenRequest request, String cmdlet, @Nullable String recipient) {
    AccessToken t;
    try {
      t = config.tokens().token(request);
    } catch (SmimeException e) {
      throw fail(Reason.AUTHENTICATION, cmdlet, recipient)
          .detail("no access token: " + e.getMessage())
          .cause(e)
          .build();
    }
    if (t == null) {
      throw fail(Reason.AUTHENTICATION, cmdlet, recipient)
          .detail("the token provider returned no token")
          .build();
    }
    return t.toCharArray();
  }

  private static ExchangeOperationException.Builder fail(
      Reason reason, String cmdlet, @Nullable String recipient) {
    return ExchangeOperationException.builder(reason, cmdlet).recipient(recipient);
  }

  /** Maps a non-2xx response to the exception a caller can act on. */
  static ExchangeOperationException.Builder errorFor(
      String cmdlet,
      @Nullable String recipient,
      int status,
      Responses.ODataError err,
      Optional<String> errorName,
      Optional<String> requestId) {
    String name = errorName.orElse("");
    String message = err.message().orElse("");
    Reason reason;
    String role = null;
    if (status == 404 || name.contains("ManagementObjectNotFound")) {
      reason = Reason.NOT_FOUND;
    } else if (status == 403) {
      reason = Reason.MISSING_ROLE;
      role = suggestedRole(cmdlet);
    } else if (name.contains("AlreadyExists")
        || message.toLowerCase(Locale.ROOT).contains("already exists")) {
      reason = Reason.ALREADY_EXISTS;
    } else if (status == 429) {
      reason = Reason.THROTTLED;
    } else if (status >= 500 || status == 408) {
      reason = Reason.SERVICE_UNAVAILABLE;
    } else if (status == 400) {
      reason = Reason.CMDLET_ERROR;
    } else {
      reason = Reason.HTTP_ERROR;
    }
    return fail(reason, cmdlet, recipient)
        .httpStatus(status)
        .errorCode(errorName.or(err::code).orElse(null))
        .innerMessage(err.message().orElse(null))
        .requestId(requestId.orElse(null))
        .suggestedRole(role);
  }

  /**
   * The Entra role the documentation suggests for {@code cmdlet} (spec §1.10, §2.5; the exact RBAC
   * role is unverified, §5.4).
   */
  public static String suggestedRole(String cmdlet) {
    if (cmdlet.endsWith("-SmimeConfig")) {
      return "Exchange Administrator";
    }
    if (cmdlet.startsWith("Get-")) {
      return "Global Reader (read-only) or Exchange Recipient Administrator";
    }
    return "Exchange Recipient Administrator";
  }

  /** {@code Retry-After}: seconds (fractional allowed) or an HTTP date. */
  static Optional<Duration> retryAfter(Optional<String> header, Clock clock) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String v = header.get().trim();
    try {
      double seconds = Double.parseDouble(v);
      if (!(seconds >= 0) || seconds > 86_400) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  static Optional<String> claims(String wwwAuthenticate) {
    Matcher m = CLAIMS.matcher(wwwAuthenticate);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The value of {@code name} in {@code call} as text, if it is a text parameter. */
  public static Optional<String> textParameter(CmdletCall call, String name) {
    return call.parameter(name)
        .filter(ParameterValue.Text.class::isInstance)
        .map(v -> ((ParameterValue.Text) v).value());
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
