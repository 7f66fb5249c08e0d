package io.github.smimekit.exchange;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the thread; tests pass one that advances a fake clock,
 * so retry tests do not really wait.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
