package io.camappliance.kvs;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * When a live PutMedia connection must give way to a new one (KVS PutMedia reference §8.3, token
 * rotation): before the rotation period (below the service's 45 minutes), and once the credentials
 * that signed it expire within the rotation margin and newer ones are at hand. New credentials are
 * asked for {@link #RENEW_AHEAD} before the margin, so the rotation meets it; {@link #HARD_LIMIT}
 * before expiry the connection rotates even without them.
 */
final class Rotation {
  static final Duration RENEW_AHEAD = Duration.ofSeconds(5);
  static final Duration HARD_LIMIT = Duration.ofSeconds(3);

  private final UploaderSettings settings;
  private final UploadCredentials credentials;

  Rotation(UploaderSettings settings, UploadCredentials credentials) {
    this.settings = settings;
    this.credentials = credentials;
  }

  /** Why {@code c} must end before its next fragment, or null while it may go on. */
  String reason(UploadConnection c, Instant now) {
    long ageNanos = c.ageNanos();
    if (ageNanos >= settings.rotationPeriod().toNanos()) {
      return "rotation: the connection is "
          + TimeUnit.NANOSECONDS.toSeconds(ageNanos)
          + " s old (rotation period "
          + settings.rotationPeriod().toSeconds()
          + " s)";
    }
    Instant expiry = c.credentialsExpiry();
    if (expiry.equals(Instant.MAX)) {
      return null;
    }
    Duration left = Duration.between(now, expiry);
    Instant fresh = credentials.expiration();
    if (left.compareTo(settings.rotationMargin().plus(RENEW_AHEAD)) <= 0
        && !fresh.isAfter(expiry)) {
      credentials.renew();
    }
    if (left.compareTo(settings.rotationMargin()) <= 0
        && (fresh.isAfter(expiry) || left.compareTo(HARD_LIMIT) <= 0)) {
      return "rotation: the signing credentials expire in "
          + left.toSeconds()
          + " s (margin "
          + settings.rotationMargin().toSeconds()
          + " s), new ones expire at "
          + fresh;
    }
    return null;
  }
}
