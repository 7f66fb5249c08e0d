package io.github.smimekit.testing.exchange;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fault the fake injects into one request, instead of (or after) running the cmdlet.
 *
 * <p>Queue them with {@link FakeExchangeServer#enqueue(Fault)} (the next HTTP request) or {@link
 * FakeExchangeServer#enqueue(String, Fault)} (the next run of a cmdlet, also inside a {@code
 * $batch}).
 */
public final class Fault {
  /** What the fault does. */
  public enum Kind {
    /** HTTP 429 with {@code Retry-After}; the cmdlet does not run. */
    THROTTLE,
    /** An HTTP error status with an OData error body; the cmdlet does not run. */
    STATUS,
    /** The cmdlet runs, then the answer is an HTTP error status (the client cannot know it ran). */
    RUN_THEN_STATUS,
    /** The answer comes after a delay (past the client's timeout); the cmdlet runs first. */
    SLOW,
    /** HTTP 302 to another server; the cmdlet does not run here. */
    REDIRECT,
    /** HTTP 401 with a claims challenge; the cmdlet does not run. */
    UNAUTHORIZED,
    /** HTTP 403 "not allowed"; the cmdlet does not run. */
    FORBIDDEN,
    /** HTTP 200 carrying {@code @adminapi.errors}; the cmdlet does not run. */
    ADMINAPI_ERRORS
  }

  private final Kind kind;
  private final int status;
  private final @Nullable String retryAfter;
  private final @Nullable Duration delay;
  private final @Nullable URI target;
  private final @Nullable String text;

  private Fault(
      Kind kind,
      int status,
      @Nullable String retryAfter,
      @Nullable Duration delay,
      @Nullable URI target,
      @Nullable String text) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.target = target;
    this.text = text;
  }

  /**
   * HTTP 429 with {@code Retry-After: retryAfter} (seconds, fractions allowed), or none if null.
   */
  public static Fault throttle(@Nullable String retryAfter) {
    return new Fault(Kind.THROTTLE, 429, retryAfter, null, null, null);
  }

  /** An HTTP error status (503, 504, 408, 500, ...) with an OData error body. */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, status, null, null, null, null);
  }

  /**
   * HTTP {@code status} whose error names the exception type {@code typeName} (for example the
   * module's transient {@code DCOverloadedException}).
   */
  public static Fault status(int status, String typeName) {
    return new Fault(Kind.STATUS, status, null, null, null, requireNonNull(typeName, "typeName"));
  }

  /** The cmdlet runs, then HTTP {@code status} is answered: an ambiguous failure. */
  public static Fault runThenStatus(int status) {
    return new Fault(Kind.RUN_THEN_STATUS, status, null, null, null, null);
  }

  /** The cmdlet runs and the answer waits {@code delay} first. */
  public static Fault slow(Duration delay) {
    return new Fault(Kind.SLOW, 200, null, requireNonNull(delay, "delay"), null, null);
  }

  /** HTTP 302 to {@code baseUri} with the same tenant path (a regional redirect). */
  public static Fault redirect(URI baseUri) {
    return new Fault(Kind.REDIRECT, 302, null, null, requireNonNull(baseUri, "baseUri"), null);
  }

  /** HTTP 401 with {@code WWW-Authenticate: Bearer ..., claims="<claims>"}. */
  public static Fault unauthorized(String claims) {
    return new Fault(Kind.UNAUTHORIZED, 401, null, null, null, requireNonNull(claims, "claims"));
  }

  /** HTTP 403: "User is not allowed to call ...". */
  public static Fault forbidden() {
    return new Fault(Kind.FORBIDDEN, 403, null, null, null, null);
  }

  /** HTTP 200 with {@code @adminapi.errors: [message]}. */
  public static Fault adminApiErrors(String message) {
    return new Fault(
        Kind.ADMINAPI_ERRORS, 200, null, null, null, requireNonNull(message, "message"));
  }

  /** What it does. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status it answers. */
  public int status() {
    return status;
  }

  Optional<String> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  Optional<Duration> delay() {
    return Optional.ofNullable(delay);
  }

  Optional<URI> target() {
    return Optional.ofNullable(target);
  }

  Optional<String> text() {
    return Optional.ofNullable(text);
  }

  @Override
  public String toString() {
    return "Fault[" + kind + " " + status + "]";
  }
}
