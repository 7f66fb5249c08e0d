package io.github.smimekit.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when the client sleeps: retry tests wait no real time. */
final class FakeTime extends Clock implements Sleeper {
  private final AtomicReference<Instant> now;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTime(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now.updateAndGet(t -> t.plus(duration));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
