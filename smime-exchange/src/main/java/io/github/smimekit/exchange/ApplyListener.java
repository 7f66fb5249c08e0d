package io.github.smimekit.exchange;

import java.time.Duration;

/**
 * Progress events of {@link ExchangeClient#apply(Plan)}, {@link ExchangeClient#verify} and {@link
 * ExchangeClient#audit}, for a progress display. Every method has a no-op default.
 *
 * <p>Events come from the thread that called {@code apply}/{@code verify}/{@code audit} and from
 * the client's worker threads (up to {@link ExchangeClient#concurrency()} at once), so an
 * implementation must be thread-safe. An event is delivered after the fact and must return quickly;
 * an exception thrown by a listener is caught and ignored (it never breaks the work).
 */
public interface ApplyListener {
  /** A listener that ignores every event. */
  ApplyListener NONE = new ApplyListener() {};

  /**
   * The work is known.
   *
   * @param recipients the number of work items (recipients, plus one for the issuing-CA store when
   *     it is part of the work)
   */
  default void started(int recipients) {}

  /**
   * One recipient (or the issuing-CA store) is finished, read back and compared.
   *
   * @param outcome its outcome
   * @param done how many are finished, including this one
   * @param total how many there are
   */
  default void recipientDone(RecipientOutcome outcome, int done, int total) {}

  /**
   * A request failed transiently and is sent again after {@code wait}.
   *
   * @param cmdletName the cmdlet
   * @param target the recipient's identity, or the cmdlet name when it names none
   * @param attempt the number of the attempt that failed (1 for the first)
   * @param wait how long the client waits before the next attempt
   * @param reason why (for example {@code HTTP 503})
   */
  default void retrying(
      String cmdletName, String target, int attempt, Duration wait, String reason) {}

  /**
   * The service answered HTTP 429 and the client waits as its {@code Retry-After} says.
   *
   * @param cmdletName the cmdlet
   * @param wait the wait
   */
  default void throttled(String cmdletName, Duration wait) {}

  /**
   * Reads of the live state (or the read-back after apply) progress.
   *
   * @param done reads finished
   * @param total reads to do
   */
  default void reading(int done, int total) {}
}
