package io.camappliance.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * When to fetch new credentials (IoT reference §1.4): before expiry by a margin of {@code
 * max(minMargin, fraction × lifetime)} plus a random jitter of up to {@code maxJitter}, and after a
 * failure by {@link Backoff}.
 *
 * <p>The minimum margin of 38 s is the C producer's grace period (5 s + 30 s minimum streaming
 * token lifetime + 3 s), so a credential the producer would still accept is never the only one.
 *
 * @param minMargin the smallest margin before expiry
 * @param fraction the margin as a fraction of the lifetime (0.10: 6 minutes of an hour)
 * @param maxJitter the largest random extra advance, spreading a fleet's refreshes
 * @param backoff waits after failures
 * @param permanentFailureRetry the wait after a failure a person must fix (wrong alias, revoked
 *     certificate): probing, not hammering
 */
public record RefreshPolicy(
    Duration minMargin,
    double fraction,
    Duration maxJitter,
    Backoff backoff,
    Duration permanentFailureRetry) {

  public static final Duration C_PRODUCER_GRACE = Duration.ofSeconds(5 + 30 + 3);

  public RefreshPolicy {
    if (fraction < 0 || fraction >= 1) {
      throw new IllegalArgumentException("fraction " + fraction + " is not in [0, 1)");
    }
    if (minMargin.isNegative() || maxJitter.isNegative() || permanentFailureRetry.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** 38 s / 10 %, up to 3 s jitter, backoff 1 s to 2 min, permanent failures every 5 min. */
  public static RefreshPolicy defaults() {
    return new RefreshPolicy(
        C_PRODUCER_GRACE,
        0.10,
        Duration.ofSeconds(3),
        new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2)),
        Duration.ofMinutes(5));
  }

  public RefreshPolicy withBackoff(Backoff b, Duration permanent) {
    return new RefreshPolicy(minMargin, fraction, maxJitter, b, permanent);
  }

  /** The margin before expiry for credentials that live {@code lifetime}. */
  public Duration margin(Duration lifetime) {
    Duration proportional = Duration.ofMillis((long) (lifetime.toMillis() * fraction));
    return proportional.compareTo(minMargin) > 0 ? proportional : minMargin;
  }

  /**
   * When to refresh credentials fetched at {@code fetchedAt}: {@code expiration − margin − jitter},
   * never before {@code fetchedAt} (a lifetime shorter than the margin refreshes at once, and the
   * cache's backoff then paces it).
   */
  public Instant refreshAt(SessionCredentials c, Instant fetchedAt, Random random) {
    Duration lifetime = Duration.between(fetchedAt, c.expiration());
    long jitterMillis = (long) (random.nextDouble() * maxJitter.toMillis());
    Instant at = c.expiration().minus(margin(lifetime)).minusMillis(jitterMillis);
    return at.isBefore(fetchedAt) ? fetchedAt : at;
  }
}
