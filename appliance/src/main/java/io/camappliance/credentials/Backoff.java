package io.camappliance.credentials;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure (n ≥ 1) waits between half
 * and all of {@code min(max, initial × 2^(n−1))}, so retries of many devices spread out while the
 * wait still grows.
 *
 * @param initial the full wait after the first failure
 * @param max the cap of the full wait
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial (" + initial + ") <= max (" + max + ")");
    }
  }

  /** The full (unjittered) wait after {@code failures} consecutive failures. */
  public Duration ceiling(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures " + failures + " < 1");
    }
    int shift = Math.min(failures - 1, 30);
    long nanos = initial.toNanos();
    return nanos > max.toNanos() >> shift ? max : Duration.ofNanos(nanos << shift);
  }

  /** The jittered wait after {@code failures} consecutive failures: in [ceiling/2, ceiling]. */
  public Duration delay(int failures, Random random) {
    long full = ceiling(failures).toNanos();
    long half = full / 2;
    return Duration.ofNanos(half + (long) (random.nextDouble() * (full - half)));
  }
}
