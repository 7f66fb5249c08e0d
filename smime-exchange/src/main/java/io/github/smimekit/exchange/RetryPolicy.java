package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When and how long the client waits before sending a failed request again, modelled on what the
 * ExchangeOnlineManagement module does (spec {@code exchange-online.md} §2.0): at most 6 tries,
 * backoff 2 s × 2<sup>n</sup> with jitter, HTTP 429 waits {@code Retry-After} (fractional seconds
 * allowed), 408/503/504 and the module's named transient exceptions are retried, every other 4xx is
 * not, and a total time budget bounds the whole run of one cmdlet.
 *
 * <p>I/O failures (connection refused, reset, request timeout) are retried too; whether a request
 * that timed out was executed is unknown, which the client handles for non-idempotent cmdlets
 * ({@code New-MailContact}) before retrying. HTTP 401 is not this policy's business: the client
 * refreshes the token once.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
  /** The exception names that the module retries (spec §2.0). */
  public static final Set<String> MODULE_TRANSIENT_ERRORS =
      Set.of(
          "DCOverloadedException",
          "SuitabilityDirectoryException",
          "ServerInMMException",
          "ADServerSettingsChangedException",
          "StorageTransientException");

  /** The start of a body that ExchangeHelper retries whatever the status (spec §2.0). */
  public static final String CONCURRENCY_LIMIT_MESSAGE =
      "You have reached the maximum number of concurrent requests per tenant";

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double multiplier;
  private final Duration maxBackoff;
  private final double jitter;
  private final Duration maxRetryAfter;
  private final Duration totalBudget;
  private final Set<Integer> retryStatuses;
  private final Set<String> transientErrors;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.multiplier = b.multiplier;
    this.maxBackoff = b.maxBackoff;
    this.jitter = b.jitter;
    this.maxRetryAfter = b.maxRetryAfter;
    this.totalBudget = b.totalBudget;
    this.retryStatuses = Set.copyOf(b.retryStatuses);
    this.transientErrors = Set.copyOf(b.transientErrors);
  }

  /** The module's policy: 6 tries, 2 s × 2^n ± 20 %, at most 60 s a wait, 15 min in all. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** A policy that never retries. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.multiplier = multiplier;
    b.maxBackoff = maxBackoff;
    b.jitter = jitter;
    b.maxRetryAfter = maxRetryAfter;
    b.totalBudget = totalBudget;
    b.retryStatuses = retryStatuses;
    b.transientErrors = transientErrors;
    return b;
  }

  /** The maximum number of tries of one request, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The time budget of one cmdlet run, retries and waits included. */
  public Duration totalBudget() {
    return totalBudget;
  }

  /**
   * One failed try, as the retry decision sees it.
   *
   * @param status the HTTP status, or 0 when no response came (I/O failure or timeout)
   * @param retryAfter the {@code Retry-After} of the response, if any
   * @param errorName the exception type name the response named ({@code TypeName}, {@code
   *     ClassName} or {@code X-ExceptionType}), if any
   * @param message the start of the error message, if any (checked for the concurrency limit text)
   */
  public record Failure(
      int status, Optional<Duration> retryAfter, Optional<String> errorName, String message) {
    public Failure {
      requireNonNull(retryAfter, "retryAfter");
      requireNonNull(errorName, "errorName");
      requireNonNull(message, "message");
    }

    /** A try that got no response (I/O failure or timeout). */
    public static Failure noResponse(String message) {
      return new Failure(0, Optional.empty(), Optional.empty(), message);
    }

    /** A response with {@code status} and nothing else known. */
    public static Failure status(int status) {
      return new Failure(status, Optional.empty(), Optional.empty(), "");
    }
  }

  /**
   * The decision after a failed try.
   *
   * @param retry whether to try again
   * @param delay how long to wait first (zero when not retrying)
   * @param reason why not, when not retrying (empty otherwise)
   */
  public record Decision(boolean retry, Duration delay, String reason) {
    public Decision {
      requireNonNull(delay, "delay");
      requireNonNull(reason, "reason");
    }
  }

  /** Whether {@code failure} is of a kind that may be retried at all. */
  public boolean isRetryable(Failure failure) {
    requireNonNull(failure, "failure");
    if (failure.status() == 0 || failure.status() == 429) {
      return true;
    }
    if (failure.message().startsWith(CONCURRENCY_LIMIT_MESSAGE)) {
      return true;
    }
    if (failure.errorName().isPresent()) {
      String name = failure.errorName().get();
      for (String t : transientErrors) {
        if (name.equals(t) || name.endsWith("." + t)) {
          return true;
        }
      }
    }
    return retryStatuses.contains(failure.status());
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry) without the budget check:
   * {@code Retry-After} of a 429 when present (capped at {@link Builder#maxRetryAfter}), else the
   * exponential backoff with jitter.
   *
   * @param random01 a random number in [0, 1) for the jitter
   */
  public Duration delay(Failure failure, int retry, double random01) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry < 1: " + retry);
    }
    if (failure.retryAfter().isPresent()) {
      Duration ra = failure.retryAfter().get();
      return ra.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : ra;
    }
    double base = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
    double capped = Math.min(base, (double) maxBackoff.toNanos());
    double factor = 1.0 + jitter * (2.0 * random01 - 1.0);
    return Duration.ofNanos((long) (capped * factor));
  }

  /**
   * Whether and when to try again after {@code attempts} tries have failed, the last with {@code
   * failure}, {@code elapsed} after the cmdlet run started.
   *
   * @param random01 a random number in [0, 1) for the jitter
   */
  public Decision decide(Failure failure, int attempts, Duration elapsed, double random01) {
    requireNonNull(failure, "failure");
    requireNonNull(elapsed, "elapsed");
    if (!isRetryable(failure)) {
      return new Decision(false, Duration.ZERO, "not retryable");
    }
    if (attempts >= maxAttempts) {
      return new Decision(false, Duration.ZERO, "gave up after " + attempts + " tries");
    }
    Duration delay = delay(failure, attempts, random01);
    if (elapsed.plus(delay).compareTo(totalBudget) > 0) {
      return new Decision(
          false,
          Duration.ZERO,
          "time budget of "
              + totalBudget.toString().toLowerCase(Locale.ROOT).substring(2)
              + " exhausted after "
              + attempts
              + " tries");
    }
    return new Decision(true, delay, "");
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", multiplier="
        + multiplier
        + ", maxBackoff="
        + maxBackoff
        + ", jitter="
        + jitter
        + ", totalBudget="
        + totalBudget
        + ", retryStatuses="
        + retryStatuses.stream().sorted().toList()
        + "]";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofSeconds(2);
    private double multiplier = 2.0;
    private Duration maxBackoff = Duration.ofSeconds(60);
    private double jitter = 0.2;
    private Duration maxRetryAfter = Duration.ofMinutes(5);
    private Duration totalBudget = Duration.ofMinutes(15);
    private Set<Integer> retryStatuses = Set.of(408, 503, 504);
    private Set<String> transientErrors = MODULE_TRANSIENT_ERRORS;

    private Builder() {}

    /** Tries of one request, the first included (1 = never retry). */
    public Builder maxAttempts(int n) {
      if (n < 1 || n > 100) {
        throw new IllegalArgumentException("maxAttempts not in 1..100: " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /** The first backoff; retry n waits {@code initial × multiplier^(n-1)}. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = positive(d, "initialBackoff");
      return this;
    }

    /** The backoff multiplier (at least 1). */
    public Builder multiplier(double m) {
      if (!(m >= 1.0 && m <= 10.0)) {
        throw new IllegalArgumentException("multiplier not in 1..10: " + m);
      }
      this.multiplier = m;
      return this;
    }

    /** The longest backoff. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = positive(d, "maxBackoff");
      return this;
    }

    /** The jitter as a fraction of the backoff: 0.2 waits between 80 % and 120 %. */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0.0 && fraction < 1.0)) {
        throw new IllegalArgumentException("jitter not in [0, 1): " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /** The longest {@code Retry-After} honoured; longer ones are cut to this. */
    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = positive(d, "maxRetryAfter");
      return this;
    }

    /** The time budget of one cmdlet run, retries and waits included. */
    public Builder totalBudget(Duration d) {
      this.totalBudget = positive(d, "totalBudget");
      return this;
    }

    /**
     * The HTTP statuses retried besides 429 (default 408, 503, 504). 4xx other than 408 and 429
     * should not be in it.
     */
    public Builder retryStatuses(Set<Integer> statuses) {
      this.retryStatuses = Set.copyOf(statuses);
      return this;
    }

    /**
     * The exception type names retried whatever the status (default {@link
     * #MODULE_TRANSIENT_ERRORS}).
     */
    public Builder transientErrors(List<String> names) {
      this.transientErrors = Set.copyOf(names);
      return this;
    }

    /** The immutable policy. */
    public RetryPolicy build() {
      return new RetryPolicy(this);
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
