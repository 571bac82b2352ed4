package io.camappliance.core;

/**
 * Frames and bits per second of a growing pair of counters, over the last interval of at least one
 * second between samples (for the status page, which polls every few seconds). Thread safe.
 */
final class RateMeter {
  private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

  private long lastNanos = -1;
  private long lastFrames;
  private long lastBytes;
  private double framesPerSecond;
  private double bitsPerSecond;

  /** Takes a sample of the counters; returns {frames/s, bits/s} of the latest full interval. */
  synchronized double[] sample(long nowNanos, long frames, long bytes) {
    if (lastNanos < 0) {
      lastNanos = nowNanos;
      lastFrames = frames;
      lastBytes = bytes;
    } else if (nowNanos - lastNanos >= MIN_INTERVAL_NANOS) {
      double seconds = (nowNanos - lastNanos) / 1e9;
      framesPerSecond = (frames - lastFrames) / seconds;
      bitsPerSecond = (bytes - lastBytes) * 8 / seconds;
      lastNanos = nowNanos;
      lastFrames = frames;
      lastBytes = bytes;
    }
    return new double[] {framesPerSecond, bitsPerSecond};
  }
}
