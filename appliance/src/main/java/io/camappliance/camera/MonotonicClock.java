package io.camappliance.camera;

/**
 * Epoch microseconds that never go backwards: the wall clock is read once, at construction, and
 * {@link System#nanoTime()} advances it from there. An NTP step after start moves {@link
 * #wallMicros()} but not {@link #nowMicros()}.
 */
final class MonotonicClock {
  private final long anchorEpochMicros;
  private final long anchorNanos;

  MonotonicClock() {
    this.anchorNanos = System.nanoTime();
    this.anchorEpochMicros = wallMicros();
  }

  /** The anchored clock: epoch microseconds, monotonic. */
  long nowMicros() {
    return anchorEpochMicros + (System.nanoTime() - anchorNanos) / 1000;
  }

  /** The epoch microsecond the clock was anchored at. */
  long anchorMicros() {
    return anchorEpochMicros;
  }

  /** The nanoTime that corresponds to {@code epochMicros} on the anchored clock. */
  long nanoTimeAt(long epochMicros) {
    return anchorNanos + (epochMicros - anchorEpochMicros) * 1000;
  }

  /** The wall clock now, in epoch microseconds (may jump with NTP). */
  static long wallMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }
}
