package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.exchange.RecipientOutcome;
import io.github.smimekit.exchange.RecipientType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ProgressDisplay}: the terminal line, the rate-limited plain lines, thread safety. */
final class ProgressDisplayTest {
  private static final RecipientOutcome DONE =
      new RecipientOutcome(
          "alice@contoso.example",
          Optional.of(RecipientType.MAILBOX),
          RecipientOutcome.Status.APPLIED,
          Optional.empty(),
          List.of(),
          List.of());

  @Test
  void terminal_oneLineRewrittenInPlace() {
    StringWriter s = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressDisplay p =
        new ProgressDisplay(new PrintWriter(s, true), ProgressDisplay.TERMINAL, now::get);
    p.started(1000);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    p.retrying("Set-Mailbox", "alice@contoso.example", 1, Duration.ofSeconds(2), "HTTP 503");
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    p.throttled("Set-Mailbox", Duration.ofMillis(4500));
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    for (int i = 1; i <= 120; i++) {
      p.recipientDone(DONE, i, 1000);
    }
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    p.recipientDone(DONE, 121, 1000);
    p.finish();
    String out = s.toString();
    assertThat(out).startsWith("\r").endsWith(System.lineSeparator()).doesNotContain("smime:");
    assertThat(out.substring(out.lastIndexOf('\r') + 1).strip())
        .isEqualTo("recipients 121/1000 \u00b7 retries 1 \u00b7 throttled 1 (waited 4.5 s)");
    // updates within 100 ms of each other are skipped: not 120 rewrites for 120 recipients
    assertThat(out.chars().filter(c -> c == '\r').count()).isLessThan(10);
  }

  @Test
  void lines_everyTenthAndAtTheEnd() {
    StringWriter s = new StringWriter();
    ProgressDisplay p =
        new ProgressDisplay(new PrintWriter(s, true), ProgressDisplay.LINES, () -> 0);
    p.started(1000);
    for (int i = 1; i <= 1000; i++) {
      p.recipientDone(DONE, i, 1000);
    }
    p.finish();
    List<String> lines = s.toString().lines().toList();
    assertThat(lines).doesNotContain("\r");
    assertThat(lines).hasSize(11); // 0/1000, then each tenth up to 1000/1000
    assertThat(lines.get(0))
        .isEqualTo("smime: recipients 0/1000 \u00b7 retries 0 \u00b7 throttled 0");
    assertThat(lines.get(10))
        .isEqualTo("smime: recipients 1000/1000 \u00b7 retries 0 \u00b7 throttled 0");
  }

  @Test
  void lines_alsoAfterFiveSecondsWithoutATenth() {
    StringWriter s = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressDisplay p =
        new ProgressDisplay(new PrintWriter(s, true), ProgressDisplay.LINES, now::get);
    p.started(1000);
    p.recipientDone(DONE, 1, 1000);
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    p.recipientDone(DONE, 2, 1000);
    assertThat(s.toString().lines())
        .containsExactly(
            "smime: recipients 0/1000 \u00b7 retries 0 \u00b7 throttled 0",
            "smime: recipients 2/1000 \u00b7 retries 0 \u00b7 throttled 0");
  }

  @Test
  @Timeout(60)
  void concurrentEvents_areAllCounted_andLinesAreWhole() throws Exception {
    StringWriter s = new StringWriter();
    ProgressDisplay p =
        new ProgressDisplay(new PrintWriter(s, true), ProgressDisplay.LINES, System::nanoTime);
    int total = 4000;
    p.started(total);
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < total; i++) {
      pool.execute(
          () -> {
            p.retrying("Set-Mailbox", "x", 1, Duration.ZERO, "HTTP 503");
            p.throttled("Set-Mailbox", Duration.ofMillis(1));
            p.recipientDone(DONE, done.incrementAndGet(), total);
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(50, TimeUnit.SECONDS)).isTrue();
    assertThat(p.line())
        .isEqualTo(
            "recipients "
                + total
                + "/"
                + total
                + " \u00b7 retries 4000 \u00b7 throttled 4000 (waited 4.0 s)");
    assertThat(s.toString().lines())
        .isNotEmpty()
        .allMatch(
            l ->
                l.matches(
                    "smime: recipients \\d+/4000 \u00b7 retries \\d+ \u00b7 throttled \\d+( \\(waited [0-9.]+ s\\))?"));
  }
}
