package io.camappliance.camera;

/**
 * Exponential backoff for restarting a camera process: {@code initial}, doubling per failure up to
 * {@code max}; a run that stayed up for {@code stableMillis} resets it.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final long stableMillis;
  private long next;

  Backoff(long initialMillis, long maxMillis, long stableMillis) {
    if (initialMillis <= 0 || maxMillis < initialMillis) {
      throw new IllegalArgumentException(
          "backoff " + initialMillis + ".." + maxMillis + " ms is not a positive range");
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.stableMillis = stableMillis;
    this.next = initialMillis;
  }

  /** 0.5 s doubling to 30 s; a minute of uptime counts as recovered. */
  static Backoff standard() {
    return new Backoff(500, 30_000, 60_000);
  }

  /** The delay before the next restart, given how long the last run lasted. */
  long delayAfter(long runMillis) {
    if (runMillis >= stableMillis) {
      next = initialMillis;
    }
    long delay = next;
    next = Math.min(maxMillis, next * 2);
    return delay;
  }
}
