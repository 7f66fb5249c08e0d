package io.github.smimekit.exchange.internal.http;

import io.github.smimekit.exchange.ApplyListener;
import io.github.smimekit.exchange.RecipientOutcome;
import java.time.Duration;

/**
 * Passes events on to a caller's listener and ignores what it throws: a progress display must never
 * break the work it shows.
 */
public final class SafeListener implements ApplyListener {
  private final ApplyListener delegate;

  private SafeListener(ApplyListener delegate) {
    this.delegate = delegate;
  }

  /** {@code listener}, made safe (once). */
  public static ApplyListener of(ApplyListener listener) {
    return listener instanceof SafeListener || listener == ApplyListener.NONE
        ? listener
        : new SafeListener(listener);
  }

  @Override
  @SuppressWarnings("CatchingUnchecked")
  public void started(int recipients) {
    try {
      delegate.started(recipients);
    } catch (RuntimeException | LinkageError e) {
      // ignored by contract: a listener cannot break the work
    }
  }

  @Override
  @SuppressWarnings("CatchingUnchecked")
  public void recipientDone(RecipientOutcome outcome, int done, int total) {
    try {
      delegate.recipientDone(outcome, done, total);
    } catch (RuntimeException | LinkageError e) {
      // ignored by contract
    }
  }

  @Override
  @SuppressWarnings("CatchingUnchecked")
  public void retrying(
      String cmdletName, String target, int attempt, Duration wait, String reason) {
    try {
      delegate.retrying(cmdletName, target, attempt, wait, reason);
    } catch (RuntimeException | LinkageError e) {
      // ignored by contract
    }
  }

  @Override
  @SuppressWarnings("CatchingUnchecked")
  public void throttled(String cmdletName, Duration wait) {
    try {
      delegate.throttled(cmdletName, wait);
    } catch (RuntimeException | LinkageError e) {
      // ignored by contract
    }
  }

  @Override
  @SuppressWarnings("CatchingUnchecked")
  public void reading(int done, int total) {
    try {
      delegate.reading(done, total);
    } catch (RuntimeException | LinkageError e) {
      // ignored by contract
    }
  }
}
