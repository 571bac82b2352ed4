package io.camappliance.webrtc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Asks the one encoder for an IDR on behalf of every viewer, at most once per interval. Each
 * joining viewer and each Picture Loss Indication (RFC 4585 §6.3.1) or Full Intra Request (RFC 5104
 * §4.3.1) wants one; the encoder serves them all with the same IDR, and an IDR costs several P
 * frames' worth of bits, so a burst of requests (a browser repeating its PLI, several viewers
 * joining) must not turn into a burst of IDRs. A request inside the interval is dropped and
 * counted: the IDR already asked for is on its way. Thread-safe.
 */
final class KeyframeRequests {
  private final BooleanSupplier encoder;
  private final long minIntervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong last;
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder suppressed = new LongAdder();

  /**
   * @param encoder asks the source for an IDR (e.g. {@code source::requestKeyframe})
   * @param minIntervalNanos the least time between two requests passed on
   */
  KeyframeRequests(BooleanSupplier encoder, long minIntervalNanos, LongSupplier nanoClock) {
    this.encoder = encoder;
    this.minIntervalNanos = minIntervalNanos;
    this.nanoClock = nanoClock;
    this.last = new AtomicLong(nanoClock.getAsLong() - minIntervalNanos);
  }

  /** Passes the request on unless one went out within the interval; true when passed on. */
  boolean request() {
    long now = nanoClock.getAsLong();
    long previous = last.get();
    if (now - previous < minIntervalNanos || !last.compareAndSet(previous, now)) {
      suppressed.increment();
      return false;
    }
    forwarded.increment();
    encoder.getAsBoolean();
    return true;
  }

  long forwarded() {
    return forwarded.sum();
  }

  long suppressed() {
    return suppressed.sum();
  }
}
