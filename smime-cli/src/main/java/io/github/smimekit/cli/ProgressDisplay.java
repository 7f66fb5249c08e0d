package io.github.smimekit.cli;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.exchange.ApplyListener;
import io.github.smimekit.exchange.RecipientOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The progress display of {@code smime exchange apply|verify|audit} and live {@code plan} on
 * stderr: recipients done of total, retries, and throttling waits.
 *
 * <p>On a terminal ({@link #TERMINAL}) it is one line rewritten in place with {@code \r}, at most
 * ten times a second: {@code recipients 120/1000 · retries 3 · throttled 2 (waited 4.5 s)}.
 * Otherwise ({@link #LINES}: a pipe, a file, a CI log) it prints a plain line {@code smime:
 * recipients 120/1000 · ...} when another tenth of the work is done or 5 seconds have passed since
 * the last line, and always at the end. stdout is never written, so {@code --json} output stays one
 * document.
 *
 * <p>Thread-safe: the client calls it from its worker threads; counters are atomic and the lines
 * are written under one lock.
 */
final class ProgressDisplay implements ApplyListener {
  /** How the display writes. */
  enum Mode {
    /** One line updated in place. */
    TERMINAL,
    /** Plain lines, rate-limited. */
    LINES
  }

  /** Shorthand for {@link Mode#TERMINAL}. */
  static final Mode TERMINAL = Mode.TERMINAL;

  /** Shorthand for {@link Mode#LINES}. */
  static final Mode LINES = Mode.LINES;

  private static final long LINE_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
  private static final long TERMINAL_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

  private final PrintWriter err;
  private final Mode mode;
  private final LongSupplier nanoTime;
  private final Object lock = new Object();

  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger readTotal = new AtomicInteger();
  private final AtomicInteger readDone = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicLong waitedMillis = new AtomicLong();

  // guarded by lock
  private long lastPrint;
  private int lastTenth = -1;
  private int lastReadTenth = -1;
  private int width;
  private boolean printedAny;

  ProgressDisplay(PrintWriter err, Mode mode, LongSupplier nanoTime) {
    this.err = requireNonNull(err, "err");
    this.mode = requireNonNull(mode, "mode");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    this.lastPrint = nanoTime.getAsLong();
  }

  /**
   * The display for this process: {@link #TERMINAL} when there is a console. On Java 17 to 21,
   * {@code System.console()} is null unless stdin and stdout are a terminal (Java 17 cannot ask
   * about stderr itself); on 22 and newer it may return a console for redirected streams too, and
   * the display is then in-place lines even in a log.
   */
  @SuppressWarnings("SystemConsoleNull") // the target is Java 17, where null means no terminal
  static ProgressDisplay forStderr(PrintWriter err) {
    return new ProgressDisplay(err, System.console() != null ? TERMINAL : LINES, System::nanoTime);
  }

  @Override
  public void started(int recipients) {
    total.set(recipients);
    done.set(0);
    update(true);
  }

  @Override
  public void recipientDone(RecipientOutcome outcome, int doneCount, int totalCount) {
    total.set(totalCount);
    // events come from several threads; a late, smaller count must not move the display back
    int d = done.accumulateAndGet(doneCount, Math::max);
    update(d == totalCount);
  }

  @Override
  public void retrying(
      String cmdletName, String target, int attempt, Duration wait, String reason) {
    retries.incrementAndGet();
    update(false);
  }

  @Override
  public void throttled(String cmdletName, Duration wait) {
    throttled.incrementAndGet();
    waitedMillis.addAndGet(wait.toMillis());
    update(false);
  }

  @Override
  public void reading(int doneCount, int totalCount) {
    int d;
    if (readTotal.getAndSet(totalCount) != totalCount || doneCount == 0) {
      readDone.set(doneCount); // a new round of reads
      d = doneCount;
    } else {
      d = readDone.accumulateAndGet(doneCount, Math::max);
    }
    update(d == totalCount);
  }

  /**
   * Ends the current display line: on a terminal, moves to a new line (once, however often it is
   * called). Later events start a new line.
   */
  void finish() {
    synchronized (lock) {
      if (mode == TERMINAL && printedAny) {
        err.println();
        err.flush();
      }
      printedAny = false; // a later update starts a fresh line
      width = 0;
    }
  }

  /**
   * The current line, e.g. {@code recipients 120/1000 · retries 3 · throttled 2 (waited 4.5 s)}.
   */
  String line() {
    StringBuilder s = new StringBuilder();
    if (total.get() > 0) {
      s.append("recipients ").append(done.get()).append('/').append(total.get());
    } else {
      s.append("reading ").append(readDone.get()).append('/').append(readTotal.get());
    }
    s.append(" \u00b7 retries ").append(retries.get());
    s.append(" \u00b7 throttled ").append(throttled.get());
    long waited = waitedMillis.get();
    if (waited > 0) {
      s.append(String.format(Locale.ROOT, " (waited %.1f s)", waited / 1000.0));
    }
    return s.toString();
  }

  private void update(boolean milestone) {
    synchronized (lock) {
      long now = nanoTime.getAsLong();
      String line = line();
      if (mode == TERMINAL) {
        if (!milestone && now - lastPrint < TERMINAL_INTERVAL_NANOS) {
          return;
        }
        int pad = Math.max(0, width - line.length());
        err.print("\r" + line + " ".repeat(pad));
        width = line.length();
      } else {
        boolean tenth = false;
        if (total.get() > 0) {
          int t = done.get() * 10 / total.get();
          if (t != lastTenth) {
            lastTenth = t;
            tenth = true;
          }
        } else if (readTotal.get() > 0) {
          int t = readDone.get() * 10 / readTotal.get();
          if (t != lastReadTenth) {
            lastReadTenth = t;
            tenth = true;
          }
        }
        if (!tenth && !(milestone && !printedAny) && now - lastPrint < LINE_INTERVAL_NANOS) {
          return;
        }
        err.println("smime: " + line);
      }
      err.flush();
      lastPrint = now;
      printedAny = true;
    }
  }
}
