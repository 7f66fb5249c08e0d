package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

/**
 * One caIssuers URL a {@link ChainResolver} tried while looking for a missing issuer (see {@link
 * FetchOptions}), and what came of it.
 *
 * @param url the URL as the certificate gives it
 * @param outcome what happened
 * @param httpStatus the HTTP status of the last answer, 0 when none was received
 * @param certificates how many certificates the answer held (0 unless fetched or cached)
 * @param detail one lower-case sentence fragment: what was received, or why it failed (never a
 *     library's exception text)
 */
public record FetchAttempt(
    String url, Outcome outcome, int httpStatus, int certificates, String detail) {

  /** What came of one URL. */
  public enum Outcome {
    /** Fetched over the network; the answer held certificates. */
    FETCHED,
    /** Read from the cache directory; no request was made. */
    CACHED,
    /** The request or the answer failed (status, size, time, redirect, content). */
    FAILED,
    /** Not fetched: a scheme other than http/https, offline and not cached, or a limit reached. */
    SKIPPED
  }

  /** Checks the values. */
  public FetchAttempt {
    requireNonNull(url, "url");
    requireNonNull(outcome, "outcome");
    requireNonNull(detail, "detail");
    if (httpStatus < 0 || certificates < 0) {
      throw new IllegalArgumentException("negative httpStatus or certificates");
    }
  }

  /** Whether certificates were obtained (fetched or cached). */
  public boolean succeeded() {
    return outcome == Outcome.FETCHED || outcome == Outcome.CACHED;
  }

  /** "URL: detail", for diagnoses. */
  @Override
  public String toString() {
    return url + ": " + detail;
  }
}
